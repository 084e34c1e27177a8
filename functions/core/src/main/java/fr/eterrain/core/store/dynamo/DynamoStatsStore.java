package fr.eterrain.core.store.dynamo;

import fr.eterrain.core.newsletters.NewsletterKeys;
import fr.eterrain.core.stats.NewsletterFigures;
import fr.eterrain.core.stats.StatsStore;
import fr.eterrain.core.store.TableLayout;
import fr.eterrain.core.tracking.StatsKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** Newsletter items (listed through gsi1 {@code NEWSLETTERS}) joined with their statistics items. */
public final class DynamoStatsStore implements StatsStore {
    private static final List<String> DELIVERY = List.of("total", "sent", "failed", "suppressed", "delivered", "bounced",
            "complaints", "measured");
    /** Newsletters are listed by creation date; one created this long before the period may be sent within it. */
    private static final Duration CREATED_BEFORE_SENT = Duration.ofDays(92);

    private final DynamoDbClient dynamo;
    private final TableLayout layout;

    public DynamoStatsStore(DynamoDbClient dynamo, TableLayout layout) {
        this.dynamo = dynamo;
        this.layout = layout;
    }

    private static Map<String, AttributeValue> key(String newsletterId, String sk) {
        return Attributes.key(NewsletterKeys.pk(newsletterId), sk);
    }

    @Override
    public Optional<NewsletterFigures> newsletter(String federation, String newsletterId) {
        Map<String, Map<String, AttributeValue>> stats;
        try {
            stats = batchGet(layout.federationTable(federation),
                    List.of(key(newsletterId, NewsletterKeys.META), key(newsletterId, StatsKeys.STATS)));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
        Map<String, AttributeValue> meta = stats.get(NewsletterKeys.pk(newsletterId) + "|" + NewsletterKeys.META);
        if (meta == null) {
            return Optional.empty();
        }
        return Optional.of(figures(meta, stats.get(NewsletterKeys.pk(newsletterId) + "|" + StatsKeys.STATS)));
    }

    @Override
    public List<NewsletterFigures> sentBetween(String federation, Instant from, Instant to) {
        String table = layout.federationTable(federation);
        List<Map<String, AttributeValue>> metas = new ArrayList<>();
        try {
            dynamo.queryPaginator(r -> r.tableName(table).indexName(TableLayout.GSI1)
                            .keyConditionExpression("gsi1pk = :list AND gsi1sk BETWEEN :lo AND :hi")
                            .expressionAttributeValues(Map.of(":list", AttributeValue.fromS(NewsletterKeys.LIST),
                                    ":lo", AttributeValue.fromS(from.minus(CREATED_BEFORE_SENT).toString()),
                                    ":hi", AttributeValue.fromS(to.toString()))))
                    .items().forEach(item -> {
                        Instant sentAt = sentAt(item);
                        if (sentAt != null && !sentAt.isBefore(from) && sentAt.isBefore(to)) {
                            metas.add(item);
                        }
                    });
        } catch (ResourceNotFoundException e) {
            return List.of();
        }
        List<Map<String, AttributeValue>> keys = metas.stream()
                .map(m -> key(newsletterId(m), StatsKeys.STATS)).toList();
        Map<String, Map<String, AttributeValue>> stats = batchGet(table, keys);
        List<NewsletterFigures> figures = new ArrayList<>();
        for (Map<String, AttributeValue> meta : metas) {
            figures.add(figures(meta, stats.get(NewsletterKeys.pk(newsletterId(meta)) + "|" + StatsKeys.STATS)));
        }
        figures.sort(Comparator.comparing(NewsletterFigures::sentAt).reversed());
        return figures;
    }

    /** Items by "pk|sk", 100 keys per call, unprocessed keys retried. */
    private Map<String, Map<String, AttributeValue>> batchGet(String table, List<Map<String, AttributeValue>> keys) {
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        for (int i = 0; i < keys.size(); i += 100) {
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder()
                    .keys(keys.subList(i, Math.min(keys.size(), i + 100))).consistentRead(true).build());
            for (int attempt = 0; !request.isEmpty(); attempt++) {
                if (attempt == 8) {
                    throw new IllegalStateException("statistics read kept being throttled");
                }
                if (attempt > 0) {
                    sleep(25L << attempt);
                }
                Map<String, KeysAndAttributes> current = request;
                BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(current));
                response.responses().getOrDefault(table, List.of()).forEach(item ->
                        found.put(Attributes.s(item, TableLayout.PK) + "|" + Attributes.s(item, TableLayout.SK), item));
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return found;
    }

    private static NewsletterFigures figures(Map<String, AttributeValue> meta, Map<String, AttributeValue> stats) {
        Map<String, Long> delivery = new LinkedHashMap<>();
        for (String name : DELIVERY) {
            AttributeValue value = meta.get(name);
            if (value != null && value.n() != null) {
                delivery.put(name, Long.parseLong(value.n()));
            }
        }
        Map<String, Long> counters = new HashMap<>();
        if (stats != null) {
            stats.forEach((name, value) -> {
                if (value.n() != null) {
                    counters.put(name, Long.parseLong(value.n()));
                }
            });
        }
        return new NewsletterFigures(newsletterId(meta), Attributes.s(meta, "subject"), Attributes.s(meta, "state"),
                sentAt(meta), Attributes.list(meta, "links"), delivery, counters);
    }

    private static String newsletterId(Map<String, AttributeValue> meta) {
        return Attributes.s(meta, TableLayout.PK).substring(NewsletterKeys.pk("").length());
    }

    private static Instant sentAt(Map<String, AttributeValue> meta) {
        String value = Attributes.s(meta, "startedAt") != null ? Attributes.s(meta, "startedAt") : Attributes.s(meta, "sentAt");
        return value == null ? null : Instant.parse(value);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
