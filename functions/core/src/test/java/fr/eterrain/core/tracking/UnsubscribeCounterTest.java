package fr.eterrain.core.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.eterrain.core.testing.InMemoryTracking;
import fr.eterrain.core.testing.TestCore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnsubscribeCounterTest {
    private final TestCore core = new TestCore();
    private final InMemoryTracking store = new InMemoryTracking();
    private final UnsubscribeCounter counter = new UnsubscribeCounter(core.tokens, store, core.clock);

    @Test
    void countsOncePerPersonForANewsletterTheyReceivedInTheirOwnFederation() {
        Instant sent = Instant.parse("2026-11-20T08:00:00Z");
        store.newsletter("06", "nl1", "sent", sent, List.of(), Map.of());
        store.newsletter("13", "nl13", "sent", sent, List.of(), Map.of());
        store.newsletter("06", "nl2", "sent", sent, List.of(), Map.of());
        store.recipient("06", "nl1", "alice", sent, false);
        store.recipient("13", "nl13", "alice", sent, false);
        String token = core.links.unsubscribe("06", "alice");
        String t = token.substring(token.indexOf("t=") + 2);

        assertFalse(counter.count(t, "nl13"), "another federation's newsletter");
        assertFalse(counter.count(t, "nl2"), "a newsletter she did not receive");
        assertFalse(counter.count(t, "missing"));
        assertFalse(counter.count(t, "../etc"));
        assertFalse(counter.count("forged", "nl1"));
        assertTrue(counter.count(t, "nl1"));
        assertFalse(counter.count(t, "nl1"), "once per person");
        assertEquals(1, store.count("06", "nl1", StatsKeys.UNSUBSCRIBES));
        assertEquals(0, store.count("13", "nl13", StatsKeys.UNSUBSCRIBES));
    }
}
