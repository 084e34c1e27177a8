package fr.eterrain.pixel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.http.HttpResponse;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.testing.Fakes;
import fr.eterrain.core.testing.InMemoryTracking;
import fr.eterrain.core.testing.TestCore;
import fr.eterrain.core.tracking.StatsKeys;
import fr.eterrain.core.tracking.Tracker;
import fr.eterrain.core.tracking.TrackingStore;
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

class PixelFunctionTest {
    private final Fakes.MutableClock clock = new Fakes.MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final InMemoryTracking store = new InMemoryTracking();
    private final TrackingTokens tokens = new TrackingTokens(new LinkedHashMap<>(Map.of("k1", TestCore.key("t"))));

    private static ObjectNode sample() throws IOException {
        return (ObjectNode) Json.parse(Files.readString(Path.of("../../events/pixel-open.json")));
    }

    private static ObjectNode withToken(ObjectNode event, String token) {
        ((ObjectNode) event.get("pathParameters")).put("token", token);
        return event;
    }

    private static void assertGif(HttpResponse response) {
        assertEquals(200, response.status());
        assertEquals("image/gif", response.headers().get("content-type"));
        assertEquals("no-store", response.headers().get("cache-control"));
        assertArrayEquals(PixelFunction.GIF, response.bytes());
        assertEquals(true, response.toEvent().get("isBase64Encoded").asBoolean());
        assertTrue(new String(response.bytes(), 0, 6, java.nio.charset.StandardCharsets.US_ASCII).equals("GIF89a"));
    }

    @Test
    void alwaysTheGifAndOnlyAGenuineTokenCounts() throws IOException {
        store.newsletter("06", "nl1", "sent", clock.instant(), List.of("https://example.org"), Map.of());
        store.recipient("06", "nl1", "alice", clock.instant().minusSeconds(3600), true);
        PixelFunction function = new PixelFunction(new Tracker(tokens, store, new TrafficClassifier(), clock));
        assertGif(function.handleEvent(sample(), "test"));
        assertGif(function.handleEvent(withToken(sample(), ""), "test"));
        assertEquals(0, store.writes, "forged tokens count nothing");
        String real = tokens.issue(new TrackingToken("06", "nl1", "alice", TrackingToken.PIXEL));
        assertGif(function.handleEvent(withToken(sample(), real), "test"));
        assertEquals(1, store.count("06", "nl1", StatsKeys.UNIQUE_OPENS));
    }

    @Test
    void stillTheGifWhenTheTableIsDown() throws IOException {
        TrackingStore down = new TrackingStore() {
            @Override
            public Snapshot read(String f, String n, String c, List<String> m, boolean w) {
                throw new IllegalStateException("down");
            }

            @Override
            public boolean apply(Increment increment) {
                throw new IllegalStateException("down");
            }
        };
        PixelFunction function = new PixelFunction(new Tracker(tokens, down, new TrafficClassifier(), clock));
        String real = tokens.issue(new TrackingToken("06", "nl1", "alice", TrackingToken.PIXEL));
        assertGif(function.handleEvent(withToken(sample(), real), "test"));
    }
}
