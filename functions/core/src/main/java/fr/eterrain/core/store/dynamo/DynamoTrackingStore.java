package fr.eterrain.core.store.dynamo;

import fr.eterrain.core.newsletters.NewsletterKeys;
import fr.eterrain.core.store.TableLayout;
import fr.eterrain.core.tracking.StatsKeys;
import fr.eterrain.core.tracking.TrackingStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The tracking hot path on the low-level client: one BatchGetItem (contact consent, recipient, markers, and
 * the newsletter when not cached), then one UpdateItem, or one transaction when per-person markers are created.
 */
public final class DynamoTrackingStore implements TrackingStore {
    private static final String PROJECTION = "pk, sk, audienceConsent, deliveredAt, sentAt, links, #state";

    private final DynamoDbClient dynamo;
    private final TableLayout layout;

    public DynamoTrackingStore(DynamoDbClient dynamo, TableLayout layout) {
        this.dynamo = dynamo;
        this.layout = layout;
    }


    @Override
    public Snapshot read(String federation, String newsletterId, String contactId, List<String> markers, boolean withNewsletter) {
        String table = layout.federationTable(federation);
        String contactPk = ContactKeys.contactPk(contactId);
        String newsletterPk = NewsletterKeys.pk(newsletterId);
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        keys.add(Attributes.key(contactPk, ContactKeys.PROFILE));
        keys.add(Attributes.key(newsletterPk, NewsletterKeys.recipient(contactId)));
        markers.forEach(m -> keys.add(Attributes.key(contactPk, m)));
        if (withNewsletter) {
            keys.add(Attributes.key(newsletterPk, NewsletterKeys.META));
        }
        List<Map<String, AttributeValue>> items;
        try {
            items = batchGet(table, keys);
        } catch (ResourceNotFoundException e) {
            // A validly signed token for a federation whose table is gone: nothing to count.
            return new Snapshot(null, false, false, null, Set.of());
        }
        NewsletterLinks newsletter = null;
        boolean consent = false;
        boolean recipient = false;
        Instant deliveredAt = null;
        Set<String> existing = new HashSet<>();
        for (Map<String, AttributeValue> item : items) {
            String pk = Attributes.s(item, TableLayout.PK);
            String sk = Attributes.s(item, TableLayout.SK);
            if (pk.equals(contactPk) && sk.equals(ContactKeys.PROFILE)) {
                AttributeValue value = item.get("audienceConsent");
                consent = value != null && Boolean.TRUE.equals(value.bool());
            } else if (pk.equals(contactPk)) {
                existing.add(sk);
            } else if (sk.equals(NewsletterKeys.META)) {
                newsletter = new NewsletterLinks(Attributes.list(item, "links"), Attributes.s(item, "state"));
            } else {
                recipient = true;
                String when = Attributes.s(item, "deliveredAt") != null ? Attributes.s(item, "deliveredAt") : Attributes.s(item, "sentAt");
                deliveredAt = when == null ? null : Instant.parse(when);
            }
        }
        return new Snapshot(newsletter, consent, recipient, deliveredAt, existing);
    }

