package fr.eterrain.core.contacts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.json.Json;
import java.time.Instant;

/** The JSON shapes of contacts and consent proofs in the federation API. */
public final class ContactViews {
    private ContactViews() {
    }

    public static ObjectNode contact(Contact c) {
        ObjectNode node = Json.object();
        node.put("id", c.getId());
        node.put("email", c.getEmail());
        node.put("firstName", c.getFirstName());
        node.put("lastName", c.getLastName());
        node.put("postalCode", c.getPostalCode());
        node.put("category", c.getCategory() == null ? null : c.getCategory().wire());
        ArrayNode tags = node.putArray("tags");
        c.getTags().forEach(tags::add);
        node.put("status", c.getStatus().wire());
        ObjectNode consent = node.putObject("consent");
        consent.put("newsletter", c.isNewsletterConsent());
        consent.put("audienceMeasurement", c.isAudienceConsent());
        consent.put("wordingVersion", c.getWordingVersion());
        consent.put("confirmedAt", time(c.getConfirmedAt()));
        node.put("source", c.getSource());
        node.put("origin", c.getOrigin());
        node.put("awaitingConfirmation", c.getPending() != null);
        node.put("suppressed", c.isSuppressed());
        node.put("suppressionReason", c.getSuppressionReason());
        node.put("createdAt", time(c.getCreatedAt()));
        node.put("updatedAt", time(c.getUpdatedAt()));
        node.put("lastActiveAt", time(c.getLastActiveAt()));
        node.put("unsubscribedAt", time(c.getUnsubscribedAt()));
        return node;
    }

    public static ObjectNode consent(ConsentEvent e) {
        ObjectNode node = Json.object();
        node.put("type", e.getType());
        node.put("at", time(e.getAt()));
        node.put("wordingVersion", e.getWordingVersion());
        node.put("source", e.getSource());
        node.put("signupAt", time(e.getSignupAt()));
        node.put("confirmedAt", time(e.getConfirmedAt()));
        if (e.getNewsletter() != null) {
            node.put("newsletter", e.getNewsletter());
        }
        if (e.getAudienceMeasurement() != null) {
            node.put("audienceMeasurement", e.getAudienceMeasurement());
        }
        node.put("signupIpHash", e.getSignupIpHash());
        node.put("signupUserAgentHash", e.getSignupUserAgentHash());
        node.put("actionIpHash", e.getActionIpHash());
        node.put("actionUserAgentHash", e.getActionUserAgentHash());
        node.put("channel", e.getChannel());
        node.put("recordedBy", e.getRecordedBy());
        return node;
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
