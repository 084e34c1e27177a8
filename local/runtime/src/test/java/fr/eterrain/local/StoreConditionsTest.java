package fr.eterrain.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.eterrain.core.aws.lite.DirectAws;
import fr.eterrain.core.contacts.Contact;
import fr.eterrain.core.contacts.ContactStatus;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.newsletters.Newsletter;
import fr.eterrain.core.newsletters.NewsletterKeys;
import fr.eterrain.core.newsletters.NewsletterState;
import fr.eterrain.core.newsletters.NewsletterStore.Outcome;
import fr.eterrain.core.newsletters.Segment;
import fr.eterrain.core.security.FieldCipher;
import fr.eterrain.core.store.TableLayout;
import fr.eterrain.core.store.dynamo.DynamoContactStore;
import fr.eterrain.core.store.dynamo.DynamoNewsletterStore;
import fr.eterrain.core.store.dynamo.DynamoTrackingStore;
import fr.eterrain.core.testing.TestCore;
import fr.eterrain.core.tracking.StatsKeys;
import fr.eterrain.core.tracking.TrackingStore.Increment;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The stores' conditions and transactions, against DynamoDB Local itself. A recipient's claim is idempotent for the
 * very same claim (the SDK retries one whose answer was lost) and for no one else. For an erasure, the contact store removes the person's recipient items from every newsletter, and the tracking store writes no
 * per-person marker for a contact erased, or no longer consenting, since the hit's read.
 */
class StoreConditionsTest {
    private static final String FED = "06";
    private static DynamoDbLocal local;
    private static DynamoDbClient dynamo;
    private static final TableLayout LAYOUT = new TableLayout("eterrain-unit" + UUID.randomUUID().toString().substring(0, 6));

    private final FieldCipher cipher = new FieldCipher(TestCore.key("store-conditions"));
    private final DynamoContactStore contacts = new DynamoContactStore(DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build(),
            dynamo, LAYOUT, cipher);
    private final DynamoNewsletterStore newsletters = new DynamoNewsletterStore(dynamo, LAYOUT);
    // The tracking store speaks DynamoDB's JSON API directly (the pixel and redirect carry no SDK).
    private final DynamoTrackingStore tracking = new DynamoTrackingStore(new DirectAws(fr.eterrain.core.config.Settings.of(
            Map.of("AWS_ENDPOINT_URL_DYNAMODB", local.url(), "AWS_REGION", "eu-west-3"))).dynamo(), LAYOUT);
    private final Instant now = Instant.now();

    @BeforeAll
    static void start() {
        local = DynamoDbLocal.start(Ports.free(), null, ProjectRoot.find());
        dynamo = DynamoDbClient.builder().endpointOverride(URI.create(local.url())).region(Region.EU_WEST_3)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        new Tables(dynamo).createMissing(List.of(LAYOUT.federationTable(FED)));
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        local.close();
    }

    private Contact contact(boolean audience) {
        Contact c = new Contact();
        c.setId("c" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
        c.setEmail(c.getId() + "@example.org");
        c.setEmailHash("h" + c.getId());
        c.setFirstName("Prénom");
        c.setStatus(ContactStatus.ACTIVE);
        c.setNewsletterConsent(true);
        c.setAudienceConsent(audience);
        c.setCreatedAt(now);
        c.setUpdatedAt(now);
        assertTrue(contacts.create(FED, c, List.of()));
        return c;
    }

    private String newsletter() {
        Newsletter nl = new Newsletter();
        nl.setId("n" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        nl.setSubject("Sujet");
        nl.setBlocks(Json.parse("[{\"type\":\"heading\",\"text\":\"Bonjour\"}]"));
        nl.setSegment(Segment.EVERYONE);
        nl.setLinks(List.of("https://exemple.fr/a"));
        nl.setState(NewsletterState.SENDING);
        nl.setCreatedAt(now);
        nl.setUpdatedAt(now);
        newsletters.create(FED, nl);
        return nl.getId();
    }

    private Map<String, AttributeValue> item(String pk, String sk) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(LAYOUT.federationTable(FED)).consistentRead(true)
                .key(Map.of(TableLayout.PK, AttributeValue.fromS(pk), TableLayout.SK, AttributeValue.fromS(sk)))).item();
        return item == null || item.isEmpty() ? null : item;
    }

