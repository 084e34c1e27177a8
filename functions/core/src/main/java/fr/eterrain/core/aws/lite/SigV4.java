package fr.eterrain.core.aws.lite;

import fr.eterrain.core.security.HmacSha256;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * AWS Signature Version 4 for a request with no query string (the JSON protocols post everything to "/"). The
 * headers handed in are signed with {@code host} and {@code x-amz-date}; the answer is every header to send.
 */
public final class SigV4 {
    private static final HexFormat HEX = HexFormat.of();

    /** The keys of one call: the session token is there for the temporary credentials Lambda gives. */
    public record Credentials(String accessKeyId, String secretAccessKey, String sessionToken) {
    }

    private SigV4() {
    }

    public static Map<String, String> sign(String method, URI uri, Map<String, String> headers, byte[] body,
                                           Credentials credentials, String region, String service, Instant now) {
        String stamp = stamp(now);
        String day = stamp.substring(0, 8);
        TreeMap<String, String> signed = new TreeMap<>();
        headers.forEach((name, value) -> signed.put(name.toLowerCase(Locale.ROOT), value.trim()));
        signed.put("host", host(uri));
        signed.put("x-amz-date", stamp);
        if (credentials.sessionToken() != null) {
            signed.put("x-amz-security-token", credentials.sessionToken());
        }
        StringBuilder canonicalHeaders = new StringBuilder();
        signed.forEach((name, value) -> canonicalHeaders.append(name).append(':').append(value).append('\n'));
        String signedNames = String.join(";", signed.keySet());
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String canonicalRequest = method + "\n" + path + "\n\n" + canonicalHeaders + "\n" + signedNames + "\n"
                + HEX.formatHex(sha256(body));
        String scope = day + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = "AWS4-HMAC-SHA256\n" + stamp + "\n" + scope + "\n"
                + HEX.formatHex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + credentials.secretAccessKey()).getBytes(StandardCharsets.UTF_8), day);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        String signature = HEX.formatHex(hmac(key, stringToSign));
        TreeMap<String, String> out = new TreeMap<>(signed);
        out.remove("host"); // the HTTP client writes it, from the same URI
        out.put("authorization", "AWS4-HMAC-SHA256 Credential=" + credentials.accessKeyId() + "/" + scope
                + ", SignedHeaders=" + signedNames + ", Signature=" + signature);
        return out;
    }

    /** {@code 20261202T101530Z}, written by hand: a pattern formatter loads the locale data at a cold start. */
    static String stamp(Instant now) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(now.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder s = new StringBuilder(16);
        pad(s, t.getYear(), 4);
        pad(s, t.getMonthValue(), 2);
        pad(s, t.getDayOfMonth(), 2);
        s.append('T');
        pad(s, t.getHour(), 2);
        pad(s, t.getMinute(), 2);
        pad(s, t.getSecond(), 2);
        return s.append('Z').toString();
    }

    private static void pad(StringBuilder s, int value, int width) {
        String digits = Integer.toString(value);
        s.append("0".repeat(Math.max(0, width - digits.length()))).append(digits);
    }

    /** What an HTTP client sends as {@code Host}: the port only when the URI names one. */
    static String host(URI uri) {
        return uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        return HmacSha256.mac(key, data.getBytes(StandardCharsets.UTF_8));
    }
}
