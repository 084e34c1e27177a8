package fr.eterrain.core.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.eterrain.core.testing.Fakes;
import fr.eterrain.core.testing.InMemoryTracking;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties over generated inputs (seeded, so a failure can be replayed): no mutation of a token is ever
 * accepted, and the redirect only ever leads to one of the newsletter's own links.
 */
class TrackingPropertiesTest {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final long SEED = 20261124L;

    private final TrackingTokens tokens = new TrackingTokens(TrackerTest.keys("k1"));

    private static String id(Random random, int max) {
        StringBuilder id = new StringBuilder();
        int length = 1 + random.nextInt(max);
        for (int i = 0; i < length; i++) {
            id.append(ALPHABET.charAt(random.nextInt(62)));
        }
        return id.toString();
    }

    private static TrackingToken token(Random random) {
        return new TrackingToken(id(random, 4), id(random, 24), id(random, 24), random.nextInt(256) - 1);
    }

    @Test
    void everySingleCharacterChangeTruncationAndExtensionIsRefused() {
        Random random = new Random(SEED);
        int tried = 0;
        for (int n = 0; n < 40; n++) {
            TrackingToken original = token(random);
            String text = tokens.issue(original);
            assertEquals(Optional.of(original), tokens.verify(text));
            for (int i = 0; i < text.length(); i++) {
                for (char c : ALPHABET.toCharArray()) {
                    if (c != text.charAt(i)) {
                        String mutated = text.substring(0, i) + c + text.substring(i + 1);
                        assertEquals(Optional.empty(), tokens.verify(mutated), "seed " + SEED + ": " + mutated);
                        tried++;
                    }
                }
                assertEquals(Optional.empty(), tokens.verify(text.substring(0, i)), "truncated at " + i);
                assertEquals(Optional.empty(), tokens.verify(text.substring(0, i) + text.substring(i + 1)), "char " + i + " removed");
            }
            for (char c : ALPHABET.toCharArray()) {
                assertEquals(Optional.empty(), tokens.verify(text + c), "extended");
                assertEquals(Optional.empty(), tokens.verify(c + text), "prefixed");
            }
        }
        assertTrue(tried > 100_000, "tried " + tried);
    }

    @Test
    void randomMutationsOfTheDecodedBytesAreRefused() {
        Random random = new Random(SEED + 1);
        for (int n = 0; n < 20_000; n++) {
            String text = tokens.issue(token(random));
            byte[] bytes = Base64.getUrlDecoder().decode(text);
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
            }
            String mutated = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            if (!mutated.equals(text)) {
                assertEquals(Optional.empty(), tokens.verify(mutated), "seed " + (SEED + 1) + " case " + n);
            }
        }
    }

    @Test
    void theRedirectTargetIsAlwaysOneOfTheNewslettersLinks() {
        Random random = new Random(SEED + 2);
        InMemoryTracking store = new InMemoryTracking();
        Fakes.MutableClock clock = new Fakes.MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
        Tracker tracker = new Tracker(tokens, store, new TrafficClassifier(), clock);
        List<List<String>> newsletters = new ArrayList<>();
        for (int nl = 0; nl < 20; nl++) {
            List<String> links = new ArrayList<>();
            int count = random.nextInt(6);
            for (int i = 0; i < count; i++) {
                links.add("https://site" + nl + ".example/" + id(random, 10));
            }
            newsletters.add(links);
            store.newsletter("06", "nl" + nl, "sent", clock.instant().minus(Duration.ofDays(1)), links, Map.of());
        }
        TrackingTokens stranger = new TrackingTokens(TrackerTest.keys("k2"));
        int redirected = 0;
        for (int n = 0; n < 5_000; n++) {
            int nl = random.nextInt(22); // two that do not exist
            int index = random.nextInt(8) - 1;
            String fed = random.nextInt(10) == 0 ? "13" : "06";
            TrackingToken t = new TrackingToken(fed, "nl" + nl, id(random, 10), index);
            String text = switch (random.nextInt(4)) {
                case 0 -> stranger.issue(t);
                case 1 -> mutate(tokens.issue(t), random);
                default -> tokens.issue(t);
            };
            Tracker.Result result = tracker.click(text, new HitRequest(random.nextBoolean() ? "GET" : "HEAD",
                    TrackerTest.BROWSER, "198.51.100.1"));
            if (result.target() != null) {
                redirected++;
                assertTrue(fed.equals("06") && nl < 20, "only this federation's newsletters: " + t);
                assertEquals(newsletters.get(nl).get(index), result.target(), "the link at the token's own index");
                assertEquals(Optional.of(t), tokens.verify(text), "only genuine tokens redirect");
            }
        }
        assertTrue(redirected > 500, "the property was exercised: " + redirected);
    }

    private static String mutate(String text, Random random) {
        int i = random.nextInt(text.length());
        char c = ALPHABET.charAt(random.nextInt(64));
        return text.substring(0, i) + c + text.substring(i + 1);
    }
}
