package fr.eterrain.core.store.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.aws.lite.AwsServiceException;
import fr.eterrain.core.aws.lite.DynamoJson;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.newsletters.NewsletterKeys;
import fr.eterrain.core.store.TableLayout;
import fr.eterrain.core.tracking.StatsKeys;
import fr.eterrain.core.tracking.TrackingStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The tracking hot path, on DynamoDB's JSON API without the SDK (the pixel and redirect deployables carry none):
 * one BatchGetItem (contact consent, recipient, markers, and the newsletter when not cached), then one UpdateItem,
 * or one transaction when per-person markers are created.
 */
public final class DynamoTrackingStore implements TrackingStore {
    private static final String PROJECTION = "pk, sk, audienceConsent, deliveredAt, sentAt, links, #state";

    private final DynamoJson dynamo;
    private final TableLayout layout;

    public DynamoTrackingStore(DynamoJson dynamo, TableLayout layout) {
        this.dynamo = dynamo;
        this.layout = layout;
    }

    @Override
    public Snapshot read(String federation, String newsletterId, String contactId, List<String> markers, boolean withNewsletter) {
        String table = layout.federationTable(federation);
        String contactPk = ContactKeys.contactPk(contactId);
        String newsletterPk = NewsletterKeys.pk(newsletterId);
        ArrayNode keys = Json.array();
        keys.add(DynamoJson.key(contactPk, ContactKeys.PROFILE));
        keys.add(DynamoJson.key(newsletterPk, NewsletterKeys.recipient(contactId)));
        markers.forEach(m -> keys.add(DynamoJson.key(contactPk, m)));
        if (withNewsletter) {
            keys.add(DynamoJson.key(newsletterPk, NewsletterKeys.META));
        }
        List<JsonNode> items;
        try {
            items = batchGet(table, keys);
        } catch (AwsServiceException e) {
            if (!e.code().equals("ResourceNotFoundException")) {
                throw e;
            }
            // A validly signed token for a federation whose table is gone: nothing to count.
            return new Snapshot(null, false, false, null, Set.of());
        }
        NewsletterLinks newsletter = null;
        boolean consent = false;
        boolean recipient = false;
        Instant deliveredAt = null;
        Set<String> existing = new HashSet<>();
        for (JsonNode item : items) {
            String pk = DynamoJson.string(item, TableLayout.PK);
            String sk = DynamoJson.string(item, TableLayout.SK);
            if (pk.equals(contactPk) && sk.equals(ContactKeys.PROFILE)) {
                consent = item.path("audienceConsent").path("BOOL").asBoolean(false);
            } else if (pk.equals(contactPk)) {
                existing.add(sk);
            } else if (sk.equals(NewsletterKeys.META)) {
                newsletter = new NewsletterLinks(DynamoJson.strings(item, "links"), DynamoJson.string(item, "state"));
            } else {
                recipient = true;
                String when = DynamoJson.string(item, "deliveredAt") != null ? DynamoJson.string(item, "deliveredAt")
                        : DynamoJson.string(item, "sentAt");
                deliveredAt = when == null ? null : Instant.parse(when);
            }
        }
        return new Snapshot(newsletter, consent, recipient, deliveredAt, existing);
    }

    private List<JsonNode> batchGet(String table, ArrayNode keys) {
        List<JsonNode> items = new ArrayList<>();
        ObjectNode wanted = Json.object();
        wanted.set("Keys", keys);
        wanted.put("ConsistentRead", true).put("ProjectionExpression", PROJECTION);
        wanted.putObject("ExpressionAttributeNames").put("#state", "state");
        ObjectNode requestItems = Json.object();
        requestItems.set(table, wanted);
        for (int attempt = 0; !requestItems.isEmpty(); attempt++) {
            if (attempt == 6) {
                throw new IllegalStateException("tracking read kept being throttled");
            }
            if (attempt > 0) {
                sleep(20L << attempt);
            }
            ObjectNode request = Json.object();
            request.set("RequestItems", requestItems);
            JsonNode answer = dynamo.call("BatchGetItem", request);
            answer.path("Responses").path(table).forEach(items::add);
            JsonNode unprocessed = answer.path("UnprocessedKeys");
            requestItems = unprocessed.isObject() ? (ObjectNode) unprocessed : Json.object();
        }
        return items;
    }

