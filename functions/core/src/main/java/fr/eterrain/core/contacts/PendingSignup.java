package fr.eterrain.core.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.json.Json;
import java.time.Instant;

/**
 * What a person asked for and has not yet confirmed. Applied only when the confirmation link carrying the
 * same nonce is followed, so nobody can change someone else's subscription by submitting their address.
 */
public record PendingSignup(String nonce, Category category, String firstName, String lastName, String postalCode,
                            boolean audienceMeasurement, String wordingVersion, String source, Instant requestedAt,
                            String ipHash, String userAgentHash, String purpose) {

    public static final String SIGNUP = "signup";
    public static final String IMPORT = "import";
    public static final String RECONFIRM = "reconfirm";

    public String toJson() {
        ObjectNode node = Json.object();
        node.put("nonce", nonce);
        node.put("category", category == null ? null : category.wire());
        node.put("firstName", firstName);
        node.put("lastName", lastName);
        node.put("postalCode", postalCode);
        node.put("audienceMeasurement", audienceMeasurement);
        node.put("wordingVersion", wordingVersion);
        node.put("source", source);
        node.put("requestedAt", requestedAt.toString());
        node.put("ipHash", ipHash);
        node.put("userAgentHash", userAgentHash);
        node.put("purpose", purpose);
        return Json.write(node);
    }

    public static PendingSignup fromJson(String json) {
        JsonNode n = Json.parse(json);
        return new PendingSignup(Json.text(n, "nonce"), Category.parse(Json.text(n, "category")).orElse(null),
                Json.text(n, "firstName"), Json.text(n, "lastName"), Json.text(n, "postalCode"),
                n.path("audienceMeasurement").asBoolean(false), Json.text(n, "wordingVersion"), Json.text(n, "source"),
                Instant.parse(Json.text(n, "requestedAt")), Json.text(n, "ipHash"), Json.text(n, "userAgentHash"),
                Json.text(n, "purpose"));
    }
}
