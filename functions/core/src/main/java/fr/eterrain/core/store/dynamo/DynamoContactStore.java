package fr.eterrain.core.store.dynamo;

import fr.eterrain.core.contacts.ConsentEvent;
import fr.eterrain.core.contacts.Contact;
import fr.eterrain.core.contacts.ContactFilter;
import fr.eterrain.core.contacts.ContactPage;
import fr.eterrain.core.contacts.ContactStore;
import fr.eterrain.core.contacts.EmailEntry;
import fr.eterrain.core.newsletters.NewsletterKeys;
import fr.eterrain.core.security.FieldCipher;
import fr.eterrain.core.store.TableLayout;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteResult;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Contacts, email index and consent log in the federation's own table (see {@link TableLayout}). */
public final class DynamoContactStore implements ContactStore {
    /** The per-federation confirmation throttle of earlier versions: an erasure still removes a leftover one. */
    private static final String THROTTLE = "THROTTLE";
    private static final int MAX_PAGES_PER_LIST = 25;

    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbClient dynamo;
    private final TableLayout layout;
    private final TableSchema<Contact> contactSchema;
    private final TableSchema<EmailEntry> emailSchema = ContactSchemas.emailEntry();
    private final TableSchema<ConsentEvent> consentSchema = ContactSchemas.consentEvent();
    private final Map<String, Tables> tables = new ConcurrentHashMap<>();

    private record Tables(DynamoDbTable<Contact> contacts, DynamoDbTable<EmailEntry> emails, DynamoDbTable<ConsentEvent> consent) {
    }

    public DynamoContactStore(DynamoDbEnhancedClient enhanced, DynamoDbClient dynamo, TableLayout layout, FieldCipher cipher) {
        this.enhanced = enhanced;
        this.dynamo = dynamo;
        this.layout = layout;
        this.contactSchema = ContactSchemas.contact(cipher);
    }

    private Tables tables(String federation) {
        return tables.computeIfAbsent(federation, f -> {
            String name = layout.federationTable(f);
            return new Tables(enhanced.table(name, contactSchema), enhanced.table(name, emailSchema),
                    enhanced.table(name, consentSchema));
        });
    }

    private static Key key(String pk, String sk) {
        return Key.builder().partitionValue(pk).sortValue(sk).build();
    }

    @Override
    public Optional<Contact> find(String federation, String contactId) {
        return Optional.ofNullable(tables(federation).contacts()
                .getItem(r -> r.key(key(ContactSchemas.contactPk(contactId), ContactSchemas.PROFILE)).consistentRead(true)));
    }

    /** One BatchGetItem per 100 ids (strongly consistent), retrying what DynamoDB leaves unprocessed. */
    @Override
    public Map<String, Contact> findAll(String federation, Collection<String> contactIds) {
        Map<String, Contact> found = new HashMap<>();
        List<String> ids = List.copyOf(new LinkedHashSet<>(contactIds));
        DynamoDbTable<Contact> table = tables(federation).contacts();
        for (int start = 0; start < ids.size(); start += 100) {
            ReadBatch.Builder<Contact> batch = ReadBatch.builder(Contact.class).mappedTableResource(table);
            ids.subList(start, Math.min(ids.size(), start + 100)).forEach(id -> batch.addGetItem(
                    GetItemEnhancedRequest.builder()
                            .key(key(ContactSchemas.contactPk(id), ContactSchemas.PROFILE)).consistentRead(true).build()));
            // The enhanced client's pages carry on with unprocessed keys by themselves.
            enhanced.batchGetItem(r -> r.readBatches(batch.build())).resultsForTable(table).forEach(c -> found.put(c.getId(), c));
        }
        return found;
    }

