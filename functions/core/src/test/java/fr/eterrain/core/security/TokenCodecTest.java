package fr.eterrain.core.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.eterrain.core.testing.Fakes.MutableClock;
import fr.eterrain.core.testing.TestCore;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TokenCodecTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));

    private TokenCodec codec(String... kids) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (String kid : kids) {
            keys.put(kid, TestCore.key(kid));
        }
        return new TokenCodec(keys, clock);
    }

    @Test
    void aGenuineTokenCarriesItsClaims() {
        TokenCodec codec = codec("k1");
        String token = codec.issue("confirm", "06", "c123", "n1", Duration.ofDays(7));
        TokenCodec.Token t = codec.read(token, "confirm").orElseThrow();
        assertEquals("06", t.federation());
        assertEquals("c123", t.contact());
        assertEquals("n1", t.nonce());
        assertTrue(token.matches("[A-Za-z0-9._-]+"), "URL-safe");
    }

    @Test
    void everySingleCharacterChangeIsRefused() {
        TokenCodec codec = codec("k1");
        String token = codec.issue("unsubscribe", "13", "cABC", null, Duration.ofDays(400));
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
        for (int i = 0; i < token.length(); i++) {
            for (char c : alphabet.toCharArray()) {
                if (c == token.charAt(i)) {
                    continue;
                }
                String mutated = token.substring(0, i) + c + token.substring(i + 1);
                assertFalse(codec.verify(mutated, "unsubscribe").ok(), "accepted mutation at " + i + ": " + mutated);
            }
        }
    }

    @Test
    void truncatedExtendedAndRandomTokensAreRefused() {
        TokenCodec codec = codec("k1");
        String token = codec.issue("confirm", "06", "c1", "n", Duration.ofDays(7));
        for (int len = 0; len < token.length(); len++) {
            assertFalse(codec.verify(token.substring(0, len), "confirm").ok());
        }
        assertFalse(codec.verify(token + "A", "confirm").ok());
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            byte[] bytes = new byte[random.nextInt(120)];
            random.nextBytes(bytes);
            assertFalse(codec.verify(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1), "confirm").ok());
        }
    }

    @Test
    void expiryAndPurposeAreEnforced() {
        TokenCodec codec = codec("k1");
        String token = codec.issue("confirm", "06", "c1", "n", Duration.ofDays(7));
        assertEquals(TokenCodec.Failure.WRONG_PURPOSE, codec.verify(token, "unsubscribe").failure());
        clock.advance(Duration.ofDays(7));
        assertEquals(TokenCodec.Failure.EXPIRED, codec.verify(token, "confirm").failure());
    }

    @Test
    void keysRotateWithoutBreakingIssuedLinks() {
        String old = codec("k1").issue("unsubscribe", "06", "c1", null, Duration.ofDays(400));
        TokenCodec rotated = codec("k2", "k1");
        assertTrue(rotated.verify(old, "unsubscribe").ok(), "old key still verifies");
        assertTrue(rotated.issue("unsubscribe", "06", "c1", null, Duration.ofDays(1)).startsWith("k2."), "new key signs");
        assertEquals(TokenCodec.Failure.FORGED, codec("k2").verify(old, "unsubscribe").failure(), "retired key refused");
    }
}
