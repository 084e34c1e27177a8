package fr.eterrain.core.aws.lite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * DynamoDB's API as its JSON documents (the requests and answers of the
 * <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/">API reference</a>), for the hot paths that
 * carry no SDK. Refusals are {@link AwsServiceException}s named as the reference names them.
 */
public interface DynamoJson extends JsonApi {

    /** {@code {"S": value}} */
    static ObjectNode s(String value) {
        return Json.object().put("S", value);
    }

    /** {@code {"N": "value"}} */
    static ObjectNode n(long value) {
        return Json.object().put("N", Long.toString(value));
    }

    static ObjectNode bool(boolean value) {
        return Json.object().put("BOOL", value);
    }

    /** The table's key, {@code pk} and {@code sk}. */
    static ObjectNode key(String pk, String sk) {
        ObjectNode key = Json.object();
        key.set("pk", s(pk));
        key.set("sk", s(sk));
        return key;
    }

    /** A string attribute of an item in an answer, or null. */
    static String string(JsonNode item, String name) {
        JsonNode value = item.path(name).path("S");
        return value.isTextual() ? value.asText() : null;
    }

    /** A list of strings attribute, empty when absent. */
    static List<String> strings(JsonNode item, String name) {
        List<String> out = new ArrayList<>();
        item.path(name).path("L").forEach(v -> out.add(v.path("S").asText()));
        return out;
    }
}
