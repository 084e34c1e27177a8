package fr.eterrain.core.content;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.storage.ObjectStorage;
import java.time.Instant;
import java.util.List;

/**
 * The JSON shapes of contents. The owner's view (its federation and HQ) has everything, proposer included; the
 * library view other federations get has no proposer and no moderation detail.
 */
public final class ContentViews {
    private final ContentLinks links;

    public ContentViews(ContentLinks links) {
        this.links = links;
    }

    public ObjectNode owner(Content c, List<Decision> decisions) {
        ObjectNode node = common(c);
        node.put("status", c.status().wire());
        if (c.proposerName() == null) {
            node.putNull("proposer");
        } else {
            node.putObject("proposer").put("displayName", c.proposerName());
        }
        ((ObjectNode) node.get("file")).put("sha256", c.file().sha256());
        if (c.rejection() == null) {
            node.putNull("rejection");
        } else {
            node.putObject("rejection").put("reason", c.rejection().reason()).put("by", c.rejection().by())
                    .put("at", time(c.rejection().at()));
        }
        node.put("createdAt", time(c.createdAt()));
        node.put("submittedAt", time(c.submittedAt()));
        node.put("approvedAt", time(c.approvedAt()));
        national(node, c);
        node.put("thumbnailUrl", links.thumbnailNow(c));
        download(node, c);
        if (decisions != null) {
            ArrayNode log = node.putArray("decisions");
            decisions.forEach(d -> log.addObject().put("decision", d.verdict().wire()).put("level", d.level().wire())
                    .put("reason", d.reason()).put("keyId", d.keyId()).put("role", d.role()).put("at", time(d.at())));
        }
        return node;
    }

    /**
     * Where the content stands with the national library: {@code approved} (other federations see it, the
     * selection may pick it), {@code pending} (approved by its federation, awaiting HQ), {@code refused} (HQ kept it
     * out; it stays published for its federation), {@code none} (not approved by its federation).
     */
    private static void national(ObjectNode node, Content c) {
        ObjectNode national = node.putObject("national");
        Content.National n = c.national();
        national.put("status", n.inLibrary() ? "approved" : n.refusal() != null ? "refused"
                : c.status() == ContentStatus.APPROVED ? "pending" : "none");
        national.put("approvedAt", time(n.approvedAt()));
        if (n.refusal() == null) {
            national.putNull("refusal");
        } else {
            national.putObject("refusal").put("reason", n.refusal().reason()).put("by", n.refusal().by())
                    .put("at", time(n.refusal().at()));
        }
    }

    /**
     * What every federation sees of a content of the national library; with a download link for the detail.
     * {@code approvedAt} is when it entered the national library.
     */
    public ObjectNode library(Content c, boolean withDownload) {
        ObjectNode node = common(c);
        node.put("approvedAt", time(c.national().approvedAt()));
        node.put("thumbnailUrl", links.stableThumbnail(c));
        node.put("href", links.href(c.ref()));
        if (withDownload) {
            download(node, c);
        }
        return node;
    }

    /** HQ's review queue: what its federation approved, with the file to look at. */
    public ObjectNode review(Content c) {
        ObjectNode node = common(c);
        node.put("approvedAt", time(c.approvedAt()));
        node.put("thumbnailUrl", links.thumbnailNow(c));
        node.put("href", links.owner(c.ref()));
        download(node, c);
        return node;
    }

    private ObjectNode common(Content c) {
        ObjectNode node = Json.object();
        node.put("id", c.id());
        node.put("federation", c.federation());
        node.put("title", c.title());
        node.put("kind", c.kind().wire());
        node.put("description", c.description());
        ArrayNode tags = node.putArray("tags");
        c.tags().forEach(tags::add);
        node.put("credits", c.credits());
        node.putObject("rights").put("holder", c.rights().holder()).put("license", c.rights().license());
        node.putObject("file").put("name", c.file().name()).put("contentType", c.file().contentType())
                .put("size", c.file().size());
        Content.Engagement e = c.engagement();
        node.putObject("engagement").put("relays", e.relays()).put("likes", e.likes()).put("clicks", e.clicks());
        return node;
    }

    private void download(ObjectNode node, Content c) {
        if (!c.hasFile()) {
            node.putNull("download");
            return;
        }
        ObjectStorage.Presigned get = links.download(c);
        node.putObject("download").put("url", get.url()).put("expiresAt", time(get.expiresAt()));
    }

    public static ObjectNode upload(UploadPlan plan) {
        ObjectNode node = Json.object();
        node.put("method", plan.method());
        node.put("multipart", plan.multipart());
        node.put("size", plan.size());
        node.put("expiresAt", time(plan.expiresAt()));
        if (!plan.multipart()) {
            node.put("url", plan.url());
            ObjectNode headers = node.putObject("headers");
            plan.headers().forEach(headers::put);
            return node;
        }
        node.put("partSize", plan.partSize());
        ArrayNode parts = node.putArray("parts");
        plan.parts().forEach(p -> {
            ObjectNode part = parts.addObject().put("partNumber", p.partNumber()).put("size", p.size()).put("url", p.url());
            ObjectNode headers = part.putObject("headers");
            p.headers().forEach(headers::put);
        });
        return node;
    }

    static String time(Instant at) {
        return at == null ? null : at.toString();
    }
}