    private List<Map<String, AttributeValue>> batchGet(String table, List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true)
                .projectionExpression(PROJECTION).expressionAttributeNames(Map.of("#state", "state")).build());
        for (int attempt = 0; !request.isEmpty(); attempt++) {
            if (attempt == 6) {
                throw new IllegalStateException("tracking read kept being throttled");
            }
            if (attempt > 0) {
                sleep(20L << attempt);
            }
            Map<String, KeysAndAttributes> current = request;
            BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(current));
            items.addAll(response.responses().getOrDefault(table, List.of()));
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return items;
    }

    @Override
    public boolean apply(Increment inc) {
        String table = layout.federationTable(inc.federation());
        Update counters = counters(table, inc);
        if (inc.newMarkers().isEmpty() && !inc.touchContact()) {
            for (int attempt = 0; ; attempt++) {
                try {
                    dynamo.updateItem(r -> r.tableName(table).key(counters.key()).updateExpression(counters.updateExpression())
                            .expressionAttributeNames(counters.expressionAttributeNames())
                            .expressionAttributeValues(counters.expressionAttributeValues()));
                    return true;
                } catch (TransactionConflictException e) {
                    // Another hit's first-open or first-click transaction holds the statistics item: DynamoDB rejected
                    // this ADD without applying it (and the SDK does not retry it), so trying again cannot count twice,
                    // while giving up would lose the hit.
                    if (attempt == 4) {
                        throw e;
                    }
                    sleep(5L + ThreadLocalRandom.current().nextLong(10L << attempt));
                }
            }
        }
        String contactPk = ContactKeys.contactPk(inc.contactId());
        List<TransactWriteItem> writes = new ArrayList<>();
        for (String marker : inc.newMarkers()) {
            Map<String, AttributeValue> item = new HashMap<>(Attributes.key(contactPk, marker));
            item.put("newsletterId", AttributeValue.fromS(inc.newsletterId()));
            item.put("at", AttributeValue.fromS(inc.at().toString()));
            item.put(TableLayout.TTL, AttributeValue.fromN(Long.toString(StatsKeys.expiresAt(inc.at()))));
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk)").build()).build());
        }
        writes.add(TransactWriteItem.builder().update(counters).build());
        // Per-person markers only while the person is still there and, for measurement, still consents: an erasure
        // or a withdrawal between the read and this write must leave no marker behind (nor bring back the erased
        // contact's partition). The transaction is then cancelled and the caller reads again.
        boolean measured = inc.newMarkers().stream().anyMatch(StatsKeys::needsConsent);
        String present = measured ? "attribute_exists(pk) AND audienceConsent = :yes" : "attribute_exists(pk)";
        Map<String, AttributeValue> presentValues = measured ? Map.of(":yes", AttributeValue.fromBool(true)) : Map.of();
        if (inc.touchContact()) {
            // A click is an interaction (CNIL: it restarts the 3-year clock); the version bump makes concurrent
            // editors of the contact re-read it rather than write back an older lastActiveAt.
            Map<String, AttributeValue> values = new HashMap<>(presentValues);
            values.put(":at", AttributeValue.fromS(inc.at().toString()));
            values.put(":one", AttributeValue.fromN("1"));
            writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(Attributes.key(contactPk, ContactKeys.PROFILE))
                    .updateExpression("SET lastActiveAt = :at ADD #v :one")
                    .conditionExpression(present)
                    .expressionAttributeNames(Map.of("#v", "version"))
                    .expressionAttributeValues(values)
                    .build()).build());
        } else if (!inc.newMarkers().isEmpty()) {
            writes.add(TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                    .key(Attributes.key(contactPk, ContactKeys.PROFILE))
                    .conditionExpression(present)
                    .expressionAttributeValues(presentValues.isEmpty() ? null : presentValues)
                    .build()).build());
        }
        for (int attempt = 0; ; attempt++) {
            try {
                dynamo.transactWriteItems(r -> r.transactItems(writes));
                return true;
            } catch (TransactionCanceledException e) {
                boolean conditionFailed = e.hasCancellationReasons() && e.cancellationReasons().stream()
                        .anyMatch(reason -> "ConditionalCheckFailed".equals(reason.code()));
                // A marker already there (a concurrent first hit won), or the person erased or no longer consenting
                // (the caller reads again and counts the hit anonymously). Otherwise the statistics item was busy
                // (TransactionConflict with another hit's ADD): try again shortly, the transaction is idempotent.
                if (conditionFailed || attempt == 4) {
                    return false;
                }
                sleep(5L + ThreadLocalRandom.current().nextLong(10L << attempt));
            }
        }
    }

    private static Update counters(String table, Increment inc) {
        StringBuilder add = new StringBuilder("ADD ");
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        int i = 0;
        for (Map.Entry<String, Long> counter : inc.counters().entrySet()) {
            add.append(i == 0 ? "" : ", ").append("#c").append(i).append(" :c").append(i);
            names.put("#c" + i, counter.getKey());
            values.put(":c" + i, AttributeValue.fromN(Long.toString(counter.getValue())));
            i++;
        }
        return Update.builder().tableName(table).key(Attributes.key(NewsletterKeys.pk(inc.newsletterId()), StatsKeys.STATS))
                .updateExpression(add.toString()).expressionAttributeNames(names).expressionAttributeValues(values).build();
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
