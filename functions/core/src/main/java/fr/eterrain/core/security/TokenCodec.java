package fr.eterrain.core.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Signed, expiring, URL-safe tokens for public links: {@code <kid>.<payload>.<mac>}, where payload is
 * base64url JSON {@code {p: purpose, f: federation, c: contact, n: nonce?, e: expiry epoch seconds}} and mac
 * is HMAC-SHA256 over "kid.payload" truncated to 128 bits. The kid lets keys rotate.
 */
public final class TokenCodec {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final int MAC_BYTES = 16;
    private static final int MAX_TOKEN_CHARS = 512;

    private final Map<String, byte[]> keys;
    private final String signingKid;
    private final Clock clock;

    public TokenCodec(Map<String, byte[]> keys, Clock clock) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one token key");
        }
        this.keys = Map.copyOf(keys);
        this.signingKid = keys.keySet().iterator().next();
        this.clock = clock;
    }

    public record Token(String purpose, String federation, String contact, String nonce, long expiresAt) {
    }

    public String issue(String purpose, String federation, String contact, String nonce, Duration validity) {
        ObjectNode payload = Json.object();
        payload.put("p", purpose);
        payload.put("f", federation);
        payload.put("c", contact);
        if (nonce != null) {
            payload.put("n", nonce);
        }
        payload.put("e", clock.instant().plus(validity).getEpochSecond());
        String body = B64.encodeToString(Json.write(payload).getBytes(StandardCharsets.UTF_8));
        String signed = signingKid + "." + body;
        return signed + "." + B64.encodeToString(mac(keys.get(signingKid), signed));
    }

    public enum Failure { MALFORMED, FORGED, EXPIRED, WRONG_PURPOSE }

    /** The outcome of reading a token: the token, or why it was refused. */
    public record Verified(Token token, Failure failure) {
        public boolean ok() {
            return token != null;
        }
    }

    public Verified verify(String text, String expectedPurpose) {
        if (text == null || text.isEmpty() || text.length() > MAX_TOKEN_CHARS) {
            return new Verified(null, Failure.MALFORMED);
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 3) {
            return new Verified(null, Failure.MALFORMED);
        }
        byte[] key = keys.get(parts[0]);
        if (key == null) {
            return new Verified(null, Failure.FORGED);
        }
        byte[] given;
        byte[] payloadBytes;
        try {
            given = B64D.decode(parts[2]);
            payloadBytes = B64D.decode(parts[1]);
        } catch (IllegalArgumentException e) {
            return new Verified(null, Failure.MALFORMED);
        }
        // Canonical encoding only: a token with trailing bits changed must not verify under the same MAC.
        if (!B64.encodeToString(given).equals(parts[2]) || !B64.encodeToString(payloadBytes).equals(parts[1])) {
            return new Verified(null, Failure.MALFORMED);
        }
        if (!MessageDigest.isEqual(mac(key, parts[0] + "." + parts[1]), given)) {
            return new Verified(null, Failure.FORGED);
        }
        JsonNode payload;
        try {
            payload = Json.parse(new String(payloadBytes, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return new Verified(null, Failure.MALFORMED);
        }
        Token token = new Token(Json.text(payload, "p"), Json.text(payload, "f"), Json.text(payload, "c"),
                Json.text(payload, "n"), payload.path("e").asLong(0));
        if (!expectedPurpose.equals(token.purpose()) || token.federation() == null || token.contact() == null) {
            return new Verified(null, Failure.WRONG_PURPOSE);
        }
        if (clock.instant().getEpochSecond() >= token.expiresAt()) {
            return new Verified(null, Failure.EXPIRED);
        }
        return new Verified(token, null);
    }

    public Optional<Token> read(String text, String purpose) {
        return Optional.ofNullable(verify(text, purpose).token());
    }

    private static byte[] mac(byte[] key, String data) {
        byte[] truncated = new byte[MAC_BYTES];
        System.arraycopy(HmacSha256.mac(key, data.getBytes(StandardCharsets.UTF_8)), 0, truncated, 0, MAC_BYTES);
        return truncated;
    }
}
