package fr.eterrain.core.store.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.store.TableLayout;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Opaque cursors over one gsi1 partition: the last evaluated key as base64url JSON, checked on the way back to
 * be a key of that partition (a cursor cannot be pointed at other items).
 */
final class IndexCursors {
    private static final List<String> KEYS = List.of(TableLayout.PK, TableLayout.SK, TableLayout.GSI1_PK, TableLayout.GSI1_SK);

    private IndexCursors() {
    }

    static String encode(Map<String, AttributeValue> key) {
        if (key == null || key.isEmpty()) {
            return null;
        }
        ObjectNode node = Json.object();
        KEYS.forEach(k -> node.put(k, key.get(k).s()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(node).getBytes(StandardCharsets.UTF_8));
    }

    /** Null for the first page; IllegalArgumentException for anything not issued for this partition. */
    static Map<String, AttributeValue> decode(String cursor, String gsi1pk, String pkPrefix) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        if (cursor.length() > 1024) {
            throw new IllegalArgumentException("cursor too long");
        }
        JsonNode node = Json.parse(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        if (!node.isObject() || node.size() != KEYS.size()) {
            throw new IllegalArgumentException("not a cursor");
        }
        Map<String, AttributeValue> key = new HashMap<>();
        for (String k : KEYS) {
            JsonNode value = node.get(k);
            if (value == null || !value.isTextual() || value.asText().isEmpty()) {
                throw new IllegalArgumentException("not a cursor");
            }
            key.put(k, AttributeValue.fromS(value.asText()));
        }
        if (!gsi1pk.equals(key.get(TableLayout.GSI1_PK).s()) || !key.get(TableLayout.PK).s().startsWith(pkPrefix)) {
            throw new IllegalArgumentException("not a cursor");
        }
        return key;
    }
}
