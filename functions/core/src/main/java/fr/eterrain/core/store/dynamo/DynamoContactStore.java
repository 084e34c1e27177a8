package fr.eterrain.core.store.dynamo;

import fr.eterrain.core.contacts.ConsentEvent;
import fr.eterrain.core.contacts.Contact;
import fr.eterrain.core.contacts.ContactFilter;
import fr.eterrain.core.contacts.ContactPage;
import fr.eterrain.core.contacts.ContactStore;
import fr.eterrain.core.contacts.EmailEntry;
import fr.eterrain.core.security.FieldCipher;
import fr.eterrain.core.store.TableLayout;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Contacts, email index and consent log in the federation's own table (see {@link TableLayout}). */
public final class DynamoContactStore implements ContactStore {
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
    public boolean claimConfirmationEmail(String federation, String emailHash, Instant now, Duration window) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableLayout.PK, AttributeValue.fromS(ContactSchemas.emailPk(emailHash)));
        item.put(TableLayout.SK, AttributeValue.fromS(THROTTLE));
        item.put("sentAt", AttributeValue.fromN(Long.toString(now.toEpochMilli())));
        item.put(TableLayout.TTL, AttributeValue.fromN(Long.toString(now.plus(window).getEpochSecond() + 60)));
        try {
            dynamo.putItem(r -> r.tableName(layout.federationTable(federation)).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR sentAt <= :cutoff")
                    .expressionAttributeValues(Map.of(":cutoff",
                            AttributeValue.fromN(Long.toString(now.minus(window).toEpochMilli())))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void releaseConfirmationEmail(String federation, String emailHash) {
        dynamo.deleteItem(r -> r.tableName(layout.federationTable(federation)).key(Map.of(
                TableLayout.PK, AttributeValue.fromS(ContactSchemas.emailPk(emailHash)),
                TableLayout.SK, AttributeValue.fromS(THROTTLE))));
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
        deleteKeys(table, List.of(Attributes.key(ContactSchemas.contactPk(contact.getId()), ContactSchemas.PROFILE)));
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
