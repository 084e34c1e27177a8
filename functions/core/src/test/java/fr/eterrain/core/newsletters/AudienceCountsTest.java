package fr.eterrain.core.newsletters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fr.eterrain.core.contacts.Category;
import fr.eterrain.core.contacts.Contact;
import fr.eterrain.core.contacts.ContactStatus;
import fr.eterrain.core.contacts.ContactStore;
import fr.eterrain.core.federation.Federation;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.testing.Fakes;
import fr.eterrain.core.testing.InMemoryContactStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Counting an audience scans the federation's contacts: cached briefly per segment, and a federation's scans limited. */
class AudienceCountsTest {
    private final Fakes.MutableClock clock = new Fakes.MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final AtomicInteger scans = new AtomicInteger();
    private final InMemoryContactStore contacts = new InMemoryContactStore();
    /** The store, counting its full scans. */
    private final ContactStore scanned = (ContactStore) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {ContactStore.class}, (proxy, method, args) -> {
                if (method.getName().equals("forEach")) {
                    scans.incrementAndGet();
                }
                try {
                    return method.invoke(contacts, args);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    private final Fakes.Federations federations = new Fakes.Federations();
    private final AudienceCounts counts = new AudienceCounts(scanned, new WindowLimiter(), clock);
    private final Federation f06 = federations.require("06");
    private final Segment militants = new Segment(List.of(Category.MILITANT), List.of(), List.of());

    /** A fixed-window limiter on the test clock, like the DynamoDB one. */
    private final class WindowLimiter implements fr.eterrain.core.ratelimit.RateLimiter {
        private final java.util.Map<String, Integer> hits = new java.util.HashMap<>();

        @Override
        public boolean allow(String key, int limit, Duration window) {
            long start = clock.instant().getEpochSecond() / window.toSeconds();
            return hits.merge(key + "#" + start, 1, Integer::sum) <= limit;
        }
    }

    private void contact(String id, Category category) {
        Contact c = new Contact();
        c.setId(id);
        c.setEmailHash("h" + id);
        c.setEmail(id + "@example.org");
        c.setCategory(category);
        c.setStatus(ContactStatus.ACTIVE);
        c.setNewsletterConsent(true);
        c.setCreatedAt(clock.instant());
        contacts.create("06", c, List.of());
    }

    @Test
    void aRepeatedCountIsServedFromTheCacheForAShortWhile() {
        contact("c1", Category.MILITANT);
        contact("c2", Category.SYMPATHISANT);
        assertEquals(1, counts.count(f06, militants));
        assertEquals(2, counts.count(f06, Segment.EVERYONE));
        for (int i = 0; i < 50; i++) {
            assertEquals(1, counts.count(f06, militants), "an editor typing: the same answer, no new scan");
        }
        assertEquals(2, scans.get());
        contact("c3", Category.MILITANT);
        clock.advance(AudienceCounts.CACHE.plusSeconds(1));
        assertEquals(2, counts.count(f06, militants), "fresh again after the cache's few seconds");
        assertEquals(3, scans.get());
    }

    @Test
    void aFederationsScansAreLimitedWithAClear429() {
        contact("c1", Category.MILITANT);
        for (int i = 0; i < AudienceCounts.SCANS_PER_MINUTE; i++) {
            counts.count(f06, new Segment(List.of(), List.of("tag" + i), List.of()));
        }
        ApiException refused = assertThrows(ApiException.class,
                () -> counts.count(f06, new Segment(List.of(), List.of("one-more"), List.of())));
        assertEquals(429, refused.status());
        assertEquals("audience_rate_limited", refused.code());
        assertEquals(AudienceCounts.SCANS_PER_MINUTE, scans.get(), "no scan beyond the limit");
        assertEquals(0, counts.count(f06, new Segment(List.of(), List.of("tag0"), List.of())), "cached counts still answer");
        assertEquals(AudienceCounts.SCANS_PER_MINUTE, scans.get(), "from the cache");
        clock.advance(Duration.ofMinutes(1));
        assertEquals(0, counts.count(f06, new Segment(List.of(), List.of("one-more"), List.of())), "the next minute");
    }
}
