package fr.eterrain.core.tracking;

import fr.eterrain.core.security.HmacSha256;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Compact, URL-safe, HMAC-signed tracking tokens, checked with one MAC and no I/O.
 * Layout before base64url: version (1) ‖ kid length (1) ‖ kid ‖ federation, newsletter, contact (each: length
 * byte ‖ ASCII) ‖ link index + 1 (1 byte, 0 = pixel) ‖ HMAC-SHA256(key, all previous bytes) truncated to 12 bytes.
 * Tokens do not expire: links in archived emails keep working, and the redirect can only reach the newsletter's
 * own links. The kid lets keys rotate (TOKEN_KEYS: the first signs, all verify).
 */
public final class TrackingTokens {
    private static final byte VERSION = 1;
    private static final int MAC_BYTES = 12;
    private static final int MAX_TOKEN_CHARS = 200;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final Map<String, byte[]> keys = new LinkedHashMap<>();
    private final String signingKid;

    public TrackingTokens(Map<String, byte[]> tokenKeys) {
        tokenKeys.forEach((kid, key) -> keys.put(kid, key.clone()));
        this.signingKid = tokenKeys.keySet().iterator().next();
    }

    public String issue(TrackingToken token) {
        if (token.linkIndex() < TrackingToken.PIXEL || token.linkIndex() > 254) {
            throw new IllegalArgumentException("link index out of range");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.write(VERSION);
        field(out, signingKid);
        field(out, token.federation());
        field(out, token.newsletterId());
        field(out, token.contactId());
        out.write(token.linkIndex() + 1);
        byte[] body = out.toByteArray();
        byte[] mac = mac(keys.get(signingKid), body);
        byte[] all = Arrays.copyOf(body, body.length + MAC_BYTES);
        System.arraycopy(mac, 0, all, body.length, MAC_BYTES);
        return B64.encodeToString(all);
    }

    /** The token, or empty for anything forged, truncated, extended or signed with an unknown key. */
    public Optional<TrackingToken> verify(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        byte[] all;
        try {
            all = B64D.decode(text);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (all.length < 1 + 5 + 1 + MAC_BYTES || all[0] != VERSION || !B64.encodeToString(all).equals(text)) {
            return Optional.empty();
        }
        int bodyLength = all.length - MAC_BYTES;
        Reader reader = new Reader(all, bodyLength);
        String kid = reader.field();
        String federation = reader.field();
        String newsletter = reader.field();
        String contact = reader.field();
        int index = reader.index();
        if (!reader.ok() || kid == null || !keys.containsKey(kid)) {
            return Optional.empty();
        }
        byte[] expected = mac(keys.get(kid), Arrays.copyOf(all, bodyLength));
        if (!MessageDigest.isEqual(Arrays.copyOf(expected, MAC_BYTES), Arrays.copyOfRange(all, bodyLength, all.length))) {
            return Optional.empty();
        }
        return Optional.of(new TrackingToken(federation, newsletter, contact, index));
    }

    private static void field(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length == 0 || bytes.length > 64) {
            throw new IllegalArgumentException("token fields are 1 to 64 ASCII characters");
        }
        out.write(bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    private static byte[] mac(byte[] key, byte[] data) {
        return HmacSha256.mac(key, data);
    }

    /** Reads length-prefixed fields; any overrun marks the token malformed instead of throwing. */
    private static final class Reader {
        private final byte[] bytes;
        private final int end;
        private int position = 1;
        private boolean ok = true;

        Reader(byte[] bytes, int end) {
            this.bytes = bytes;
            this.end = end;
        }

        String field() {
            if (!ok || position >= end) {
                ok = false;
                return null;
            }
            int length = bytes[position++] & 0xff;
            if (length == 0 || length > 64 || position + length > end) {
                ok = false;
                return null;
            }
            String value = new String(bytes, position, length, StandardCharsets.US_ASCII);
            position += length;
            return value;
        }

        int index() {
            if (!ok || position != end - 1) {
                ok = false;
                return 0;
            }
            return (bytes[position++] & 0xff) - 1;
        }

        boolean ok() {
            return ok && position == end;
        }
    }
}
