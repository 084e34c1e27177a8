package fr.eterrain.core.store.dynamo;

import fr.eterrain.core.content.Content;
import fr.eterrain.core.content.ContentKind;
import fr.eterrain.core.content.ContentRef;
import fr.eterrain.core.content.ContentStatus;
import fr.eterrain.core.content.Decision;
import fr.eterrain.core.security.FieldCipher;
import fr.eterrain.core.store.TableLayout;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Content items as attribute maps (low-level client, no reflection). In the federation table: the content
 * ({@code CONTENT#<id>}/{@code CONTENT}, listed through gsi1 {@code CONTENTS}), its decisions
 * ({@code DECISION#<at>#<id>}) and engagement markers in the same partition. In the platform table: the
 * projection of a content in the national library ({@code CONTENT#<fed>#<id>}/{@code APPROVED}, gsi1
 * {@code CONTENTS#approved}), or awaiting HQ's review (same key, gsi1 {@code CONTENTS#review}), without the proposer.
 */
final class ContentItems {
    static final String SK = "CONTENT";
    static final String OWN_INDEX = "CONTENTS";
    static final String APPROVED_INDEX = "CONTENTS#approved";
    /** HQ's review queue: approved by their federation, awaiting the national decision. */
    static final String REVIEW_INDEX = "CONTENTS#review";
    static final String PROJECTION_SK = "APPROVED";
    static final String DECISION = "DECISION#";
    static final List<String> COUNTERS = List.of("relays", "likes", "clicks");

    private ContentItems() {
    }

    static String pk(String id) {
        return "CONTENT#" + id;
    }

    static Map<String, AttributeValue> key(String id) {
        return Map.of(TableLayout.PK, s(pk(id)), TableLayout.SK, s(SK));
    }

    static Map<String, AttributeValue> projectionKey(ContentRef ref) {
        return Map.of(TableLayout.PK, s("CONTENT#" + ref.federation() + "#" + ref.id()), TableLayout.SK, s(PROJECTION_SK));
    }

    /** The attributes a state change writes; a null value means "remove". Keys and counters are not here. */
    static Map<String, AttributeValue> state(Content c, FieldCipher cipher) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put("id", s(c.id()));
        m.put("federation", s(c.federation()));
        m.put("title", s(c.title()));
        m.put("kind", s(c.kind().wire()));
        m.put("description", s(c.description()));
        m.put("tags", c.tags().isEmpty() ? null : AttributeValue.fromL(c.tags().stream().map(AttributeValue::fromS).toList()));
        m.put("credits", s(c.credits()));
        m.put("rightsHolder", s(c.rights().holder()));
        m.put("rightsLicense", s(c.rights().license()));
        m.put("proposerEnc", c.proposerName() == null || cipher == null ? null
                : s(cipher.encrypt(c.proposerName(), SealedFields.contentProposer(c.federation(), c.id()))));
        m.put("fileName", s(c.file().name()));
        m.put("contentType", s(c.file().contentType()));
        m.put("size", n(c.file().size()));
        m.put("sha256", s(c.file().sha256()));
        m.put("uploadKey", s(c.file().uploadKey()));
        m.put("uploadId", s(c.file().uploadId()));
        m.put("status", s(c.status().wire()));
        m.put("objectKey", s(c.objectKey()));
        m.put("thumbnailKey", s(c.thumbnailKey()));
        m.put("rejectionReason", c.rejection() == null ? null : s(c.rejection().reason()));
        m.put("rejectedBy", c.rejection() == null ? null : s(c.rejection().by()));
        m.put("rejectedAt", c.rejection() == null ? null : time(c.rejection().at()));
        m.put("createdAt", time(c.createdAt()));
        m.put("updatedAt", time(c.updatedAt()));
        m.put("submittedAt", time(c.submittedAt()));
        m.put("approvedAt", time(c.approvedAt()));
        m.put("nationalAt", time(c.national().approvedAt()));
        Content.Rejection refusal = c.national().refusal();
        m.put("nationalRefusalReason", refusal == null ? null : s(refusal.reason()));
        m.put("nationalRefusedBy", refusal == null ? null : s(refusal.by()));
        m.put("nationalRefusedAt", refusal == null ? null : time(refusal.at()));
        m.put(TableLayout.TTL, c.expiresAt() == null ? null : n(c.expiresAt().getEpochSecond()));
        return m;
    }

    /** A new content item: keys, state, zero counters, version 1. */
    static Map<String, AttributeValue> item(Content c, FieldCipher cipher) {
        Map<String, AttributeValue> item = new HashMap<>(key(c.id()));
        item.put(TableLayout.GSI1_PK, s(OWN_INDEX));
        item.put(TableLayout.GSI1_SK, s(SortableTime.of(c.createdAt()) + "#" + c.id()));
        state(c, cipher).forEach((k, v) -> {
            if (v != null) {
                item.put(k, v);
            }
        });
        COUNTERS.forEach(k -> item.put(k, n(0)));
        item.put("version", n(c.version() + 1));
        return item;
    }

    /**
     * What other federations may read of a content of the national library, with its counters; or, for one
     * awaiting HQ's review, what HQ's queue lists (sorted by national, resp. federation, approval).
     */
    static Map<String, AttributeValue> projection(Content c) {
        Map<String, AttributeValue> item = new HashMap<>(projectionKey(c.ref()));
        boolean library = c.inLibrary();
        item.put(TableLayout.GSI1_PK, s(library ? APPROVED_INDEX : REVIEW_INDEX));
        item.put(TableLayout.GSI1_SK, s(SortableTime.of(library ? c.national().approvedAt() : c.approvedAt())
                + "#" + c.federation() + "#" + c.id()));
        state(c, null).forEach((k, v) -> {
            if (v != null && !k.equals(TableLayout.TTL) && !k.equals("uploadKey") && !k.equals("uploadId")
                    && !k.equals("sha256")) {
                item.put(k, v);
            }
        });
        item.put("relays", n(c.engagement().relays()));
        item.put("likes", n(c.engagement().likes()));
        item.put("clicks", n(c.engagement().clicks()));
        return item;
    }

    static Content fromItem(Map<String, AttributeValue> m, FieldCipher cipher) {
        String proposer = Attributes.s(m, "proposerEnc");
        String rejectedAt = Attributes.s(m, "rejectedAt");
        String refusedAt = Attributes.s(m, "nationalRefusedAt");
        return new Content(Attributes.s(m, "id"), Attributes.s(m, "federation"), Attributes.s(m, "title"),
                ContentKind.parse(Attributes.s(m, "kind")).orElseThrow(), Attributes.s(m, "description"),
                Attributes.list(m, "tags"), Attributes.s(m, "credits"),
                new Content.Rights(Attributes.s(m, "rightsHolder"), Attributes.s(m, "rightsLicense")),
                proposer == null || cipher == null ? null
                        : cipher.decrypt(proposer, SealedFields.contentProposer(Attributes.s(m, "federation"), Attributes.s(m, "id"))),
                new Content.FileSpec(Attributes.s(m, "fileName"), Attributes.s(m, "contentType"), number(m, "size"),
                        Attributes.s(m, "sha256"), Attributes.s(m, "uploadKey"), Attributes.s(m, "uploadId")),
                ContentStatus.parse(Attributes.s(m, "status")).orElseThrow(), Attributes.s(m, "objectKey"),
                Attributes.s(m, "thumbnailKey"),
                rejectedAt == null ? null : new Content.Rejection(Attributes.s(m, "rejectionReason"),
                        Attributes.s(m, "rejectedBy"), Instant.parse(rejectedAt)),
                instant(m, "createdAt"), instant(m, "updatedAt"), instant(m, "submittedAt"), instant(m, "approvedAt"),
                m.containsKey(TableLayout.TTL) ? Instant.ofEpochSecond(number(m, TableLayout.TTL)) : null,
                new Content.Engagement(number(m, "relays"), number(m, "likes"), number(m, "clicks")),
                new Content.National(instant(m, "nationalAt"), refusedAt == null ? null : new Content.Rejection(
                        Attributes.s(m, "nationalRefusalReason"), Attributes.s(m, "nationalRefusedBy"), Instant.parse(refusedAt))),
                number(m, "version"));
    }

    static Map<String, AttributeValue> decision(Decision d) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableLayout.PK, s(pk(d.content().id())));
        item.put(TableLayout.SK, s(DECISION + SortableTime.of(d.at()) + "#" + d.id()));
        item.put("decision", s(d.verdict().wire()));
        item.put("level", s(d.level().wire()));
        if (d.reason() != null) {
            item.put("reason", s(d.reason()));
        }
        item.put("keyId", s(d.keyId()));
        item.put("role", s(d.role()));
        item.put("scope", s(d.scope()));
        item.put("at", s(d.at().toString()));
        return item;
    }

    static Decision decisionFrom(Map<String, AttributeValue> m, ContentRef ref) {
        String sk = Attributes.s(m, TableLayout.SK);
        return new Decision(sk.substring(sk.lastIndexOf('#') + 1), ref,
                Decision.Verdict.parse(Attributes.s(m, "decision")).orElseThrow(),
                Decision.Level.parse(Attributes.s(m, "level")), Attributes.s(m, "reason"),
                Attributes.s(m, "keyId"), Attributes.s(m, "role"), Attributes.s(m, "scope"), Instant.parse(Attributes.s(m, "at")));
    }

    static AttributeValue s(String value) {
        return value == null ? null : AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static AttributeValue time(Instant at) {
        return at == null ? null : AttributeValue.fromS(at.toString());
    }

    private static Instant instant(Map<String, AttributeValue> m, String name) {
        String value = Attributes.s(m, name);
        return value == null ? null : Instant.parse(value);
    }

    static long number(Map<String, AttributeValue> m, String name) {
        AttributeValue value = m.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }
}
