package fr.eterrain.core.store.dynamo;

import fr.eterrain.core.federation.Federation;
import fr.eterrain.core.federation.FederationRegistry;
import fr.eterrain.core.store.TableLayout;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The registry in the platform table ({@code pk=FEDERATION, sk=<id>}): one query loads all 102, kept for a few
 * minutes per container, so a lookup costs nothing on the hot path. A failed or empty read is not kept.
 */
public final class DynamoFederationRegistry implements FederationRegistry {
    private static final String PK = "FEDERATION";
    private static final Duration CACHE = Duration.ofMinutes(5);

    private final DynamoDbClient dynamo;
    private final TableLayout layout;
    private final Cached<Map<String, Federation>> cached;

    public DynamoFederationRegistry(DynamoDbClient dynamo, TableLayout layout, Clock clock) {
        this.dynamo = dynamo;
        this.layout = layout;
        // An empty registry is a stage not seeded yet (a request during provisioning): never kept.
        this.cached = new Cached<>(this::load, CACHE, clock, loaded -> !loaded.isEmpty());
    }

    @Override
    public Optional<Federation> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(cached.get().get(id));
    }

    @Override
    public List<Federation> all() {
        return List.copyOf(cached.get().values());
    }

    private Map<String, Federation> load() {
        Map<String, Federation> loaded = new LinkedHashMap<>();
        dynamo.queryPaginator(r -> r.tableName(layout.platformTable()).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(PK))))
                .items().forEach(item -> {
                    Federation f = fromItem(item);
                    loaded.put(f.id(), f);
                });
        return loaded;
    }

    /** Seeds federations that are not there yet; never overwrites what HQ edited. */
    public int seed(List<Federation> federations) {
        int created = 0;
        for (Federation f : federations) {
            try {
                dynamo.putItem(r -> r.tableName(layout.platformTable()).item(toItem(f)).conditionExpression("attribute_not_exists(pk)"));
                created++;
            } catch (ConditionalCheckFailedException e) {
                // already seeded
            }
        }
        cached.invalidate();
        return created;
    }

    /** HQ's edit of a federation's origins and brand overrides. */
    public void save(Federation federation) {
        dynamo.putItem(r -> r.tableName(layout.platformTable()).item(toItem(federation)));
        cached.invalidate();
    }

    private static Map<String, AttributeValue> toItem(Federation f) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableLayout.PK, AttributeValue.fromS(PK));
        item.put(TableLayout.SK, AttributeValue.fromS(f.id()));
        item.put("name", AttributeValue.fromS(f.name()));
        item.put("senderAddress", AttributeValue.fromS(f.senderAddress()));
        item.put("allowedOrigins", Attributes.strings(f.allowedOrigins()));
        Map<String, AttributeValue> brand = new HashMap<>();
        f.brandOverrides().forEach((k, v) -> brand.put(k, AttributeValue.fromS(v)));
        item.put("brand", AttributeValue.fromM(brand));
        return item;
    }

    private static Federation fromItem(Map<String, AttributeValue> item) {
        Map<String, String> brand = new LinkedHashMap<>();
        AttributeValue brandValue = item.get("brand");
        if (brandValue != null && brandValue.hasM()) {
            brandValue.m().forEach((k, v) -> brand.put(k, v.s()));
        }
        return new Federation(Attributes.s(item, TableLayout.SK), Attributes.s(item, "name"), Attributes.s(item, "senderAddress"),
                new ArrayList<>(Attributes.list(item, "allowedOrigins")), brand);
    }
}
