package fr.eterrain.core.store.dynamo;

import fr.eterrain.core.people.PeopleStore;
import fr.eterrain.core.people.Person;
import fr.eterrain.core.people.Session;
import fr.eterrain.core.people.SignInAttempt;
import fr.eterrain.core.security.FieldCipher;
import fr.eterrain.core.store.TableLayout;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * People in the platform table. {@code PERSON#<id>}: the person ({@code PERSON}, listed per home through gsi1
 * {@code PEOPLE#<home>}), their sessions ({@code SESSION#<token hash>}) and pending sign-in ({@code SIGNIN}), all in
 * one partition, so a session check is one GetItem and ending every session one query. {@code PERSONEMAIL#<hash>}:
 * the address index (unique). The address is encrypted for the person's id; sessions and sign-ins expire by TTL.
 */
public final class DynamoPeopleStore implements PeopleStore {
    private final DynamoDbClient dynamo;
    private final TableLayout layout;
    private final Supplier<FieldCipher> cipher;

    /** @param cipher taken on first use: a function that only checks sessions never needs the data key */
    public DynamoPeopleStore(DynamoDbClient dynamo, TableLayout layout, Supplier<FieldCipher> cipher) {
        this.dynamo = dynamo;
        this.layout = layout;
        this.cipher = cipher;
    }

    private static String pk(String id) {
        return "PERSON#" + id;
    }

    private static Map<String, AttributeValue> personKey(String id) {
        return Attributes.key(pk(id), "PERSON");
    }

    private static Map<String, AttributeValue> emailKey(String hash) {
        return Attributes.key("PERSONEMAIL#" + hash, "PERSONEMAIL");
    }

    private static String context(String id) {
        return "person/" + id + "/email";
    }

    @Override
    public void create(Person person, String emailHash) {
        Map<String, AttributeValue> index = new HashMap<>(emailKey(emailHash));
        index.put("personId", AttributeValue.fromS(person.id()));
        try {
            dynamo.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().put(Put.builder().tableName(layout.platformTable()).item(index)
                            .conditionExpression("attribute_not_exists(pk)").build()).build(),
                    TransactWriteItem.builder().put(Put.builder().tableName(layout.platformTable()).item(item(person))
                            .conditionExpression("attribute_not_exists(pk)").build()).build()));
        } catch (TransactionCanceledException e) {
            throw new EmailTaken();
        }
    }

    @Override
    public void update(Person person) {
        dynamo.putItem(r -> r.tableName(layout.platformTable()).item(item(person)).conditionExpression("attribute_exists(pk)"));
    }

    private Map<String, AttributeValue> item(Person p) {
        Map<String, AttributeValue> item = new HashMap<>(personKey(p.id()));
        item.put(TableLayout.GSI1_PK, AttributeValue.fromS("PEOPLE#" + p.home()));
        item.put(TableLayout.GSI1_SK, AttributeValue.fromS(p.createdAt() + "#" + p.id()));
        item.put("id", AttributeValue.fromS(p.id()));
        item.put("email", AttributeValue.fromS(cipher.get().encrypt(p.email(), context(p.id()))));
        item.put("displayName", AttributeValue.fromS(p.displayName()));
        item.put("home", AttributeValue.fromS(p.home()));
        item.put("role", AttributeValue.fromS(p.role()));
        item.put("send", AttributeValue.fromBool(p.send()));
        item.put("status", AttributeValue.fromS(p.status().label()));
        item.put("createdBy", AttributeValue.fromS(p.createdBy()));
        item.put("invitedBy", AttributeValue.fromS(p.invitedBy() == null ? "" : p.invitedBy()));
        item.put("createdAt", AttributeValue.fromS(p.createdAt().toString()));
        if (p.lastSignInAt() != null) {
            item.put("lastSignInAt", AttributeValue.fromS(p.lastSignInAt().toString()));
        }
        if (p.inviteHash() != null) {
            item.put("inviteHash", AttributeValue.fromS(p.inviteHash()));
            item.put("inviteExpiresAt", AttributeValue.fromS(p.inviteExpiresAt().toString()));
        }
        return item;
    }

    private Person person(Map<String, AttributeValue> item) {
        String id = Attributes.s(item, "id");
        return new Person(id, cipher.get().decrypt(Attributes.s(item, "email"), context(id)), Attributes.s(item, "displayName"),
                Attributes.s(item, "home"), Attributes.s(item, "role"), item.get("send").bool(),
                Person.Status.parse(Attributes.s(item, "status")), Attributes.s(item, "createdBy"),
                emptyToNull(Attributes.s(item, "invitedBy")), Instant.parse(Attributes.s(item, "createdAt")),
                instant(item, "lastSignInAt"), Attributes.s(item, "inviteHash"), instant(item, "inviteExpiresAt"));
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        String value = Attributes.s(item, name);
        return value == null ? null : Instant.parse(value);
    }

    @Override
    public Optional<Person> find(String id) {
        if (id == null || !id.matches("p[A-Za-z0-9]{12}")) {
            return Optional.empty();
        }
        var item = dynamo.getItem(r -> r.tableName(layout.platformTable()).key(personKey(id))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(person(item));
    }

    @Override
    public Optional<String> idByEmail(List<String> emailHashes) {
        for (String hash : emailHashes) {
            var item = dynamo.getItem(r -> r.tableName(layout.platformTable()).key(emailKey(hash))).item();
            if (item != null && !item.isEmpty()) {
                return Optional.of(Attributes.s(item, "personId"));
            }
        }
        return Optional.empty();
    }

    @Override
    public List<Person> list(String home) {
        return dynamo.queryPaginator(r -> r.tableName(layout.platformTable()).indexName(TableLayout.GSI1)
                        .keyConditionExpression("gsi1pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("PEOPLE#" + home))))
                .items().stream().map(this::person).toList();
    }

    @Override
    public void erase(String id, List<String> emailHashes) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        partition(id).forEach(item -> keys.add(Attributes.key(Attributes.s(item, TableLayout.PK), Attributes.s(item, TableLayout.SK))));
        emailHashes.forEach(h -> keys.add(emailKey(h)));
        keys.forEach(k -> dynamo.deleteItem(r -> r.tableName(layout.platformTable()).key(k)));
    }

    private List<Map<String, AttributeValue>> partition(String id) {
        return dynamo.queryPaginator(r -> r.tableName(layout.platformTable()).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk(id))))).items().stream().toList();
    }

    // --- sessions ------------------------------------------------------------------------------------------

    private static Map<String, AttributeValue> sessionKey(String personId, String hash) {
        return Attributes.key(pk(personId), "SESSION#" + hash);
    }

    @Override
    public void putSession(Session s) {
        Map<String, AttributeValue> item = new HashMap<>(sessionKey(s.personId(), s.tokenHash()));
        item.put("tokenHash", AttributeValue.fromS(s.tokenHash()));
        item.put("role", AttributeValue.fromS(s.role()));
        item.put("home", AttributeValue.fromS(s.home()));
        item.put("send", AttributeValue.fromBool(s.send()));
        item.put("displayName", AttributeValue.fromS(s.displayName()));
        item.put("createdAt", AttributeValue.fromS(s.createdAt().toString()));
        item.put("lastSeenAt", AttributeValue.fromS(s.lastSeenAt().toString()));
        item.put("sessionExpiresAt", AttributeValue.fromS(s.expiresAt().toString()));
        item.put(TableLayout.TTL, AttributeValue.fromN(Long.toString(s.expiresAt().getEpochSecond())));
        dynamo.putItem(r -> r.tableName(layout.platformTable()).item(item));
    }

    @Override
    public Optional<Session> session(String personId, String tokenHash) {
        var item = dynamo.getItem(r -> r.tableName(layout.platformTable()).key(sessionKey(personId, tokenHash))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(session(personId, item));
    }

    private static Session session(String personId, Map<String, AttributeValue> item) {
        return new Session(personId, Attributes.s(item, "tokenHash"), Attributes.s(item, "role"), Attributes.s(item, "home"),
                item.get("send").bool(), Attributes.s(item, "displayName"), instant(item, "createdAt"),
                instant(item, "lastSeenAt"), instant(item, "sessionExpiresAt"));
    }

    @Override
    public void touchSession(String personId, String tokenHash, Instant at) {
        try {
            dynamo.updateItem(r -> r.tableName(layout.platformTable()).key(sessionKey(personId, tokenHash))
                    .updateExpression("SET lastSeenAt = :at").conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":at", AttributeValue.fromS(at.toString()))));
        } catch (ConditionalCheckFailedException e) {
            // ended meanwhile: nothing to refresh
        }
    }

    @Override
    public void deleteSession(String personId, String tokenHash) {
        dynamo.deleteItem(r -> r.tableName(layout.platformTable()).key(sessionKey(personId, tokenHash)));
    }

    @Override
    public List<Session> sessions(String personId) {
        return dynamo.queryPaginator(r -> r.tableName(layout.platformTable())
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :s)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk(personId)), ":s", AttributeValue.fromS("SESSION#"))))
                .items().stream().map(item -> session(personId, item)).toList();
    }

    // --- sign-in attempts ----------------------------------------------------------------------------------

    private static Map<String, AttributeValue> attemptKey(String personId) {
        return Attributes.key(pk(personId), "SIGNIN");
    }

    @Override
    public void putAttempt(SignInAttempt a) {
        Map<String, AttributeValue> item = new HashMap<>(attemptKey(a.personId()));
        item.put("codeHash", AttributeValue.fromS(a.codeHash()));
        item.put("linkHash", AttributeValue.fromS(a.linkHash()));
        item.put("attemptExpiresAt", AttributeValue.fromS(a.expiresAt().toString()));
        item.put("failures", AttributeValue.fromN(Integer.toString(a.failures())));
        item.put("version", AttributeValue.fromN(Long.toString(a.version())));
        item.put(TableLayout.TTL, AttributeValue.fromN(Long.toString(a.expiresAt().getEpochSecond() + 3600)));
        dynamo.putItem(r -> r.tableName(layout.platformTable()).item(item));
    }

    @Override
    public Optional<SignInAttempt> attempt(String personId) {
        var item = dynamo.getItem(r -> r.tableName(layout.platformTable()).key(attemptKey(personId)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SignInAttempt(personId, Attributes.s(item, "codeHash"), Attributes.s(item, "linkHash"),
                instant(item, "attemptExpiresAt"), Integer.parseInt(item.get("failures").n()), Long.parseLong(item.get("version").n())));
    }

    @Override
    public boolean recordFailure(String personId, long version) {
        try {
            dynamo.updateItem(r -> r.tableName(layout.platformTable()).key(attemptKey(personId))
                    .updateExpression("SET failures = failures + :one, version = version + :one")
                    .conditionExpression("version = :v")
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"), ":v", AttributeValue.fromN(Long.toString(version)))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean consumeAttempt(String personId, long version) {
        try {
            dynamo.deleteItem(r -> r.tableName(layout.platformTable()).key(attemptKey(personId))
                    .conditionExpression("version = :v")
                    .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(version)))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
