package fr.eterrain.core.store.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.contacts.PendingSignup;
import fr.eterrain.core.contacts.SignupRequests;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.security.FieldCipher;
import fr.eterrain.core.store.TableLayout;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Signup requests awaiting their handling, in the federation's table ({@code SIGNUP#<request id>} / {@code REQUEST}):
 * the address and the request in one encrypted attribute, expiring a day after the signup (TTL) if never handled.
 */
public final class DynamoSignupRequests implements SignupRequests {
    static final Duration RETENTION = Duration.ofDays(1);
    private static final String SK = "REQUEST";

    private final DynamoDbClient dynamo;
    private final TableLayout layout;
    private final FieldCipher cipher;

    public DynamoSignupRequests(DynamoDbClient dynamo, TableLayout layout, FieldCipher cipher) {
        this.dynamo = dynamo;
        this.layout = layout;
        this.cipher = cipher;
    }

    private static Map<String, AttributeValue> key(String requestId) {
        return Attributes.key("SIGNUP#" + requestId, SK);
    }

    @Override
    public void save(String federation, String requestId, Stored request) {
        ObjectNode plain = Json.object();
        plain.put("email", request.email());
        plain.put("pending", request.pending().toJson());
        Map<String, AttributeValue> item = new HashMap<>(key(requestId));
        item.put("requestEnc", AttributeValue.fromS(cipher.encrypt(Json.write(plain), SealedFields.signupRequest(requestId))));
        item.put(TableLayout.TTL, AttributeValue.fromN(Long.toString(
                request.pending().requestedAt().plus(RETENTION).getEpochSecond())));
        dynamo.putItem(r -> r.tableName(layout.federationTable(federation)).item(item));
    }

    @Override
    public Optional<Stored> find(String federation, String requestId) {
        if (requestId == null || !requestId.matches("[A-Za-z0-9_-]{1,40}")) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(layout.federationTable(federation))
                .key(key(requestId)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        JsonNode plain = Json.parse(cipher.decrypt(Attributes.s(item, "requestEnc"), SealedFields.signupRequest(requestId)));
        return Optional.of(new Stored(Json.text(plain, "email"), PendingSignup.fromJson(Json.text(plain, "pending"))));
    }

    @Override
    public void delete(String federation, String requestId) {
        dynamo.deleteItem(r -> r.tableName(layout.federationTable(federation)).key(key(requestId)));
    }
}
