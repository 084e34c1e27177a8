package fr.eterrain.core.store.dynamo;

import fr.eterrain.core.newsletters.ActiveSends;
import fr.eterrain.core.store.TableLayout;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Active sends in the platform table ({@code ACTIVE_SENDS} / {@code <fed>#<id>}), cached 5 s for the limiter. */
public final class DynamoActiveSends implements ActiveSends {
    private static final Duration CACHE = Duration.ofSeconds(5);
    private final DynamoDbClient dynamo;
    private final TableLayout layout;
    private final Cached<List<Entry>> cached;

    public DynamoActiveSends(DynamoDbClient dynamo, TableLayout layout, Clock clock) {
        this.dynamo = dynamo;
        this.layout = layout;
        this.cached = new Cached<>(this::load, CACHE, clock);
    }

    private static Map<String, AttributeValue> key(String federation, String newsletterId) {
        return Attributes.key("ACTIVE_SENDS", federation + "#" + newsletterId);
    }

    @Override
    public void add(String federation, String newsletterId) {
        dynamo.putItem(r -> r.tableName(layout.platformTable()).item(key(federation, newsletterId)));
        cached.invalidate();
    }

    @Override
    public void remove(String federation, String newsletterId) {
        dynamo.deleteItem(r -> r.tableName(layout.platformTable()).key(key(federation, newsletterId)));
        cached.invalidate();
    }

    @Override
    public List<Entry> all() {
        return cached.get();
    }

    private List<Entry> load() {
        return dynamo.queryPaginator(r -> r.tableName(layout.platformTable()).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("ACTIVE_SENDS"))))
                .items().stream().map(i -> {
                    String sk = Attributes.s(i, TableLayout.SK);
                    return new Entry(sk.substring(0, sk.indexOf('#')), sk.substring(sk.indexOf('#') + 1));
                }).toList();
    }
}
