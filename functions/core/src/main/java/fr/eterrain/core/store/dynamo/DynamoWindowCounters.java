package fr.eterrain.core.store.dynamo;

import fr.eterrain.core.newsletters.WindowCounters;
import fr.eterrain.core.store.TableLayout;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Send-rate windows in the platform table: one conditional ADD per grant, expired by TTL a minute later. */
public final class DynamoWindowCounters implements WindowCounters {
    private final DynamoDbClient dynamo;
    private final TableLayout layout;

    public DynamoWindowCounters(DynamoDbClient dynamo, TableLayout layout) {
        this.dynamo = dynamo;
        this.layout = layout;
    }

    private static Map<String, AttributeValue> key(String key, long window) {
        return Attributes.key("SENDRATE#" + key, Long.toString(window));
    }

    @Override
    public boolean tryAdd(String key, long window, int amount, int limit) {
        try {
            dynamo.updateItem(r -> r.tableName(layout.platformTable()).key(key(key, window))
                    .updateExpression("ADD hits :n SET expiresAt = :ttl")
                    .conditionExpression("attribute_not_exists(hits) OR hits <= :room")
                    .expressionAttributeValues(Map.of(":n", AttributeValue.fromN(Integer.toString(amount)),
                            ":room", AttributeValue.fromN(Integer.toString(limit - amount)),
                            ":ttl", AttributeValue.fromN(Long.toString(window + 60)))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void subtract(String key, long window, int amount) {
        dynamo.updateItem(r -> r.tableName(layout.platformTable()).key(key(key, window))
                .updateExpression("ADD hits :n")
                .expressionAttributeValues(Map.of(":n", AttributeValue.fromN(Integer.toString(-amount)))));
    }
}
