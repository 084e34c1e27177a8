package fr.eterrain.core.store.dynamo;

import fr.eterrain.core.store.TableLayout;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reading plain attribute maps for the small platform records. */
final class Attributes {
    private Attributes() {
    }

    /** The primary key of an item of any of our tables (see TableLayout). */
    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(TableLayout.PK, AttributeValue.fromS(pk), TableLayout.SK, AttributeValue.fromS(sk));
    }

    static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    static List<String> list(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || !value.hasL() ? List.of() : value.l().stream().map(AttributeValue::s).toList();
    }

    static AttributeValue strings(List<String> values) {
        return AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList());
    }
}
