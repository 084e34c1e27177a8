package fr.eterrain.core.store.dynamo;

import fr.eterrain.core.ratelimit.RateLimiter;
import fr.eterrain.core.store.TableLayout;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** Fixed-window counters in the platform table, one atomic ADD per check, expired by TTL. */
public final class DynamoRateLimiter implements RateLimiter {
    private final DynamoDbClient dynamo;
    private final TableLayout layout;
    private final Clock clock;

    public DynamoRateLimiter(DynamoDbClient dynamo, TableLayout layout, Clock clock) {
        this.dynamo = dynamo;
        this.layout = layout;
        this.clock = clock;
    }

    @Override
    public boolean allow(String key, int limit, Duration window) {
        long windowSeconds = window.toSeconds();
        long windowStart = clock.instant().getEpochSecond() / windowSeconds * windowSeconds;
        var response = dynamo.updateItem(r -> r.tableName(layout.platformTable())
                .key(Attributes.key("RATE#" + key, Long.toString(windowStart)))
                .updateExpression("ADD hits :one SET expiresAt = :ttl")
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"),
                        ":ttl", AttributeValue.fromN(Long.toString(windowStart + 2 * windowSeconds))))
                .returnValues(ReturnValue.UPDATED_NEW));
        return Long.parseLong(response.attributes().get("hits").n()) <= limit;
    }
}
