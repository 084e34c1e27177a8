package fr.eterrain.core.store.dynamo;

import fr.eterrain.core.content.Content;
import fr.eterrain.core.content.ContentKind;
import fr.eterrain.core.content.ContentPage;
import fr.eterrain.core.content.ContentRef;
import fr.eterrain.core.content.ContentStatus;
import fr.eterrain.core.content.ContentStore;
import fr.eterrain.core.content.Decision;
import fr.eterrain.core.security.FieldCipher;
import fr.eterrain.core.store.TableLayout;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Contents in their federation's table; every state change is one transaction with the decision it records and
 * the approved projection in the platform table, so the library never shows what is not approved.
 */
public final class DynamoContentStore implements ContentStore {
    private static final int MAX_PAGES_PER_LIST = 10;

    private final DynamoDbClient dynamo;
    private final TableLayout layout;
    private final FieldCipher cipher;

    public DynamoContentStore(DynamoDbClient dynamo, TableLayout layout, FieldCipher cipher) {
        this.dynamo = dynamo;
        this.layout = layout;
        this.cipher = cipher;
    }

    @Override
    public void create(Content content) {
        dynamo.putItem(r -> r.tableName(layout.federationTable(content.federation()))
                .item(ContentItems.item(content, cipher)).conditionExpression("attribute_not_exists(pk)"));
    }

