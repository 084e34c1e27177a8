package fr.eterrain.core.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.eterrain.core.testing.Fakes;
import fr.eterrain.core.testing.InMemoryTracking;
import fr.eterrain.core.testing.TestCore;
import fr.eterrain.core.tracking.Tracker.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TrackerTest {
    static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";
    static final HitRequest PERSON = new HitRequest("GET", BROWSER, "198.51.100.7");
    static final List<String> LINKS = List.of("https://example.org/a", "https://example.org/b?x=1&y=2");

    private final Fakes.MutableClock clock = new Fakes.MutableClock(Instant.parse("2026-11-24T17:30:00Z"));
    private final InMemoryTracking store = new InMemoryTracking();
    private final TrackingTokens tokens = new TrackingTokens(keys("k1"));
    private final Tracker tracker = new Tracker(tokens, store, new TrafficClassifier(), clock);

    static Map<String, byte[]> keys(String kid) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        keys.put(kid, TestCore.key("tracking-" + kid));
        return keys;
    }

    @BeforeEach
    void newsletter() {
        store.newsletter("06", "nl1", "sent", clock.instant().minus(Duration.ofHours(2)), LINKS, Map.of("sent", 3L, "delivered", 3L));
        store.recipient("06", "nl1", "alice", clock.instant().minus(Duration.ofHours(1)), true);
        store.recipient("06", "nl1", "bob", clock.instant().minus(Duration.ofHours(1)), false);
    }

    private String pixel(String contact) {
        return tokens.issue(new TrackingToken("06", "nl1", contact, TrackingToken.PIXEL));
    }

    private String link(String contact, int index) {
        return tokens.issue(new TrackingToken("06", "nl1", contact, index));
    }

    private long count(String counter) {
        return store.count("06", "nl1", counter);
    }

    @Test
    void opensCountOncePerPersonAndEveryTimeInTotal() {
        assertEquals(Outcome.PERSONAL, tracker.open(pixel("alice"), PERSON).outcome());
        assertEquals(Outcome.PERSONAL, tracker.open(pixel("alice"), PERSON).outcome());
        assertEquals(Outcome.PERSONAL, tracker.open(pixel("alice"), PERSON).outcome());
        assertEquals(1, count(StatsKeys.UNIQUE_OPENS));
        assertEquals(3, count(StatsKeys.OPENS));
        assertEquals(List.of(StatsKeys.openMarker("nl1")), store.markersOf("06", "alice"));
        // Tuesday 24 November 2026, 18:30 in Paris.
        assertEquals(3, count("e218"));
    }

    @Test
    void withoutConsentAnOpenIsAnonymousAndLeavesNothingAboutThePerson() {
        assertEquals(Outcome.ANONYMOUS, tracker.open(pixel("bob"), PERSON).outcome());
        tracker.open(pixel("bob"), PERSON);
        assertEquals(2, count(StatsKeys.ANONYMOUS_OPENS));
        assertEquals(0, count(StatsKeys.UNIQUE_OPENS));
        assertEquals(0, count(StatsKeys.OPENS));
        assertEquals(List.of(), store.markersOf("06", "bob"));
        assertEquals(null, store.lastActive.get("06|bob"));
    }

    @Test
    void consentWithdrawnOrContactErasedBetweenTheReadAndTheWriteLeavesNoMarker() {
        store.beforeNextApply = () -> store.setConsent("06", "alice", false);
        assertEquals(Outcome.ANONYMOUS, tracker.open(pixel("alice"), PERSON).outcome());
        assertEquals(List.of(), store.markersOf("06", "alice"));
        assertEquals(1, count(StatsKeys.ANONYMOUS_OPENS));
        assertEquals(0, count(StatsKeys.OPENS) + count(StatsKeys.UNIQUE_OPENS));

        store.recipient("06", "nl1", "carol", clock.instant().minus(Duration.ofHours(1)), true);
        store.beforeNextApply = () -> store.erase("06", "carol");
        Tracker.Result click = tracker.click(link("carol", 1), PERSON);
        assertEquals(Outcome.ANONYMOUS, click.outcome());
        assertEquals(LINKS.get(1), click.target(), "the reader still gets where they were going");
        assertEquals(List.of(), store.markersOf("06", "carol"));
        assertNull(store.lastActive.get("06|carol"));
        assertEquals(1, count(StatsKeys.ANONYMOUS_CLICKS));
        assertEquals(0, count(StatsKeys.UNIQUE_CLICKS) + count(StatsKeys.linkUniqueClicks(1)));
    }

    @Test
    void withdrawingAudienceConsentStopsTrackingEvenForEmailsAlreadySent() {
        String token = pixel("alice");
        tracker.open(token, PERSON);
        store.setConsent("06", "alice", false);
        assertEquals(Outcome.ANONYMOUS, tracker.open(token, PERSON).outcome());
        assertEquals(1, count(StatsKeys.OPENS));
        assertEquals(1, count(StatsKeys.ANONYMOUS_OPENS));
    }

    @Test
    void clicksCountPerLinkUniqueAndTotalAndRedirectToTheNewslettersLink() {
        Tracker.Result first = tracker.click(link("alice", 1), PERSON);
        assertEquals(LINKS.get(1), first.target());
        tracker.click(link("alice", 1), PERSON);
        tracker.click(link("alice", 0), PERSON);
        tracker.click(link("bob", 0), PERSON);
        assertEquals(1, count(StatsKeys.UNIQUE_CLICKS), "one consenting clicker");
        assertEquals(3, count(StatsKeys.CLICKS));
        assertEquals(1, count(StatsKeys.ANONYMOUS_CLICKS));
        assertEquals(2, count(StatsKeys.linkClicks(0)));
        assertEquals(1, count(StatsKeys.linkUniqueClicks(0)));
        assertEquals(2, count(StatsKeys.linkClicks(1)));
        assertEquals(1, count(StatsKeys.linkUniqueClicks(1)));
        assertEquals(clock.instant(), store.lastActive.get("06|alice"), "a click is an interaction");
        assertNull(store.lastActive.get("06|bob"));
    }

    @Test
    void machineTrafficIsCountedApartAndNeverForThePerson() {
        assertEquals(Outcome.MACHINE, tracker.open(pixel("alice"), new HitRequest("GET", "Mozilla/5.0", "17.58.1.2")).outcome());
        assertEquals(Outcome.MACHINE, tracker.open(pixel("alice"),
                new HitRequest("GET", "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)", "66.249.1.1")).outcome());
        Tracker.Result head = tracker.click(link("alice", 0), new HitRequest("HEAD", BROWSER, "198.51.100.7"));
        assertEquals(Outcome.MACHINE, head.outcome());
        assertEquals(LINKS.get(0), head.target(), "scanners are redirected too, or they flag the link");
        tracker.click(link("alice", 0), new HitRequest("GET", "Mimecast URL protection", "203.0.113.9"));
        assertEquals(2, count(StatsKeys.MACHINE_OPENS));
        assertEquals(2, count(StatsKeys.MACHINE_CLICKS));
        assertEquals(2, count(StatsKeys.linkMachineClicks(0)));
        assertEquals(0, count(StatsKeys.UNIQUE_OPENS) + count(StatsKeys.UNIQUE_CLICKS) + count(StatsKeys.linkClicks(0)));
        assertEquals(List.of(), store.markersOf("06", "alice"));
    }

    @Test
    void aClickSecondsAfterDeliveryIsAScanner() {
        store.recipient("06", "nl1", "carol", clock.instant().minusSeconds(3), true);
        assertEquals(Outcome.MACHINE, tracker.click(link("carol", 0), PERSON).outcome());
        clock.advance(Duration.ofMinutes(2));
        assertEquals(Outcome.PERSONAL, tracker.click(link("carol", 0), PERSON).outcome());
    }

    @Test
    void forgedWrongKindUnknownNewsletterOrLinkIsInvalidAndWritesNothing() {
        String good = link("alice", 0);
        assertEquals(Outcome.INVALID, tracker.click(good.substring(0, good.length() - 1), PERSON).outcome());
        assertEquals(Outcome.INVALID, tracker.click(pixel("alice"), PERSON).outcome(), "a pixel token is not a link");
        assertEquals(Outcome.INVALID, tracker.open(good, PERSON).outcome(), "a link token is not a pixel");
        assertEquals(Outcome.INVALID, tracker.click(link("alice", 2), PERSON).outcome(), "past the newsletter's links");
        assertEquals(Outcome.INVALID, tracker.click(tokens.issue(new TrackingToken("13", "nl1", "alice", 0)), PERSON).outcome(),
                "the newsletter is not in that federation");
        assertEquals(Outcome.INVALID, tracker.click(new TrackingTokens(keys("k9")).issue(new TrackingToken("06", "nl1", "alice", 0)),
                PERSON).outcome(), "signed with a key we do not hold");
        assertNull(tracker.click(null, PERSON).target());
        assertEquals(0, store.writes);
    }

    @Test
    void oneReadAndOneWritePerHitAndTheSentNewsletterIsReadOncePerContainer() {
        tracker.click(link("alice", 0), PERSON);
        tracker.click(link("alice", 1), PERSON);
        tracker.open(pixel("bob"), PERSON);
        assertEquals(3, store.reads);
        assertEquals(3, store.writes);
        assertEquals(1, store.newsletterReads);
    }

    @Test
    void aConcurrentFirstHitIsNotCountedTwiceAsUnique() {
        store.loseNextRace = true;
        assertEquals(Outcome.PERSONAL, tracker.open(pixel("alice"), PERSON).outcome());
        assertEquals(0, count(StatsKeys.UNIQUE_OPENS), "the other hit counted the unique open");
        assertEquals(1, count(StatsKeys.OPENS));
    }

    @Test
    void aStoreFailureNeverStopsTheRedirectOnceTheLinksAreKnown() {
        tracker.click(link("alice", 0), PERSON);
        TrackingStore broken = new TrackingStore() {
            @Override
            public Snapshot read(String f, String n, String c, List<String> m, boolean w) {
                throw new IllegalStateException("table unavailable");
            }

            @Override
            public boolean apply(Increment increment) {
                throw new IllegalStateException("table unavailable");
            }
        };
        Tracker cold = new Tracker(tokens, broken, new TrafficClassifier(), clock);
        assertEquals(IllegalStateException.class, org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> cold.click(link("alice", 0), PERSON)).getClass());
        // Same container as the first click: the links are cached.
        Tracker warm = new Tracker(tokens, new FlakyAfterFirst(store), new TrafficClassifier(), clock);
        assertEquals(LINKS.get(1), warm.click(link("alice", 1), PERSON).target());
        Tracker.Result unavailable = warm.click(link("alice", 1), PERSON);
        assertEquals(Outcome.NOT_COUNTED, unavailable.outcome());
        assertEquals(LINKS.get(1), unavailable.target());
        assertTrue(warm.click(link("alice", 5), PERSON).target() == null);
    }

    /** Works once, then the table is gone. */
    private static final class FlakyAfterFirst implements TrackingStore {
        private final TrackingStore delegate;
        private int calls;

        FlakyAfterFirst(TrackingStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public Snapshot read(String f, String n, String c, List<String> m, boolean w) {
            if (calls++ > 0) {
                throw new IllegalStateException("table unavailable");
            }
            return delegate.read(f, n, c, m, w);
        }

        @Override
        public boolean apply(Increment increment) {
            return delegate.apply(increment);
        }
    }
}
