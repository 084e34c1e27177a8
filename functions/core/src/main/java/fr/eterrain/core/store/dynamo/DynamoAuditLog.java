package fr.eterrain.core.store.dynamo;

import fr.eterrain.core.access.AuditEntry;
import fr.eterrain.core.access.AuditLog;
import fr.eterrain.core.store.TableLayout;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The audit log in each federation's table, partitioned by month, kept two years (TTL). */
public final class DynamoAuditLog implements AuditLog {
    static final Duration RETENTION = Duration.ofDays(730);
    private final DynamoDbClient dynamo;
    private final TableLayout layout;

    public DynamoAuditLog(DynamoDbClient dynamo, TableLayout layout) {
        this.dynamo = dynamo;
        this.layout = layout;
    }

    private static String partition(Instant at) {
        return "AUDIT#" + YearMonth.from(at.atOffset(ZoneOffset.UTC));
    }

    @Override
    public void record(AuditEntry e) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableLayout.PK, AttributeValue.fromS(partition(e.at())));
        item.put(TableLayout.SK, AttributeValue.fromS(e.at() + "#" + (e.requestId() == null ? "-" : e.requestId())
                + "#" + e.keyId()));
        item.put("keyId", AttributeValue.fromS(e.keyId()));
        item.put("role", AttributeValue.fromS(e.role()));
        item.put("action", AttributeValue.fromS(e.action()));
        item.put("actorKind", AttributeValue.fromS(e.actorKind()));
        if (e.displayName() != null) {
            item.put("displayName", AttributeValue.fromS(e.displayName()));
        }
        item.put("onBehalf", AttributeValue.fromBool(e.onBehalf()));
        if (e.target() != null) {
            item.put("target", AttributeValue.fromS(e.target()));
        }
        if (e.requestId() != null) {
            item.put("requestId", AttributeValue.fromS(e.requestId()));
        }
        item.put(TableLayout.TTL, AttributeValue.fromN(Long.toString(e.at().plus(RETENTION).getEpochSecond())));
        dynamo.putItem(r -> r.tableName(layout.federationTable(e.federation())).item(item));
    }

    @Override
    public List<AuditEntry> recent(String federation, int limit) {
        List<AuditEntry> entries = new ArrayList<>();
        YearMonth month = YearMonth.now(ZoneOffset.UTC);
        for (int back = 0; back < 24 && entries.size() < limit; back++, month = month.minusMonths(1)) {
            String pk = "AUDIT#" + month;
            int remaining = limit - entries.size();
            dynamo.query(r -> r.tableName(layout.federationTable(federation)).keyConditionExpression("pk = :pk")
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))
                            .scanIndexForward(false).limit(remaining))
                    .items().forEach(item -> entries.add(new AuditEntry(federation,
                            Instant.parse(Attributes.s(item, TableLayout.SK).substring(0, Attributes.s(item, TableLayout.SK).indexOf('#'))),
                            Attributes.s(item, "keyId"), Attributes.s(item, "role"), Attributes.s(item, "action"),
                            Attributes.s(item, "target"), Attributes.s(item, "requestId"),
                            item.containsKey("actorKind") ? Attributes.s(item, "actorKind") : "key",
                            Attributes.s(item, "displayName"),
                            item.containsKey("onBehalf") ? item.get("onBehalf").bool() : "hq".equals(Attributes.s(item, "role")))));
        }
        return entries;
    }
}