    /**
     * Writes contacts already checked elsewhere, with their email entries, 25 items per call and without conditions:
     * for loading a federation's data in bulk (the benchmark's 100,000 contacts). Never for signups or imports,
     * which must not overwrite anyone.
     */
    public void load(String federation, List<Contact> contacts) {
        Tables t = tables(federation);
        // 12 contacts and their 12 email entries: 24 items, within BatchWriteItem's 25.
        for (int start = 0; start < contacts.size(); start += 12) {
            List<Contact> people = contacts.subList(start, Math.min(contacts.size(), start + 12));
            people.forEach(c -> c.setVersion(1));
            List<EmailEntry> emails = people.stream().map(c -> EmailEntry.forContact(c.getEmailHash(), c.getId())).toList();
            for (int attempt = 0; !people.isEmpty() || !emails.isEmpty(); attempt++) {
                if (attempt == 10) {
                    throw new IllegalStateException("DynamoDB kept items unprocessed in a bulk load of " + federation);
                }
                WriteBatch.Builder<Contact> contactBatch = WriteBatch.builder(Contact.class).mappedTableResource(t.contacts());
                people.forEach(contactBatch::addPutItem);
                WriteBatch.Builder<EmailEntry> emailBatch = WriteBatch.builder(EmailEntry.class).mappedTableResource(t.emails());
                emails.forEach(emailBatch::addPutItem);
                BatchWriteResult result = enhanced.batchWriteItem(r -> r.writeBatches(contactBatch.build(), emailBatch.build()));
                people = result.unprocessedPutItemsForTable(t.contacts());
                emails = result.unprocessedPutItemsForTable(t.emails());
            }
        }
    }

    @Override
    public Optional<EmailEntry> findEmail(String federation, String emailHash) {
        return Optional.ofNullable(tables(federation).emails()
                .getItem(r -> r.key(key(ContactSchemas.emailPk(emailHash), ContactSchemas.EMAIL)).consistentRead(true)));
    }

    private static Expression notExists() {
        return Expression.builder().expression("attribute_not_exists(pk)").build();
    }

    @Override
    public boolean create(String federation, Contact contact, List<ConsentEvent> consent) {
        Tables t = tables(federation);
        contact.setVersion(1);
        TransactWriteItemsEnhancedRequest.Builder tx = TransactWriteItemsEnhancedRequest.builder()
                .addPutItem(t.contacts(), TransactPutItemEnhancedRequest.builder(Contact.class).item(contact)
                        .conditionExpression(notExists()).build())
                .addPutItem(t.emails(), TransactPutItemEnhancedRequest.builder(EmailEntry.class)
                        .item(EmailEntry.forContact(contact.getEmailHash(), contact.getId()))
                        .conditionExpression(notExists()).build());
        consent.forEach(e -> tx.addPutItem(t.consent(), TransactPutItemEnhancedRequest.builder(ConsentEvent.class).item(e)
                .conditionExpression(notExists()).build()));
        try {
            enhanced.transactWriteItems(tx.build());
            return true;
        } catch (TransactionCanceledException e) {
            contact.setVersion(0);
            return false;
        }
    }

    @Override
    public boolean update(String federation, Contact contact, List<ConsentEvent> consent) {
        Tables t = tables(federation);
        long expected = contact.getVersion();
        contact.setVersion(expected + 1);
        Expression sameVersion = Expression.builder().expression("#v = :v")
                .putExpressionName("#v", "version")
                .putExpressionValue(":v", AttributeValue.fromN(Long.toString(expected))).build();
        TransactWriteItemsEnhancedRequest.Builder tx = TransactWriteItemsEnhancedRequest.builder()
                .addPutItem(t.contacts(), TransactPutItemEnhancedRequest.builder(Contact.class).item(contact)
                        .conditionExpression(sameVersion).build());
        consent.forEach(e -> tx.addPutItem(t.consent(), TransactPutItemEnhancedRequest.builder(ConsentEvent.class).item(e)
                .conditionExpression(notExists()).build()));
        try {
            enhanced.transactWriteItems(tx.build());
            return true;
        } catch (TransactionCanceledException e) {
            contact.setVersion(expected);
            return false;
        }
    }

