package fr.eterrain.core.newsletters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.eterrain.core.testing.Fakes.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FairShareLimiterTest {
    /** Counters in memory; the limiter's waits move a simulated clock instead of sleeping. */
    static final class MemoryCounters implements WindowCounters {
        final Map<String, Integer> counts = new HashMap<>();

        @Override
        public synchronized boolean tryAdd(String key, long window, int amount, int limit) {
            int current = counts.getOrDefault(key + "@" + window, 0);
            if (current + amount > limit) {
                return false;
            }
            counts.put(key + "@" + window, current + amount);
            return true;
        }

        @Override
        public synchronized void subtract(String key, long window, int amount) {
            counts.merge(key + "@" + window, -amount, Integer::sum);
        }
    }

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final MemoryCounters counters = new MemoryCounters();

    @Test
    void twoFederationsSendingAtOnceEachGetTheirShareAndTheAccountRateHolds() throws InterruptedException {
        AtomicInteger sending = new AtomicInteger(2);
        FairShareLimiter limiter = new FairShareLimiter(counters, sending::get, 14, clock, millis -> clock.advance(Duration.ofMillis(millis)));
        Map<String, Integer> sent = new HashMap<>();
        // Federation 13 sends a big newsletter and asks for everything it can; 06 asks at the same pace.
        for (int round = 0; round < 200; round++) {
            for (String fed : new String[] {"13", "06"}) {
                sent.merge(fed, limiter.acquire(fed, 25), Integer::sum);
            }
        }
        long seconds = clock.instant().getEpochSecond() - Instant.parse("2026-11-24T10:00:00Z").getEpochSecond() + 1;
        assertEquals(sent.get("13"), sent.get("06"), "equal shares");
        assertTrue(sent.get("13") <= 7 * seconds, "no federation exceeds rate/2 per second");
        counters.counts.forEach((key, count) -> {
            if (key.startsWith("account@")) {
                assertTrue(count <= 14, "account rate exceeded in " + key);
            }
        });
    }

    @Test
    void aFederationAloneGetsTheWholeRate() throws InterruptedException {
        FairShareLimiter limiter = new FairShareLimiter(counters, () -> 1, 14, clock, millis -> clock.advance(Duration.ofMillis(millis)));
        assertEquals(14, limiter.acquire("13", 25));
        assertEquals(1, limiter.acquire("13", 1), "the next window");
        assertEquals(7, FairShareLimiter.share(14, 2));
        assertEquals(1, FairShareLimiter.share(14, 102), "never zero");
    }
}