    @Override
    public boolean apply(Increment inc) {
        String table = layout.federationTable(inc.federation());
        ObjectNode counters = counters(table, inc);
        if (inc.newMarkers().isEmpty() && !inc.touchContact()) {
            for (int attempt = 0; ; attempt++) {
                try {
                    dynamo.call("UpdateItem", counters);
                    return true;
                } catch (AwsServiceException e) {
                    // Another hit's first-open or first-click transaction holds the statistics item: DynamoDB rejected
                    // this ADD without applying it, so trying again cannot count twice, while giving up would lose
                    // the hit.
                    if (!e.code().equals("TransactionConflictException") || attempt == 4) {
                        throw e;
                    }
                    sleep(5L + ThreadLocalRandom.current().nextLong(10L << attempt));
                }
            }
        }
        String contactPk = ContactKeys.contactPk(inc.contactId());
        ArrayNode writes = Json.array();
        for (String marker : inc.newMarkers()) {
            ObjectNode item = DynamoJson.key(contactPk, marker);
            item.set("newsletterId", DynamoJson.s(inc.newsletterId()));
            item.set("at", DynamoJson.s(inc.at().toString()));
            item.set(TableLayout.TTL, DynamoJson.n(StatsKeys.expiresAt(inc.at())));
            ObjectNode put = writes.addObject().putObject("Put");
            put.put("TableName", table).set("Item", item);
            put.put("ConditionExpression", "attribute_not_exists(pk)");
        }
        writes.addObject().set("Update", counters);
        // Per-person markers only while the person is still there and, for measurement, still consents: an erasure
        // or a withdrawal between the read and this write must leave no marker behind (nor bring back the erased
        // contact's partition). The transaction is then cancelled and the caller reads again.
        boolean measured = inc.newMarkers().stream().anyMatch(StatsKeys::needsConsent);
        String present = measured ? "attribute_exists(pk) AND audienceConsent = :yes" : "attribute_exists(pk)";
        ObjectNode presentValues = Json.object();
        if (measured) {
            presentValues.set(":yes", DynamoJson.bool(true));
        }
        if (inc.touchContact()) {
            // A click is an interaction (CNIL: it restarts the 3-year clock); the version bump makes concurrent
            // editors of the contact re-read it rather than write back an older lastActiveAt.
            ObjectNode update = writes.addObject().putObject("Update");
            update.put("TableName", table).set("Key", DynamoJson.key(contactPk, ContactKeys.PROFILE));
            update.put("UpdateExpression", "SET lastActiveAt = :at ADD #v :one").put("ConditionExpression", present);
            update.putObject("ExpressionAttributeNames").put("#v", "version");
            ObjectNode values = presentValues.deepCopy();
            values.set(":at", DynamoJson.s(inc.at().toString()));
            values.set(":one", DynamoJson.n(1));
            update.set("ExpressionAttributeValues", values);
        } else if (!inc.newMarkers().isEmpty()) {
            ObjectNode check = writes.addObject().putObject("ConditionCheck");
            check.put("TableName", table).set("Key", DynamoJson.key(contactPk, ContactKeys.PROFILE));
            check.put("ConditionExpression", present);
            if (!presentValues.isEmpty()) {
                check.set("ExpressionAttributeValues", presentValues);
            }
        }
        for (int attempt = 0; ; attempt++) {
            // A token per attempt: the client may send the same attempt again after a lost answer, which DynamoDB
            // then applies once; an attempt after a cancellation (nothing applied) is a new transaction.
            ObjectNode transaction = Json.object().put("ClientRequestToken", UUID.randomUUID().toString());
            transaction.set("TransactItems", writes);
            try {
                dynamo.call("TransactWriteItems", transaction);
                return true;
            } catch (AwsServiceException e) {
                if (!e.code().equals("TransactionCanceledException")) {
                    throw e;
                }
                boolean conditionFailed = false;
                for (JsonNode reason : e.body().path("CancellationReasons")) {
                    conditionFailed |= "ConditionalCheckFailed".equals(reason.path("Code").asText());
                }
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

    private static ObjectNode counters(String table, Increment inc) {
        StringBuilder add = new StringBuilder("ADD ");
        ObjectNode names = Json.object();
        ObjectNode values = Json.object();
        int i = 0;
        for (Map.Entry<String, Long> counter : inc.counters().entrySet()) {
            add.append(i == 0 ? "" : ", ").append("#c").append(i).append(" :c").append(i);
            names.put("#c" + i, counter.getKey());
            values.set(":c" + i, DynamoJson.n(counter.getValue()));
            i++;
        }
        ObjectNode update = Json.object().put("TableName", table);
        update.set("Key", DynamoJson.key(NewsletterKeys.pk(inc.newsletterId()), StatsKeys.STATS));
        update.put("UpdateExpression", add.toString());
        update.set("ExpressionAttributeNames", names);
        update.set("ExpressionAttributeValues", values);
        return update;
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
