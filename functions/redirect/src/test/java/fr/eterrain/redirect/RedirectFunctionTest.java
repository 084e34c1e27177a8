package fr.eterrain.redirect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.http.HttpResponse;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.testing.Fakes;
import fr.eterrain.core.testing.InMemoryTracking;
import fr.eterrain.core.testing.TestCore;
import fr.eterrain.core.tracking.StatsKeys;
import fr.eterrain.core.tracking.Tracker;
import fr.eterrain.core.tracking.TrackingToken;
import fr.eterrain.core.tracking.TrackingTokens;
import fr.eterrain.core.tracking.TrafficClassifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedirectFunctionTest {
    private final Fakes.MutableClock clock = new Fakes.MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final InMemoryTracking store = new InMemoryTracking();
    private final TrackingTokens tokens = new TrackingTokens(new LinkedHashMap<>(Map.of("k1", TestCore.key("t"))));
    private final RedirectFunction function = new RedirectFunction(new Tracker(tokens, store, new TrafficClassifier(), clock));

    private static ObjectNode event(String token, String method) throws IOException {
        ObjectNode event = (ObjectNode) Json.parse(Files.readString(Path.of("../../events/redirect-click.json")));
        ((ObjectNode) event.get("pathParameters")).put("token", token);
        ((ObjectNode) event.at("/requestContext/http")).put("method", method);
        return event;
    }

    @Test
    void aGenuineTokenRedirectsToTheNewslettersOwnLink() throws IOException {
        store.newsletter("06", "nl1", "sent", clock.instant(), List.of("https://example.org/a", "https://example.org/b"), Map.of());
        store.recipient("06", "nl1", "alice", clock.instant().minusSeconds(3600), true);
        HttpResponse response = function.handleEvent(event(tokens.issue(new TrackingToken("06", "nl1", "alice", 1)), "GET"), "t");
        assertEquals(302, response.status());
        assertEquals("https://example.org/b", response.headers().get("location"));
        assertEquals("no-store", response.headers().get("cache-control"));
        HttpResponse head = function.handleEvent(event(tokens.issue(new TrackingToken("06", "nl1", "alice", 0)), "HEAD"), "t");
        assertEquals(302, head.status());
        assertEquals(1, store.count("06", "nl1", StatsKeys.MACHINE_CLICKS));
        assertEquals(1, store.count("06", "nl1", StatsKeys.UNIQUE_CLICKS));
    }

    @Test
    void anythingElseIsA404PageNeverARedirect() throws IOException {
        store.newsletter("06", "nl1", "sent", clock.instant(), List.of("https://example.org/a"), Map.of());
        String good = tokens.issue(new TrackingToken("06", "nl1", "alice", 0));
        for (String token : new String[] {"", "x", good.substring(1), good + "A",
                tokens.issue(new TrackingToken("06", "nl1", "alice", 3)),
                tokens.issue(new TrackingToken("06", "nl1", "alice", TrackingToken.PIXEL))}) {
            HttpResponse response = function.handleEvent(event(token, "GET"), "t");
            assertEquals(404, response.status(), token);
            assertNull(response.headers().get("location"));
            assertTrue(response.headers().get("content-type").startsWith("text/html"));
        }
        assertEquals(404, function.handleEvent((ObjectNode) Json.parse(Files.readString(Path.of("../../events/redirect-click.json"))), "t").status());
    }
}
