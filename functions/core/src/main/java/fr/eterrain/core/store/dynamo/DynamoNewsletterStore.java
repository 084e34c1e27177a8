package fr.eterrain.core.store.dynamo;

import fr.eterrain.core.json.Json;
import fr.eterrain.core.newsletters.Newsletter;
import fr.eterrain.core.newsletters.NewsletterKeys;
import fr.eterrain.core.newsletters.NewsletterState;
import fr.eterrain.core.newsletters.NewsletterStore;
import fr.eterrain.core.newsletters.Segment;
import fr.eterrain.core.store.TableLayout;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/** Newsletters with the low-level client: conditional status moves and counters in single transactions. */
public final class DynamoNewsletterStore implements NewsletterStore {
    /** Recipient items outlive the campaign for statistics, then expire. */
    static final Duration RECIPIENT_RETENTION = Duration.ofDays(395);

    private final DynamoDbClient dynamo;
    private final TableLayout layout;
    private final Clock clock;

    public DynamoNewsletterStore(DynamoDbClient dynamo, TableLayout layout) {
        this(dynamo, layout, Clock.systemUTC());
    }

    /** @param clock dates the recipients' expiry */
    public DynamoNewsletterStore(DynamoDbClient dynamo, TableLayout layout, Clock clock) {
        this.dynamo = dynamo;
        this.layout = layout;
        this.clock = clock;
    }

    private String table(String federation) {
        return layout.federationTable(federation);
    }

    private static Map<String, AttributeValue> key(String newsletterId, String sk) {
        return Map.of(TableLayout.PK, s(NewsletterKeys.pk(newsletterId)), TableLayout.SK, s(sk));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    @Override
    public void create(String federation, Newsletter nl) {
        nl.setVersion(1);
        Map<String, AttributeValue> item = new HashMap<>(key(nl.getId(), NewsletterKeys.META));
        item.put(TableLayout.GSI1_PK, s(NewsletterKeys.LIST));
        item.put(TableLayout.GSI1_SK, s(nl.getCreatedAt() + "#" + nl.getId()));
        item.putAll(draftFields(nl));
        // "measured" from the start: a newsletter nobody is measured in says 0, not "unknown" (statistics fall back
        // to every delivered recipient for newsletters older than the counter).
        for (String counter : new String[] {"total", "sent", "failed", "suppressed", "delivered", "bounced", "complaints", "measured"}) {
            item.put(counter, n(0));
        }
        dynamo.putItem(r -> r.tableName(table(federation)).item(item).conditionExpression("attribute_not_exists(pk)"));
    }

    private static Map<String, AttributeValue> draftFields(Newsletter nl) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", s(nl.getId()));
        item.put("subject", s(nl.getSubject()));
        if (nl.getPreheader() != null) {
            item.put("preheader", s(nl.getPreheader()));
        }
        item.put("blocks", s(Json.write(nl.getBlocks())));
        item.put("segment", s(Json.write(nl.getSegment().toJson())));
        item.put("links", Attributes.strings(nl.getLinks()));
        item.put("state", s(nl.getState().wire()));
        item.put("materialized", AttributeValue.fromBool(nl.isMaterialized()));
        item.put("createdAt", s(nl.getCreatedAt().toString()));
        item.put("updatedAt", s(nl.getUpdatedAt().toString()));
        optional(item, "scheduledAt", nl.getScheduledAt());
        optional(item, "startedAt", nl.getStartedAt());
        optional(item, "finishedAt", nl.getFinishedAt());
        if (nl.getStateReason() != null) {
            item.put("stateReason", s(nl.getStateReason()));
        }
        item.put("version", n(nl.getVersion()));
        return item;
    }

    private static void optional(Map<String, AttributeValue> item, String name, Instant value) {
        if (value != null) {
            item.put(name, s(value.toString()));
        }
    }