    private List<String> partition(String pk) {
        List<String> sks = new ArrayList<>();
        dynamo.queryPaginator(r -> r.tableName(LAYOUT.federationTable(FED)).consistentRead(true)
                        .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))))
                .items().forEach(i -> sks.add(i.get(TableLayout.SK).s()));
        return sks;
    }

    @Test
    void aClaimRetriedAfterItsAnswerWasLostIsStillThatWorkersAndNoOneElses() {
        Contact c = contact(false);
        String nl = newsletter();
        assertTrue(newsletters.addRecipient(FED, nl, c.getId()));
        Instant at = now.plusSeconds(1);
        assertTrue(newsletters.claim(FED, nl, c.getId(), "w1", at));
        assertTrue(newsletters.claim(FED, nl, c.getId(), "w1", at), "the same request again: still claimed by w1");
        assertFalse(newsletters.claim(FED, nl, c.getId(), "w2", at), "another worker never takes it");
        assertFalse(newsletters.claim(FED, nl, c.getId(), "w1", at.plusSeconds(1)), "nor a later claim of the same worker");
    }

    @Test
    void erasureRemovesThePersonFromEveryNewsletterAndSettlesWhatWasNotSent() {
        Contact person = contact(true);
        Contact other = contact(true);
        String delivered = newsletter();
        String queued = newsletter();
        String untouched = newsletter();
        for (String nl : List.of(delivered, queued)) {
            assertTrue(newsletters.addRecipient(FED, nl, person.getId()));
            assertTrue(newsletters.addRecipient(FED, nl, other.getId()));
        }
        assertTrue(newsletters.claim(FED, delivered, person.getId(), "w1", now));
        assertTrue(newsletters.markSent(FED, delivered, person.getId(), "ses-message-id-1", now));
        assertTrue(newsletters.recordOutcome(FED, delivered, person.getId(), Outcome.DELIVERED, now));
        assertTrue(item(NewsletterKeys.pk(queued), NewsletterKeys.recipient(person.getId())) != null);

        contacts.erase(FED, person, "erased", now);

        for (String nl : List.of(delivered, queued, untouched)) {
            assertEquals(null, item(NewsletterKeys.pk(nl), NewsletterKeys.recipient(person.getId())), nl);
        }
        assertEquals(List.of(), partition("CONTACT#" + person.getId()));
        // Others stay, and so do the aggregates; the one never mailed is counted apart, as the dispatcher would.
        assertTrue(item(NewsletterKeys.pk(delivered), NewsletterKeys.recipient(other.getId())) != null);
        assertTrue(item(NewsletterKeys.pk(queued), NewsletterKeys.recipient(other.getId())) != null);
        Newsletter sent = newsletters.find(FED, delivered).orElseThrow();
        assertEquals(1, sent.getSent());
        assertEquals(1, sent.getDelivered());
        assertEquals(0, sent.getSuppressed());
        assertEquals(1, newsletters.find(FED, queued).orElseThrow().getSuppressed());
        assertEquals(List.of(other.getId()), newsletters.queued(FED, queued, 10), "the dispatcher finds only the other one");
        // A late SES event about the erased recipient brings nothing back.
        assertFalse(newsletters.recordOutcome(FED, delivered, person.getId(), Outcome.COMPLAINED, now));
        assertEquals(null, item(NewsletterKeys.pk(delivered), NewsletterKeys.recipient(person.getId())));
        // Erasing again (a retry) is harmless.
        contacts.erase(FED, person, "erased", now);
        assertEquals(1, newsletters.find(FED, queued).orElseThrow().getSuppressed());
    }

    private Increment firstOpen(Contact c, String nl) {
        return new Increment(FED, nl, Map.of(StatsKeys.OPENS, 1L, StatsKeys.UNIQUE_OPENS, 1L), c.getId(),
                List.of(StatsKeys.openMarker(nl)), false, now);
    }

    private Increment firstClick(Contact c, String nl) {
        return new Increment(FED, nl, Map.of(StatsKeys.CLICKS, 1L, StatsKeys.UNIQUE_CLICKS, 1L), c.getId(),
                List.of(StatsKeys.clickMarker(nl), StatsKeys.linkMarker(nl, 0)), true, now);
    }

    @Test
    void noPersonalMarkerForSomeoneErasedOrNoLongerConsentingSinceTheRead() {
        String nl = newsletter();
        Contact erased = contact(true);
        contacts.erase(FED, erased, "erased", now);
        assertFalse(tracking.apply(firstOpen(erased, nl)), "an open after the erasure");
        assertFalse(tracking.apply(firstClick(erased, nl)), "a click after the erasure");
        assertEquals(List.of(), partition("CONTACT#" + erased.getId()), "the erased contact's partition stays empty");

        Contact withdrawn = contact(false);
        assertFalse(tracking.apply(firstOpen(withdrawn, nl)));
        assertFalse(tracking.apply(firstClick(withdrawn, nl)));
        assertEquals(List.of("PROFILE"), partition("CONTACT#" + withdrawn.getId()));
        assertEquals(null, contacts.find(FED, withdrawn.getId()).orElseThrow().getLastActiveAt());
        assertEquals(null, item(NewsletterKeys.pk(nl), StatsKeys.STATS), "nothing counted by the refused writes");

        // The consenting person's first hits are recorded; an unsubscribe is counted for everyone still there.
        Contact consenting = contact(true);
        assertTrue(tracking.apply(firstOpen(consenting, nl)));
        assertTrue(tracking.apply(firstClick(consenting, nl)));
        assertTrue(tracking.apply(new Increment(FED, nl, Map.of(StatsKeys.UNSUBSCRIBES, 1L), withdrawn.getId(),
                List.of(StatsKeys.unsubscribeMarker(nl)), false, now)));
        assertFalse(tracking.apply(new Increment(FED, nl, Map.of(StatsKeys.UNSUBSCRIBES, 1L), erased.getId(),
                List.of(StatsKeys.unsubscribeMarker(nl)), false, now)));
        assertEquals(List.of("PROFILE", StatsKeys.clickMarker(nl), StatsKeys.linkMarker(nl, 0), StatsKeys.openMarker(nl)),
                partition("CONTACT#" + consenting.getId()));
        assertEquals(now.toString(), item("CONTACT#" + consenting.getId(), "PROFILE").get("lastActiveAt").s());
        Map<String, AttributeValue> stats = item(NewsletterKeys.pk(nl), StatsKeys.STATS);
        assertEquals("1", stats.get(StatsKeys.UNIQUE_OPENS).n());
        assertEquals("1", stats.get(StatsKeys.UNIQUE_CLICKS).n());
        assertEquals("1", stats.get(StatsKeys.UNSUBSCRIBES).n());
        assertEquals(List.of(), partition("CONTACT#" + erased.getId()));
    }

    @Test
    void aContactsSealedFieldMovedToAnotherContactOrFieldDoesNotDecrypt() {
        Contact marie = contact(false);
        Contact jean = contact(false);
        assertEquals(marie.getEmail(), contacts.find(FED, marie.getId()).orElseThrow().getEmail());
        Map<String, AttributeValue> stored = item("CONTACT#" + marie.getId(), "PROFILE");
        assertTrue(stored.get("emailEnc").s().startsWith("e2."), "sealed with a format version and a key id");
        assertFalse(stored.toString().contains(marie.getEmail()), "never in clear");
        // Someone with write access to the table swaps Marie's address into Jean's record, or into his first name.
        dynamo.updateItem(r -> r.tableName(LAYOUT.federationTable(FED))
                .key(Map.of(TableLayout.PK, AttributeValue.fromS("CONTACT#" + jean.getId()), TableLayout.SK, AttributeValue.fromS("PROFILE")))
                .updateExpression("SET emailEnc = :e").expressionAttributeValues(Map.of(":e", stored.get("emailEnc"))));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> contacts.find(FED, jean.getId()));
        dynamo.updateItem(r -> r.tableName(LAYOUT.federationTable(FED))
                .key(Map.of(TableLayout.PK, AttributeValue.fromS("CONTACT#" + marie.getId()), TableLayout.SK, AttributeValue.fromS("PROFILE")))
                .updateExpression("SET firstNameEnc = :e").expressionAttributeValues(Map.of(":e", stored.get("emailEnc"))));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> contacts.find(FED, marie.getId()));
    }
}
