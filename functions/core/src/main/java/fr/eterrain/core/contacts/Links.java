package fr.eterrain.core.contacts;

import fr.eterrain.core.security.TokenCodec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Every public link we email, built from the one PUBLIC_BASE_URL setting and signed, expiring tokens. */
public final class Links {
    public static final String CONFIRM = "confirm";
    public static final String UNSUBSCRIBE = "unsubscribe";
    public static final Duration CONFIRM_VALIDITY = Duration.ofDays(7);
    /** Unsubscribe links must keep working in old emails; 400 days covers a year of archives. */
    public static final Duration UNSUBSCRIBE_VALIDITY = Duration.ofDays(400);

    private final String baseUrl;
    private final TokenCodec tokens;

    public Links(String baseUrl, TokenCodec tokens) {
        this.baseUrl = baseUrl;
        this.tokens = tokens;
    }

    /** The public links that carry no token (signup, thanks), for functions that hold no TOKEN_KEYS. */
    public static Links unsigned(String baseUrl) {
        return new Links(baseUrl, null);
    }

    private TokenCodec tokens() {
        if (tokens == null) {
            throw new IllegalStateException("these links are unsigned: this function holds no TOKEN_KEYS");
        }
        return tokens;
    }

    public String confirm(String federation, String contactId, String nonce) {
        return baseUrl + "/v1/confirm?t=" + enc(tokens().issue(CONFIRM, federation, contactId, nonce, CONFIRM_VALIDITY));
    }

    public String unsubscribe(String federation, String contactId) {
        return baseUrl + "/v1/unsubscribe?t=" + enc(tokens().issue(UNSUBSCRIBE, federation, contactId, null, UNSUBSCRIBE_VALIDITY));
    }

    public String withdrawAudienceMeasurement(String federation, String contactId) {
        return unsubscribe(federation, contactId) + "&scope=audience";
    }

    public String thanks(String federation) {
        return baseUrl + "/v1/federations/" + federation + "/signups/thanks";
    }

    public String signups(String federation) {
        return baseUrl + "/v1/federations/" + federation + "/signups";
    }

    public String baseUrl() {
        return baseUrl;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
