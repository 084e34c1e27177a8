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
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Newsletters with the low-level client. Writes per recipient are kept to three single-item writes of under 1 KB
 * (issue 15: at most 4 write units per recipient sent): the recipient is added ({@code queued}), claimed
 * ({@code sending}, under the worker's lease) and marked ({@code sent}, {@code failed} or {@code suppressed}), each
 * a conditional write on the recipient alone, so exactly-once rests, as before, on the recipient's own status.
 *
 * <ul>
 *   <li>The queue index holds pages, not recipients: a page item ({@code PAGE#…}) lists up to {@value #PAGE}
 *   recipients and alone is in gsi1 ({@code QUEUE#<id>}); the dispatcher reads a page, keeps those of its
 *   recipients still queued (a consistent read) and deletes the page once none is. A recipient handed back
 *   (released, or requeued after a dead worker) gets a page of its own, so it is never left off the index.</li>
 *   <li>Counters move in batches: marks add to a per-newsletter tally in this store, written with one {@code ADD}
 *   per page (and before any read of the newsletter through this store). A tally lost with a dead container is made
 *   good when the newsletter is marked sent: its counters are then recounted from the recipients' statuses (plus
 *   what erasures removed, {@code erased*}) and flagged {@code settled}, after which no tally is added.</li>
 * </ul>
 * Bounces, complaints and deliveries (one per SES event) still move a recipient and its counter in one transaction.
 */
public final class DynamoNewsletterStore implements NewsletterStore {
    /** Recipient items outlive the campaign for statistics, then expire. */
    static final Duration RECIPIENT_RETENTION = Duration.ofDays(395);
    /** Recipients per page of the queue index (the dispatcher's page). */
    static final int PAGE = 25;
    /** A page left by a cancelled send disappears by itself. */
    static final Duration PAGE_RETENTION = Duration.ofDays(30);
    /** The counters a tally adds to, and the erasure adjustments the recount adds back. */
    static final List<String> MARK_COUNTERS = List.of("sent", "measured", "failed", "suppressed");

    /** What this store has added but not yet written for one newsletter: the page being filled, the tally. */
    private static final class Pending {
        final List<String> page = new ArrayList<>();
        final long[] tally = new long[MARK_COUNTERS.size()];
        int marks;
        /** Set once the dispatcher reads this newsletter's queue here: marks then wait for the page's end. */
        volatile boolean batching;
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

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
        flushTally(federation, id);
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
        if (nl.getState() == NewsletterState.SENT) {
            set.append(recount(federation, nl.getId(), names, values));
        }
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
        item.put(TableLayout.TTL, n(clock.instant().plus(RECIPIENT_RETENTION).getEpochSecond()));
        boolean added;
        try {
            dynamo.putItem(r -> r.tableName(table(federation)).item(item).conditionExpression("attribute_not_exists(pk)"));
            added = true;
        } catch (ConditionalCheckFailedException e) {
            added = false;
        }
        // Listed even when it was there already: a materialisation run again after a crash may have lost the page
        // that listed it. A recipient on two pages is claimed once all the same.
        List<String> full = null;
        Pending p = pending(federation, newsletterId);
        synchronized (p) {
            p.page.add(contactId);
            if (p.page.size() >= PAGE) {
                full = List.copyOf(p.page);
                p.page.clear();
            }
        }
        if (full != null) {
            writePage(federation, newsletterId, full);
        }
        return added;
    }

    private Pending pending(String federation, String newsletterId) {
        return pending.computeIfAbsent(federation + "/" + newsletterId, k -> new Pending());
    }

    private void flushPage(String federation, String newsletterId) {
        Pending p = pending.get(federation + "/" + newsletterId);
        if (p == null) {
            return;
        }
        List<String> ids;
        synchronized (p) {
            ids = List.copyOf(p.page);
            p.page.clear();
        }
        if (!ids.isEmpty()) {
            writePage(federation, newsletterId, ids);
        }
    }

    /** A page of the queue index; named after its content, so writing the same page again changes nothing. */
    private void writePage(String federation, String newsletterId, List<String> contactIds) {
        String sk = NewsletterKeys.page(Integer.toHexString(String.join(",", contactIds).hashCode()) + "-"
                + contactIds.get(0) + "-" + contactIds.size());
        Map<String, AttributeValue> item = new HashMap<>(key(newsletterId, sk));
        item.put("contacts", Attributes.strings(contactIds));
        item.put(TableLayout.GSI1_PK, s(NewsletterKeys.queue(newsletterId)));
        item.put(TableLayout.GSI1_SK, s(sk));
        item.put(TableLayout.TTL, n(clock.instant().plus(PAGE_RETENTION).getEpochSecond()));
        dynamo.putItem(r -> r.tableName(table(federation)).item(item));
    }

    @Override
    public void completeMaterialisation(String federation, String newsletterId, long total) {
        flushPage(federation, newsletterId);
        dynamo.updateItem(r -> r.tableName(table(federation)).key(key(newsletterId, NewsletterKeys.META))
                .updateExpression("SET #t = :t, #m = :yes")
                .expressionAttributeNames(Map.of("#t", "total", "#m", "materialized"))
                .expressionAttributeValues(Map.of(":t", n(total), ":yes", AttributeValue.fromBool(true))));
    }

    /**
     * The queued recipients of the first page of the index that still has some; pages with none left are deleted on
     * the way. (Recipients queued by the former layout, one index entry each, are read too.)
     */
    @Override
    public List<String> queued(String federation, String newsletterId, int limit) {
        pending(federation, newsletterId).batching = true;
        flushPage(federation, newsletterId);
        flushTally(federation, newsletterId);
        while (true) {
            List<Map<String, AttributeValue>> entries = dynamo.query(r -> r.tableName(table(federation))
                    .indexName(TableLayout.GSI1).limit(Math.max(1, Math.min(limit, 10)))
                    .keyConditionExpression("gsi1pk = :q")
                    .expressionAttributeValues(Map.of(":q", s(NewsletterKeys.queue(newsletterId))))).items();
            if (entries.isEmpty()) {
                List<String> orphans = queuedOffTheIndex(federation, newsletterId);
                if (orphans.isEmpty()) {
                    return List.of();
                }
                for (int i = 0; i < orphans.size(); i += PAGE) {
                    writePage(federation, newsletterId, orphans.subList(i, Math.min(orphans.size(), i + PAGE)));
                }
                continue;
            }
            List<String> ids = new ArrayList<>();
            for (Map<String, AttributeValue> entry : entries) {
                String sk = Attributes.s(entry, TableLayout.SK);
                if (sk.startsWith("RCPT#")) {
                    ids.add(Attributes.s(entry, TableLayout.GSI1_SK));
                } else {
                    List<String> queued = stillQueued(federation, newsletterId, Attributes.list(entry, "contacts"));
                    if (queued.isEmpty()) {
                        dynamo.deleteItem(r -> r.tableName(table(federation)).key(key(newsletterId, sk)));
                    }
                    ids.addAll(queued);
                }
                if (ids.size() >= limit) {
                    break;
                }
            }
            if (!ids.isEmpty()) {
                List<String> distinct = new ArrayList<>(new java.util.LinkedHashSet<>(ids));
                return distinct.size() > limit ? List.copyOf(distinct.subList(0, limit)) : distinct;
            }
        }
    }

    /**
     * The recipients still queued once the index is empty: none, unless a write that put one back on the index
     * (its page) failed after the one that queued it, or a page was lost with a dead materialisation. Read only
     * when the index looks done (reads, not writes), so no one is ever left behind by a partial failure.
     */
    private List<String> queuedOffTheIndex(String federation, String newsletterId) {
        List<String> ids = new ArrayList<>();
        dynamo.queryPaginator(r -> r.tableName(table(federation)).consistentRead(true)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :r)")
                        .filterExpression("#s = :queued")
                        .expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":pk", s(NewsletterKeys.pk(newsletterId)), ":r", s("RCPT#"),
                                ":queued", s("queued")))
                        .projectionExpression("contactId"))
                .items().forEach(item -> ids.add(Attributes.s(item, "contactId")));
        return ids;
    }

    /** Those of {@code contactIds} whose recipient is queued, by a consistent read (reads, not writes). */
    private List<String> stillQueued(String federation, String newsletterId, List<String> contactIds) {
        String table = table(federation);
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (String id : new java.util.LinkedHashSet<>(contactIds)) {
            keys.add(key(newsletterId, NewsletterKeys.recipient(id)));
        }
        java.util.Set<String> queued = new java.util.HashSet<>();
        for (int i = 0; i < keys.size(); i += 100) {
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder()
                    .keys(keys.subList(i, Math.min(keys.size(), i + 100))).consistentRead(true)
                    .projectionExpression("contactId, #s").expressionAttributeNames(Map.of("#s", "status")).build());
            for (int attempt = 0; !request.isEmpty(); attempt++) {
                if (attempt > 0) {
                    sleepQuietly(fr.eterrain.core.newsletters.Backoff.delayMillis(attempt, 20, 1_000));
                }
                Map<String, KeysAndAttributes> asked = request;
                BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(asked));
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                    if ("queued".equals(Attributes.s(item, "status"))) {
                        queued.add(Attributes.s(item, "contactId"));
                    }
                }
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        List<String> ordered = new ArrayList<>();
        for (String id : new java.util.LinkedHashSet<>(contactIds)) {
            if (queued.contains(id)) {
                ordered.add(id);
            }
        }
        return ordered;
    }

    @Override
    public boolean claim(String federation, String newsletterId, String contactId, String worker, Instant now) {
        try {
            dynamo.updateItem(r -> r.tableName(table(federation)).key(key(newsletterId, NewsletterKeys.recipient(contactId)))
                    // REMOVE: a recipient queued by the former layout leaves the index as it is claimed.
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
        return marked(federation, newsletterId, contactId, "SET #s = :sent, messageId = :m, sentAt = :at"
                        + (measured ? ", #me = :yes" : "") + " REMOVE worker",
                measured ? Map.of(":sent", s("sent"), ":sending", s("sending"), ":m", s(messageId), ":at", s(at.toString()),
                        ":yes", AttributeValue.fromBool(true))
                        : Map.of(":sent", s("sent"), ":sending", s("sending"), ":m", s(messageId), ":at", s(at.toString())),
                measured ? new int[] {0, 1} : new int[] {0});
    }

    @Override
    public void markFailed(String federation, String newsletterId, String contactId, boolean suppressed, String reason) {
        String status = suppressed ? "suppressed" : "failed";
        marked(federation, newsletterId, contactId, "SET #s = :status, failureReason = :reason REMOVE worker",
                Map.of(":status", s(status), ":sending", s("sending"), ":reason", s(reason)), new int[] {suppressed ? 3 : 2});
    }

    /** sending → a final status, on the recipient alone; its counters join the tally (see the class comment). */
    private boolean marked(String federation, String newsletterId, String contactId, String update,
                           Map<String, AttributeValue> values, int[] counters) {
        try {
            dynamo.updateItem(r -> r.tableName(table(federation)).key(key(newsletterId, NewsletterKeys.recipient(contactId)))
                    .updateExpression(update).conditionExpression("#s = :sending")
                    .expressionAttributeNames(update.contains("#me") ? Map.of("#s", "status", "#me", "measured")
                            : Map.of("#s", "status")).expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
        Pending p = pending(federation, newsletterId);
        boolean full;
        synchronized (p) {
            for (int c : counters) {
                p.tally[c]++;
            }
            // Outside a dispatcher's pages (SES's Send event marking a recipient), at once.
            full = ++p.marks >= PAGE || !p.batching;
        }
        if (full) {
            flushTally(federation, newsletterId);
        }
        return true;
    }

    /** Adds this store's tally of a newsletter to its counters, unless they were settled meanwhile. */
    private void flushTally(String federation, String newsletterId) {
        Pending p = pending.get(federation + "/" + newsletterId);
        if (p == null) {
            return;
        }
        long[] tally;
        synchronized (p) {
            if (p.marks == 0) {
                return;
            }
            tally = p.tally.clone();
            java.util.Arrays.fill(p.tally, 0);
            p.marks = 0;
        }
        Map<String, String> names = new HashMap<>(Map.of("#settled", "settled"));
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> adds = new ArrayList<>();
        for (int i = 0; i < tally.length; i++) {
            if (tally[i] > 0) {
                names.put("#c" + i, MARK_COUNTERS.get(i));
                values.put(":c" + i, n(tally[i]));
                adds.add("#c" + i + " :c" + i);
            }
        }
        try {
            dynamo.updateItem(r -> r.tableName(table(federation)).key(key(newsletterId, NewsletterKeys.META))
                    .updateExpression("ADD " + String.join(", ", adds)).conditionExpression("attribute_exists(pk) AND attribute_not_exists(#settled)")
                    .expressionAttributeNames(names).expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException e) {
            // Settled: the recount counted marks made before it, not any made since; counting again is exact either way.
            resettle(federation, newsletterId);
        } catch (RuntimeException e) {
            synchronized (p) {
                for (int i = 0; i < tally.length; i++) {
                    p.tally[i] += tally[i];
                }
                p.marks++;
            }
            throw e;
        }
    }

    /**
     * The counters of a newsletter being marked sent, recounted from its recipients (none is queued or being sent
     * any more: the dispatcher checked), plus what erasures took away; and the flag that stops any later tally.
     */
    private String recount(String federation, String newsletterId, Map<String, String> names, Map<String, AttributeValue> values) {
        pending.remove(federation + "/" + newsletterId);
        return settledCounters(countMarks(federation, newsletterId), clock.millis(), names, values);
    }

    /**
     * A mark that came after the newsletter was settled (a recipient whose SES Send event arrived late): the counters
     * recounted again. Recounts are absolute and only a later one replaces an earlier one, so they never count twice.
     */
    private void resettle(String federation, String newsletterId) {
        long startedAt = clock.millis();
        long[] counts = countMarks(federation, newsletterId);
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        String set = settledCounters(counts, startedAt, names, values).substring(2);
        try {
            dynamo.updateItem(r -> r.tableName(table(federation)).key(key(newsletterId, NewsletterKeys.META))
                    .updateExpression("SET " + set)
                    .conditionExpression("attribute_exists(#settled) AND (attribute_not_exists(#at) OR #at < :at)")
                    .expressionAttributeNames(names).expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException e) {
            // a later recount is there already
        }
    }

    private long[] countMarks(String federation, String newsletterId) {
        long[] counts = new long[MARK_COUNTERS.size()];
        dynamo.queryPaginator(r -> r.tableName(table(federation)).consistentRead(true)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :r)")
                        .expressionAttributeNames(Map.of("#s", "status", "#me", "measured"))
                        .expressionAttributeValues(Map.of(":pk", s(NewsletterKeys.pk(newsletterId)), ":r", s("RCPT#")))
                        .projectionExpression("#s, #me"))
                .items().forEach(item -> {
                    String status = Attributes.s(item, "status");
                    if ("sent".equals(status)) {
                        counts[0]++;
                        if (item.containsKey("measured") && Boolean.TRUE.equals(item.get("measured").bool())) {
                            counts[1]++;
                        }
                    } else if ("failed".equals(status)) {
                        counts[2]++;
                    } else if ("suppressed".equals(status)) {
                        counts[3]++;
                    }
                });
        return counts;
    }

    /** ", #r0 = :r0 + erased…, …, settled, recountedAt" for an update expression's SET. */
    private static String settledCounters(long[] counts, long startedAt, Map<String, String> names, Map<String, AttributeValue> values) {
        StringBuilder set = new StringBuilder();
        values.put(":zero", n(0));
        values.put(":settled", AttributeValue.fromBool(true));
        values.put(":at", n(startedAt));
        for (int i = 0; i < counts.length; i++) {
            String counter = MARK_COUNTERS.get(i);
            names.put("#r" + i, counter);
            names.put("#e" + i, erased(counter));
            values.put(":r" + i, n(counts[i]));
            set.append(", #r").append(i).append(" = :r").append(i).append(" + if_not_exists(#e").append(i).append(", :zero)");
        }
        names.put("#settled", "settled");
        names.put("#at", "recountedAt");
        set.append(", #settled = :settled, #at = :at");
        return set.toString();
    }

    /** The counter of what erasures removed from a newsletter's recipients, by their status (DynamoContactStore). */
    public static String erased(String counter) {
        return "erased" + Character.toUpperCase(counter.charAt(0)) + counter.substring(1);
    }

    @Override
    public void release(String federation, String newsletterId, String contactId, String worker) {
        try {
            dynamo.updateItem(r -> r.tableName(table(federation)).key(key(newsletterId, NewsletterKeys.recipient(contactId)))
                    .updateExpression("SET #s = :queued REMOVE worker, claimedAt")
                    .conditionExpression("#s = :sending AND worker = :w")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":queued", s("queued"), ":sending", s("sending"), ":w", s(worker))));
        } catch (ConditionalCheckFailedException e) {
            return; // already settled by the feedback loop or another worker
        }
        // Its page may be gone already (read while it was being sent): back on the index with a page of its own.
        writePage(federation, newsletterId, List.of(contactId));
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
                    .updateExpression("SET #s = :queued REMOVE worker, claimedAt")
                    .conditionExpression("#s = :sending AND claimedAt < :before")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":queued", s("queued"), ":sending", s("sending"),
                            ":before", s(before.toString()))));
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
        writePage(federation, newsletterId, List.of(contactId));
        return true;
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
