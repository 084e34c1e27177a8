package fr.eterrain.core.store.dynamo;

import fr.eterrain.core.newsletters.Blackout;
import fr.eterrain.core.newsletters.Blackouts;
import fr.eterrain.core.store.TableLayout;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Blackouts in the platform table ({@code BLACKOUT} / id), read once per 30 s per container. */
public final class DynamoBlackouts implements Blackouts {
    private static final Duration CACHE = Duration.ofSeconds(30);
    private final DynamoDbClient dynamo;
    private final TableLayout layout;
    private final Cached<List<Blackout>> cached;

    public DynamoBlackouts(DynamoDbClient dynamo, TableLayout layout, Clock clock) {
        this.dynamo = dynamo;
        this.layout = layout;
        this.cached = new Cached<>(this::load, CACHE, clock);
    }

    @Override
    public void add(Blackout b) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableLayout.PK, AttributeValue.fromS("BLACKOUT"));
        item.put(TableLayout.SK, AttributeValue.fromS(b.id()));
        item.put("start", AttributeValue.fromS(b.start().toString()));
        item.put("end", AttributeValue.fromS(b.end().toString()));
        item.put("reason", AttributeValue.fromS(b.reason()));
        item.put("federations", Attributes.strings(b.federations()));
        item.put(TableLayout.TTL, AttributeValue.fromN(Long.toString(b.end().plus(Duration.ofDays(30)).getEpochSecond())));
        dynamo.putItem(r -> r.tableName(layout.platformTable()).item(item));
        cached.invalidate();
    }

    @Override
    public boolean remove(String id) {
        var old = dynamo.deleteItem(r -> r.tableName(layout.platformTable())
                .key(Attributes.key("BLACKOUT", id))
                .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_OLD)).attributes();
        cached.invalidate();
        return old != null && !old.isEmpty();
    }

    @Override
    public List<Blackout> all() {
        return cached.get();
    }

    private List<Blackout> load() {
        return dynamo.queryPaginator(r -> r.tableName(layout.platformTable()).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("BLACKOUT"))))
                .items().stream().map(i -> new Blackout(Attributes.s(i, TableLayout.SK), Instant.parse(Attributes.s(i, "start")),
                        Instant.parse(Attributes.s(i, "end")), Attributes.s(i, "reason"), Attributes.list(i, "federations")))
                .toList();
    }
}