    @Override
    public ContactPage list(String federation, ContactFilter filter, String cursor, int limit) {
        Map<String, AttributeValue> start = Cursors.decode(cursor);
        Expression expression = Filters.of(filter);
        List<Contact> found = new ArrayList<>();
        Map<String, AttributeValue> last = start;
        int pages = 0;
        do {
            QueryEnhancedRequest.Builder query = QueryEnhancedRequest.builder()
                    .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(ContactSchemas.CONTACTS_INDEX)))
                    .limit(limit - found.size())
                    .exclusiveStartKey(last);
            if (expression != null) {
                query.filterExpression(expression);
            }
            Page<Contact> page = tables(federation).contacts().index(TableLayout.GSI1).query(query.build()).iterator().next();
            found.addAll(page.items());
            last = page.lastEvaluatedKey();
            pages++;
        } while (last != null && found.size() < limit && pages < MAX_PAGES_PER_LIST);
        return new ContactPage(found, last == null ? null : Cursors.encode(last));
    }

    @Override
    public List<ConsentEvent> consentLog(String federation, String contactId) {
        List<ConsentEvent> events = new ArrayList<>();
        tables(federation).consent().query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortBeginsWith(k -> k.partitionValue(ContactSchemas.contactPk(contactId))
                                .sortValue("CONSENT#")))
                        .consistentRead(true).build())
                .items().forEach(events::add);
        return events;
    }

    @Override
    public void erase(String federation, Contact contact, String suppressionReason, Instant at) {
        String table = layout.federationTable(federation);
        // Suppression first and the profile last: a retry after a crash finds the contact and finishes the job.
        if (suppressionReason != null) {
            suppress(federation, contact.getEmailHash(), suppressionReason, at);
        } else {
            deleteKeys(table, List.of(Attributes.key(ContactSchemas.emailPk(contact.getEmailHash()), ContactSchemas.EMAIL)));
        }
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        keys.add(Attributes.key(ContactSchemas.emailPk(contact.getEmailHash()), THROTTLE));
        dynamo.queryPaginator(r -> r.tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(ContactSchemas.contactPk(contact.getId()))))
                        .projectionExpression("pk, sk"))
                .items().forEach(item -> {
                    if (!ContactSchemas.PROFILE.equals(item.get(TableLayout.SK).s())) {
                        keys.add(item);
                    }
                });
        deleteKeys(table, keys);
        forgetAsRecipient(table, contact.getId());
        deleteKeys(table, List.of(Attributes.key(ContactSchemas.contactPk(contact.getId()), ContactSchemas.PROFILE)));
    }

    /**
     * The person's recipient items in every newsletter of the federation ({@code NEWSLETTER#<id>} / {@code RCPT#<contactId>}:
     * their contact id, SES message id, delivery times), which live in the newsletters' partitions and would otherwise
     * outlive the erasure until their TTL. The newsletters' counters stay: they are aggregates. A recipient still
     * waiting to be mailed is settled as the dispatcher settles a contact gone meanwhile: not mailed, counted
     * suppressed, so the newsletter's progress still adds up.
     */
    private void forgetAsRecipient(String table, String contactId) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        dynamo.queryPaginator(r -> r.tableName(table).indexName(TableLayout.GSI1)
                        .keyConditionExpression("gsi1pk = :list")
                        .expressionAttributeValues(Map.of(":list", AttributeValue.fromS(NewsletterKeys.LIST)))
                        .projectionExpression("pk"))
                .items().forEach(item -> keys.add(Attributes.key(Attributes.s(item, TableLayout.PK), NewsletterKeys.recipient(contactId))));
        List<Map<String, AttributeValue>> toDelete = new ArrayList<>();
        for (int i = 0; i < keys.size(); i += 100) {
            Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder()
                    .keys(keys.subList(i, Math.min(keys.size(), i + 100))).consistentRead(true)
                    .projectionExpression("pk, sk, #s, #me").expressionAttributeNames(Map.of("#s", "status", "#me", "measured")).build());
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt == 8) {
                    throw new IllegalStateException("could not read every recipient item; the erasure will be retried");
                }
                if (attempt > 0) {
                    sleep(50L << attempt);
                }
                Map<String, KeysAndAttributes> request = pending;
                BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(request));
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                    Map<String, AttributeValue> key = Attributes.key(Attributes.s(item, TableLayout.PK), Attributes.s(item, TableLayout.SK));
                    if (!settleUnsent(table, key, Attributes.s(item, "status"),
                            item.containsKey("measured") && Boolean.TRUE.equals(item.get("measured").bool()))) {
                        toDelete.add(key);
                    }
                }
                pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        deleteKeys(table, toDelete);
    }

    /**
     * Removes a recipient and keeps its newsletter's counts, in one transaction: one still queued or being sent is
     * counted suppressed (as the dispatcher counts a contact gone meanwhile); one already settled (sent, failed,
     * suppressed) is counted under the newsletter's erased* counters, which its recount when it is marked sent adds
     * back (DynamoNewsletterStore). False when its status is none of these (nothing to keep: deleted plainly).
     */
    private boolean settleUnsent(String table, Map<String, AttributeValue> key, String status, boolean measured) {
        for (int attempt = 0; attempt < 5 && status != null; attempt++) {
            String expected = status;
            List<String> counters = new ArrayList<>();
            switch (status) {
                case "queued", "sending" -> {
                    counters.add("suppressed");
                    counters.add(DynamoNewsletterStore.erased("suppressed"));
                }
                case "sent", "failed", "suppressed" -> {
                    counters.add(DynamoNewsletterStore.erased(status));
                    if (status.equals("sent") && measured) {
                        counters.add(DynamoNewsletterStore.erased("measured"));
                    }
                }
                default -> {
                    return false;
                }
            }
            Map<String, String> names = new HashMap<>();
            List<String> adds = new ArrayList<>();
            for (int i = 0; i < counters.size(); i++) {
                names.put("#c" + i, counters.get(i));
                adds.add("#c" + i + " :one");
            }
            try {
                dynamo.transactWriteItems(r -> r.transactItems(
                        TransactWriteItem.builder().delete(d -> d.tableName(table).key(key).conditionExpression("#s = :s")
                                .expressionAttributeNames(Map.of("#s", "status"))
                                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(expected)))).build(),
                        TransactWriteItem.builder().update(u -> u.tableName(table)
                                .key(Attributes.key(key.get(TableLayout.PK).s(), NewsletterKeys.META))
                                .updateExpression("ADD " + String.join(", ", adds)).expressionAttributeNames(names)
                                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))).build()));
                return true;
            } catch (TransactionCanceledException e) {
                // The dispatcher moved it meanwhile (claimed, sent, failed): look again.
                Map<String, AttributeValue> now = dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
                if (now == null || now.isEmpty()) {
                    return true;
                }
                status = Attributes.s(now, "status");
                measured = now.containsKey("measured") && Boolean.TRUE.equals(now.get("measured").bool());
            }
        }
        return false;
    }

    @Override
    public void suppress(String federation, String emailHash, String reason, Instant at) {
        tables(federation).emails().putItem(EmailEntry.suppression(emailHash, reason, at));
    }

    @Override
    public void forEach(String federation, Consumer<Contact> action) {
        tables(federation).contacts().index(TableLayout.GSI1)
                .query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(ContactSchemas.CONTACTS_INDEX)))
                        .build())
                .forEach(page -> page.items().forEach(action));
    }


    private void deleteKeys(String table, List<Map<String, AttributeValue>> keys) {
        for (int i = 0; i < keys.size(); i += 25) {
            List<WriteRequest> batch = keys.subList(i, Math.min(keys.size(), i + 25)).stream()
                    .map(k -> WriteRequest.builder().deleteRequest(d -> d.key(k)).build()).toList();
            Map<String, List<WriteRequest>> pending = Map.of(table, batch);
            for (int attempt = 0; !pending.isEmpty() && attempt < 8; attempt++) {
                Map<String, List<WriteRequest>> request = pending;
                pending = dynamo.batchWriteItem(r -> r.requestItems(request)).unprocessedItems();
                if (!pending.isEmpty()) {
                    sleep(50L << attempt);
                }
            }
            if (!pending.isEmpty()) {
                throw new IllegalStateException("could not delete every item; the erasure will be retried");
            }
        }
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
