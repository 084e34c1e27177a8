package fr.eterrain.core.store.dynamo;

import fr.eterrain.core.newsletters.Reputation;
import fr.eterrain.core.store.TableLayout;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Daily per-federation counters ({@code REPUTATION#<fed>} / date, kept 40 days) and the pause flag. */
public final class DynamoReputation implements Reputation {
    private final DynamoDbClient dynamo;
    private final TableLayout layout;
    private final Clock clock;

    public DynamoReputation(DynamoDbClient dynamo, TableLayout layout, Clock clock) {
        this.dynamo = dynamo;
        this.layout = layout;
        this.clock = clock;
    }

    private void add(String federation, String counter) {
        add(federation, counter, 1);
    }

    private void add(String federation, String counter, int count) {
        LocalDate day = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        dynamo.updateItem(r -> r.tableName(layout.platformTable())
                .key(Attributes.key("REPUTATION#" + federation, day.toString()))
                .updateExpression("ADD #c :one SET expiresAt = :ttl")
                .expressionAttributeNames(Map.of("#c", counter))
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN(Integer.toString(count)),
                        ":ttl", AttributeValue.fromN(Long.toString(clock.instant().getEpochSecond() + 40L * 86_400)))));
    }

    @Override
    public void recordSent(String federation, int count) {
        add(federation, "sent", count);
    }

    @Override
    public void recordProblem(String federation, boolean complaint) {
        add(federation, complaint ? "complaints" : "bounces");
        long[] totals = new long[3];
        String since = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(30).toString();
        dynamo.queryPaginator(r -> r.tableName(layout.platformTable()).consistentRead(true)
                        .keyConditionExpression("pk = :pk AND sk >= :since")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("REPUTATION#" + federation),
                                ":since", AttributeValue.fromS(since))))
                .items().forEach(i -> {
                    totals[0] += number(i, "sent");
                    totals[1] += number(i, "bounces");
                    totals[2] += number(i, "complaints");
                });
        Reputation.verdict(totals[0], totals[1], totals[2]).ifPresent(reason -> dynamo.putItem(r -> r.tableName(layout.platformTable())
                .item(Map.of(TableLayout.PK, AttributeValue.fromS("SENDING_PAUSED"), TableLayout.SK, AttributeValue.fromS(federation),
                        "reason", AttributeValue.fromS(reason), "at", AttributeValue.fromS(clock.instant().toString())))));
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
    }

    @Override
    public Optional<String> paused(String federation) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(layout.platformTable())
                .key(Attributes.key("SENDING_PAUSED", federation))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.ofNullable(Attributes.s(item, "reason"));
    }

    @Override
    public void resume(String federation) {
        dynamo.deleteItem(r -> r.tableName(layout.platformTable())
                .key(Attributes.key("SENDING_PAUSED", federation)));
    }
}