    @Override
    public Optional<Newsletter> find(String federation, String id) {
        if (id == null || !id.matches("[A-Za-z0-9]{1,40}")) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table(federation))
                .key(key(id, NewsletterKeys.META)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public Map<String, String> recipientStatuses(String federation, String contactId, List<String> newsletterIds) {
        Map<String, String> found = new HashMap<>();
        List<String> ids = newsletterIds.stream().filter(id -> id != null && id.matches("[A-Za-z0-9]{1,40}")).distinct().toList();
        for (int from = 0; from < ids.size(); from += 100) {
            List<Map<String, AttributeValue>> keys = ids.subList(from, Math.min(from + 100, ids.size())).stream()
                    .map(id -> key(id, NewsletterKeys.recipient(contactId))).toList();
            Map<String, software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes> request = Map.of(table(federation),
                    software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder().keys(keys)
                            .projectionExpression("pk, #s").expressionAttributeNames(Map.of("#s", "status")).build());
            var answer = dynamo.batchGetItem(b -> b.requestItems(request));
            answer.responses().getOrDefault(table(federation), List.of()).forEach(item -> found.put(
                    Attributes.s(item, "pk").substring("NEWSLETTER#".length()), Attributes.s(item, "status")));
            if (answer.unprocessedKeys() != null && !answer.unprocessedKeys().isEmpty()) {
                return recipientStatusesRetry(federation, contactId, ids, found);
            }
        }
        return found;
    }

    /** Throttled batch: the rest one key at a time (rare; a contact's page only). */
    private Map<String, String> recipientStatusesRetry(String federation, String contactId, List<String> ids, Map<String, String> found) {
        for (String id : ids) {
            if (!found.containsKey(id)) {
                Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table(federation))
                        .key(key(id, NewsletterKeys.recipient(contactId)))).item();
                if (item != null && !item.isEmpty()) {
                    found.put(id, Attributes.s(item, "status"));
                }
            }
        }
        return found;
    }

    @Override
    public boolean update(String federation, Newsletter nl) {
        long expected = nl.getVersion();
        nl.setVersion(expected + 1);
        Map<String, AttributeValue> fields = draftFields(nl);
        StringBuilder set = new StringBuilder("SET ");
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        int i = 0;
        for (Map.Entry<String, AttributeValue> e : fields.entrySet()) {
            set.append(i == 0 ? "" : ", ").append("#f").append(i).append(" = :f").append(i);
            names.put("#f" + i, e.getKey());
            values.put(":f" + i, e.getValue());
            i++;
        }
        String remove = nullFields(nl);
        names.put("#v", "version");
        values.put(":expected", n(expected));
        try {
            dynamo.updateItem(r -> r.tableName(table(federation)).key(key(nl.getId(), NewsletterKeys.META))
                    .updateExpression(set + remove).conditionExpression("#v = :expected")
                    .expressionAttributeNames(names).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            nl.setVersion(expected);
            return false;
        }
    }

    private static String nullFields(Newsletter nl) {
        List<String> removed = new ArrayList<>();
        if (nl.getScheduledAt() == null) {
            removed.add("scheduledAt");
        }
        if (nl.getStateReason() == null) {
            removed.add("stateReason");
        }
        if (nl.getPreheader() == null) {
            removed.add("preheader");
        }
        return removed.isEmpty() ? "" : " REMOVE " + String.join(", ", removed);
    }

    @Override
    public List<Newsletter> list(String federation, int limit) {
        List<Newsletter> result = new ArrayList<>();
        dynamo.query(r -> r.tableName(table(federation)).indexName(TableLayout.GSI1)
                        .keyConditionExpression("gsi1pk = :pk").scanIndexForward(false).limit(limit)
                        .expressionAttributeValues(Map.of(":pk", s(NewsletterKeys.LIST))))
                .items().forEach(item -> result.add(fromItem(item)));
        return result;
    }

    private static Newsletter fromItem(Map<String, AttributeValue> item) {
        Newsletter nl = new Newsletter();
        nl.setId(Attributes.s(item, "id"));
        nl.setSubject(Attributes.s(item, "subject"));
        nl.setPreheader(Attributes.s(item, "preheader"));
        nl.setBlocks(Json.parse(Attributes.s(item, "blocks")));
        nl.setSegment(Segment.fromJson(Json.parse(Attributes.s(item, "segment"))));
        nl.setLinks(Attributes.list(item, "links"));
        nl.setState(NewsletterState.parse(Attributes.s(item, "state")));
        nl.setMaterialized(item.containsKey("materialized") && Boolean.TRUE.equals(item.get("materialized").bool()));
        nl.setCreatedAt(instant(item, "createdAt"));
        nl.setUpdatedAt(instant(item, "updatedAt"));
        nl.setScheduledAt(instant(item, "scheduledAt"));
        nl.setStartedAt(instant(item, "startedAt"));
        nl.setFinishedAt(instant(item, "finishedAt"));
        nl.setStateReason(Attributes.s(item, "stateReason"));
        nl.setTotal(number(item, "total"));
        nl.setSent(number(item, "sent"));
        nl.setFailed(number(item, "failed"));
        nl.setSuppressed(number(item, "suppressed"));
        nl.setDelivered(number(item, "delivered"));
        nl.setBounced(number(item, "bounced"));
        nl.setComplaints(number(item, "complaints"));
        nl.setMeasured(number(item, "measured"));
        nl.setVersion(number(item, "version"));
        return nl;
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        String value = Attributes.s(item, name);
        return value == null ? null : Instant.parse(value);
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    // --- recipients -------------------------------------------------------------------------------------

    @Override
    public boolean addRecipient(String federation, String newsletterId, String contactId) {
        Map<String, AttributeValue> item = new HashMap<>(key(newsletterId, NewsletterKeys.recipient(contactId)));
        item.put("contactId", s(contactId));
        item.put("status", s("queued"));
        item.put(TableLayout.GSI1_PK, s(NewsletterKeys.queue(newsletterId)));
        item.put(TableLayout.GSI1_SK, s(contactId));
        item.put(TableLayout.TTL, n(clock.instant().plus(RECIPIENT_RETENTION).getEpochSecond()));
        try {
            dynamo.putItem(r -> r.tableName(table(federation)).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void completeMaterialisation(String federation, String newsletterId, long total) {
        dynamo.updateItem(r -> r.tableName(table(federation)).key(key(newsletterId, NewsletterKeys.META))
                .updateExpression("SET #t = :t, #m = :yes")
                .expressionAttributeNames(Map.of("#t", "total", "#m", "materialized"))
                .expressionAttributeValues(Map.of(":t", n(total), ":yes", AttributeValue.fromBool(true))));
    }

    @Override
    public List<String> queued(String federation, String newsletterId, int limit) {
        List<String> ids = new ArrayList<>();
        dynamo.query(r -> r.tableName(table(federation)).indexName(TableLayout.GSI1).limit(limit)
                        .keyConditionExpression("gsi1pk = :q")
                        .expressionAttributeValues(Map.of(":q", s(NewsletterKeys.queue(newsletterId)))))
                .items().forEach(item -> ids.add(Attributes.s(item, TableLayout.GSI1_SK)));
        return ids;
    }

    @Override
    public boolean claim(String federation, String newsletterId, String contactId, String worker, Instant now) {
        try {
            dynamo.updateItem(r -> r.tableName(table(federation)).key(key(newsletterId, NewsletterKeys.recipient(contactId)))
                    .updateExpression("SET #s = :sending, worker = :w, claimedAt = :now REMOVE gsi1pk, gsi1sk")
                    // Or this very claim already applied: the SDK retries a claim whose answer was lost, and a claim
                    // taken for "someone else's" would leave the recipient held by no one.
                    .conditionExpression("#s = :queued OR (#s = :sending AND worker = :w AND claimedAt = :now)")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":sending", s("sending"), ":queued", s("queued"), ":w", s(worker),
                            ":now", s(now.toString()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean markSent(String federation, String newsletterId, String contactId, String messageId, Instant at) {
        return markSent(federation, newsletterId, contactId, messageId, at, false);
    }

    @Override
    public boolean markSent(String federation, String newsletterId, String contactId, String messageId, Instant at,
                            boolean measured) {
        return counted(federation, newsletterId, contactId, "SET #s = :sent, messageId = :m, sentAt = :at REMOVE worker",
                "#s = :sending", Map.of(":sent", s("sent"), ":sending", s("sending"), ":m", s(messageId), ":at", s(at.toString())),
                measured ? new String[] {"sent", "measured"} : new String[] {"sent"});
    }

    @Override
    public void markFailed(String federation, String newsletterId, String contactId, boolean suppressed, String reason) {
        String status = suppressed ? "suppressed" : "failed";
        counted(federation, newsletterId, contactId, "SET #s = :status, failureReason = :reason REMOVE worker", "#s = :sending",
                Map.of(":status", s(status), ":sending", s("sending"), ":reason", s(reason)), status.equals("failed") ? "failed" : "suppressed");
    }

    @Override
    public void release(String federation, String newsletterId, String contactId, String worker) {
        try {
            dynamo.updateItem(r -> r.tableName(table(federation)).key(key(newsletterId, NewsletterKeys.recipient(contactId)))
                    .updateExpression("SET #s = :queued, gsi1pk = :q, gsi1sk = :c REMOVE worker, claimedAt")
                    .conditionExpression("#s = :sending AND worker = :w")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":queued", s("queued"), ":sending", s("sending"), ":w", s(worker),
                            ":q", s(NewsletterKeys.queue(newsletterId)), ":c", s(contactId))));
        } catch (ConditionalCheckFailedException e) {
            // already settled by the feedback loop or another worker
        }
    }

    @Override
    public List<String> stalled(String federation, String newsletterId, Instant before) {
        List<String> ids = new ArrayList<>();
        dynamo.queryPaginator(r -> r.tableName(table(federation)).consistentRead(true)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :r)")
                        .filterExpression("#s = :sending AND claimedAt < :before")
                        .expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":pk", s(NewsletterKeys.pk(newsletterId)), ":r", s("RCPT#"),
                                ":sending", s("sending"), ":before", s(before.toString())))
                        .projectionExpression("contactId"))
                .items().forEach(item -> ids.add(Attributes.s(item, "contactId")));
        return ids;
    }

    @Override
    public boolean requeue(String federation, String newsletterId, String contactId, Instant before) {
        try {
            dynamo.updateItem(r -> r.tableName(table(federation)).key(key(newsletterId, NewsletterKeys.recipient(contactId)))
                    .updateExpression("SET #s = :queued, gsi1pk = :q, gsi1sk = :c REMOVE worker, claimedAt")
                    .conditionExpression("#s = :sending AND claimedAt < :before")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":queued", s("queued"), ":sending", s("sending"),
                            ":before", s(before.toString()), ":q", s(NewsletterKeys.queue(newsletterId)), ":c", s(contactId))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean recordOutcome(String federation, String newsletterId, String contactId, Outcome outcome, Instant at) {
        String field = switch (outcome) {
            case DELIVERED -> "deliveredAt";
            case BOUNCED -> "bouncedAt";
            case COMPLAINED -> "complainedAt";
        };
        String counter = switch (outcome) {
            case DELIVERED -> "delivered";
            case BOUNCED -> "bounced";
            case COMPLAINED -> "complaints";
        };
        return counted(federation, newsletterId, contactId, "SET " + field + " = :at",
                "attribute_exists(pk) AND attribute_not_exists(" + field + ")", Map.of(":at", s(at.toString())), counter);
    }

    /** A recipient status change and its counters, together or not at all. */
    private boolean counted(String federation, String newsletterId, String contactId, String update, String condition,
                            Map<String, AttributeValue> values, String... counters) {
        Map<String, String> names = new HashMap<>();
        if (update.contains("#s") || condition.contains("#s")) {
            names.put("#s", "status");
        }
        Update recipient = Update.builder().tableName(table(federation)).key(key(newsletterId, NewsletterKeys.recipient(contactId)))
                .updateExpression(update).conditionExpression(condition).expressionAttributeValues(values)
                .expressionAttributeNames(names.isEmpty() ? null : names).build();
        Map<String, String> counterNames = new HashMap<>();
        List<String> adds = new ArrayList<>();
        for (int i = 0; i < counters.length; i++) {
            counterNames.put("#c" + i, counters[i]);
            adds.add("#c" + i + " :one");
        }
        Update count = Update.builder().tableName(table(federation)).key(key(newsletterId, NewsletterKeys.META))
                .updateExpression("ADD " + String.join(", ", adds)).expressionAttributeNames(counterNames)
                .expressionAttributeValues(Map.of(":one", n(1))).build();
        for (int attempt = 0; ; attempt++) {
            try {
                dynamo.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder().update(recipient).build(),
                        TransactWriteItem.builder().update(count).build()));
                return true;
            } catch (TransactionCanceledException e) {
                if (alreadyDone(e)) {
                    return false;
                }
                // Cancelled for another reason (a concurrent transaction on the counter item, throttling): nothing
                // was written, so try again; never report it as done, or a sent message or a bounce goes unrecorded.
                if (attempt >= 5) {
                    throw e;
                }
                sleepQuietly(fr.eterrain.core.newsletters.Backoff.delayMillis(attempt, 20, 1_000));
            }
        }
    }

    /** The recipient's condition failed: the change was made before (by another worker or an earlier delivery). */
    static boolean alreadyDone(TransactionCanceledException e) {
        return e.hasCancellationReasons() && e.cancellationReasons().stream()
                .anyMatch(r -> "ConditionalCheckFailed".equals(r.code()));
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a cancelled transaction", e);
        }
    }
}