    @Override
    public Optional<Content> find(String federation, String id) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(layout.federationTable(federation))
                .key(ContentItems.key(id)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ContentItems.fromItem(item, cipher));
    }

    @Override
    public ContentPage list(String federation, ContentStatus status, ContentKind kind, String cursor, int limit) {
        Map<String, AttributeValue> last = IndexCursors.decode(cursor, ContentItems.OWN_INDEX, "CONTENT#");
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", AttributeValue.fromS(ContentItems.OWN_INDEX)));
        List<String> filters = new ArrayList<>();
        if (status != null) {
            names.put("#status", "status");
            values.put(":status", AttributeValue.fromS(status.wire()));
            filters.add("#status = :status");
        }
        if (kind != null) {
            names.put("#kind", "kind");
            values.put(":kind", AttributeValue.fromS(kind.wire()));
            filters.add("#kind = :kind");
        }
        List<Content> found = new ArrayList<>();
        int pages = 0;
        do {
            Map<String, AttributeValue> start = last;
            QueryResponse page = dynamo.query(r -> {
                r.tableName(layout.federationTable(federation)).indexName(TableLayout.GSI1)
                        .keyConditionExpression("gsi1pk = :pk").expressionAttributeValues(values)
                        .scanIndexForward(false).limit(limit - found.size()).exclusiveStartKey(start);
                if (!filters.isEmpty()) {
                    r.filterExpression(String.join(" AND ", filters)).expressionAttributeNames(names);
                }
            });
            page.items().forEach(item -> found.add(ContentItems.fromItem(item, cipher)));
            last = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            pages++;
        } while (last != null && found.size() < limit && pages < MAX_PAGES_PER_LIST);
        return new ContentPage(found, IndexCursors.encode(last));
    }

    @Override
    public boolean update(Content updated, Decision decision) {
        String table = layout.federationTable(updated.federation());
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        List<String> removes = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, AttributeValue> e : ContentItems.state(updated, cipher).entrySet()) {
            String name = "#a" + i;
            names.put(name, e.getKey());
            if (e.getValue() == null) {
                removes.add(name);
            } else {
                values.put(":a" + i, e.getValue());
                sets.add(name + " = :a" + i);
            }
            i++;
        }
        names.put("#version", "version");
        values.put(":expected", ContentItems.n(updated.version()));
        values.put(":next", ContentItems.n(updated.version() + 1));
        sets.add("#version = :next");
        String expression = "SET " + String.join(", ", sets) + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(ContentItems.key(updated.id()))
                .updateExpression(expression).conditionExpression("#version = :expected")
                .expressionAttributeNames(names).expressionAttributeValues(values)).build());
        if (decision != null) {
            items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(ContentItems.decision(decision))
                    .conditionExpression("attribute_not_exists(pk)")).build());
        }
        if (updated.inLibrary() || updated.awaitingNationalReview()) {
            items.add(TransactWriteItem.builder().put(p -> p.tableName(layout.platformTable())
                    .item(ContentItems.projection(updated))).build());
        } else if (decision != null) {
            items.add(TransactWriteItem.builder().delete(d -> d.tableName(layout.platformTable())
                    .key(ContentItems.projectionKey(updated.ref()))).build());
        }
        try {
            dynamo.transactWriteItems(r -> r.transactItems(items));
            return true;
        } catch (TransactionCanceledException e) {
            if (failed(e, 0)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public List<Decision> decisions(String federation, String id) {
        List<Decision> decisions = new ArrayList<>();
        ContentRef ref = new ContentRef(federation, id);
        dynamo.queryPaginator(r -> r.tableName(layout.federationTable(federation)).consistentRead(true)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :decision)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(ContentItems.pk(id)),
                                ":decision", AttributeValue.fromS(ContentItems.DECISION))))
                .items().forEach(item -> decisions.add(ContentItems.decisionFrom(item, ref)));
        return decisions;
    }

    @Override
    public int intakeAttempt(ContentRef ref) {
        try {
            Map<String, AttributeValue> after = dynamo.updateItem(u -> u.tableName(layout.federationTable(ref.federation()))
                    .key(ContentItems.key(ref.id())).updateExpression("ADD intakeAttempts :one")
                    .conditionExpression("#status = :awaiting")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":one", ContentItems.n(1),
                            ":awaiting", AttributeValue.fromS(ContentStatus.AWAITING_UPLOAD.wire())))
                    .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.UPDATED_NEW)).attributes();
            return (int) ContentItems.number(after, "intakeAttempts");
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException handled) {
            return 0;
        }
    }

    @Override
    public Engaged engage(ContentRef content, String counter, String marker, long amount, Instant at, Instant markerExpiresAt,
                          Quota quota) {
        if (!ContentItems.COUNTERS.contains(counter)) {
            throw new IllegalArgumentException("unknown counter " + counter);
        }
        String table = layout.federationTable(content.federation());
        Map<String, AttributeValue> markerItem = new HashMap<>();
        markerItem.put(TableLayout.PK, AttributeValue.fromS(ContentItems.pk(content.id())));
        markerItem.put(TableLayout.SK, AttributeValue.fromS(marker));
        markerItem.put("at", AttributeValue.fromS(at.toString()));
        markerItem.put("amount", ContentItems.n(amount));
        if (markerExpiresAt != null) {
            markerItem.put(TableLayout.TTL, ContentItems.n(markerExpiresAt.getEpochSecond()));
        }
        List<TransactWriteItem> items = new ArrayList<>(List.of(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(markerItem)
                        .conditionExpression("attribute_not_exists(pk)")).build(),
                // Only contents of the national library: approved by their federation and by HQ.
                TransactWriteItem.builder().update(u -> u.tableName(table).key(ContentItems.key(content.id()))
                        .updateExpression("ADD #c :n").conditionExpression("#status = :approved AND attribute_exists(nationalAt)")
                        .expressionAttributeNames(Map.of("#c", counter, "#status", "status"))
                        .expressionAttributeValues(Map.of(":n", ContentItems.n(amount),
                                ":approved", AttributeValue.fromS(ContentStatus.APPROVED.wire())))).build(),
                TransactWriteItem.builder().update(u -> u.tableName(layout.platformTable())
                        .key(ContentItems.projectionKey(content)).updateExpression("ADD #c :n")
                        .conditionExpression("gsi1pk = :library")
                        .expressionAttributeNames(Map.of("#c", counter))
                        .expressionAttributeValues(Map.of(":n", ContentItems.n(amount),
                                ":library", AttributeValue.fromS(ContentItems.APPROVED_INDEX)))).build()));
        if (quota != null) {
            items.add(TransactWriteItem.builder().update(u -> u.tableName(table)
                    .key(Map.of(TableLayout.PK, AttributeValue.fromS(ContentItems.pk(content.id())),
                            TableLayout.SK, AttributeValue.fromS(quota.marker())))
                    .updateExpression("ADD #count :one")
                    .conditionExpression("attribute_not_exists(#count) OR #count < :max")
                    .expressionAttributeNames(Map.of("#count", "count"))
                    .expressionAttributeValues(Map.of(":one", ContentItems.n(1), ":max", ContentItems.n(quota.max()))))
                    .build());
        }
        try {
            dynamo.transactWriteItems(r -> r.transactItems(items));
            return Engaged.COUNTED;
        } catch (TransactionCanceledException e) {
            if (failed(e, 0)) {
                return Engaged.ALREADY_COUNTED;
            }
            if (failed(e, 1) || failed(e, 2)) {
                return Engaged.NOT_APPROVED;
            }
            if (failed(e, 3)) {
                return Engaged.OVER_QUOTA;
            }
            throw e;
        }
    }

    private static boolean failed(TransactionCanceledException e, int index) {
        List<CancellationReason> reasons = e.cancellationReasons();
        return reasons != null && reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }
}
