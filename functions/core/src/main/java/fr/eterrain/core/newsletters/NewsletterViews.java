package fr.eterrain.core.newsletters;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.json.Json;

/** The JSON shape of a newsletter: its draft, audience, state, progress and estimated time left. */
public final class NewsletterViews {
    private NewsletterViews() {
    }

    public static ObjectNode newsletter(Newsletter nl, int effectiveRatePerSecond) {
        ObjectNode node = Json.object();
        node.put("id", nl.getId());
        node.put("subject", nl.getSubject());
        node.put("preheader", nl.getPreheader());
        node.set("blocks", nl.getBlocks());
        node.set("segment", nl.getSegment().toJson());
        node.put("state", nl.getState().wire());
        node.put("stateReason", nl.getStateReason());
        node.put("scheduledAt", nl.getScheduledAt() == null ? null : nl.getScheduledAt().toString());
        node.put("createdAt", nl.getCreatedAt().toString());
        node.put("updatedAt", nl.getUpdatedAt().toString());
        node.put("startedAt", nl.getStartedAt() == null ? null : nl.getStartedAt().toString());
        node.put("finishedAt", nl.getFinishedAt() == null ? null : nl.getFinishedAt().toString());
        ObjectNode progress = node.putObject("progress");
        progress.put("total", nl.getTotal());
        progress.put("sent", nl.getSent());
        progress.put("failed", nl.getFailed());
        progress.put("suppressed", nl.getSuppressed());
        progress.put("delivered", nl.getDelivered());
        progress.put("bounced", nl.getBounced());
        progress.put("complaints", nl.getComplaints());
        progress.put("measured", nl.getMeasured());
        long left = Math.max(0, nl.getTotal() - nl.getSent() - nl.getFailed() - nl.getSuppressed());
        if (nl.getState() == NewsletterState.SENDING && nl.isMaterialized()) {
            progress.put("etaSeconds", left / Math.max(1, effectiveRatePerSecond));
        } else {
            progress.putNull("etaSeconds");
        }
        return node;
    }
}
