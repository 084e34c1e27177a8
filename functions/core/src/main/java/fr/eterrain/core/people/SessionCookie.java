package fr.eterrain.core.people;

import fr.eterrain.core.http.HttpRequest;
import java.net.URI;
import java.util.Locale;

/**
 * The session cookie and the site's origin. On https: {@code __Host-et_session} (HttpOnly; Secure; SameSite=Strict;
 * Path=/, no Domain). On plain local http (localhost, 127.0.0.1) browsers drop Secure cookies: {@code et_session},
 * the same flags but Secure.
 */
public final class SessionCookie {
    public static final String SECURE_NAME = "__Host-et_session";
    public static final String LOCAL_NAME = "et_session";
    /** The header every state-changing request made with the cookie carries (CSRF). */
    public static final String CSRF_HEADER = "x-eterrain-request";

    private final boolean secure;
    private final String origin;

    /** @param siteUrl the public base URL: console and API share its origin */
    public SessionCookie(String siteUrl) {
        URI uri = URI.create(siteUrl);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        boolean local = "http".equals(uri.getScheme()) && (host.equals("localhost") || host.equals("127.0.0.1"));
        this.secure = !local;
        this.origin = uri.getScheme() + "://" + uri.getRawAuthority();
    }

    public String name() {
        return secure ? SECURE_NAME : LOCAL_NAME;
    }

    public String origin() {
        return origin;
    }

    public String set(String token) {
        return name() + "=" + token + "; Path=/; Max-Age=" + Sessions.MAX.toSeconds() + "; HttpOnly"
                + (secure ? "; Secure" : "") + "; SameSite=Strict";
    }

    public String clear() {
        return name() + "=; Path=/; Max-Age=0; HttpOnly" + (secure ? "; Secure" : "") + "; SameSite=Strict";
    }

    /** The token of the request's session cookie, if it has one. */
    public String read(HttpRequest request) {
        String header = request.header("cookie");
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).equals(name())) {
                return p.substring(eq + 1).trim();
            }
        }
        return null;
    }

    /** Whether a cookie-authenticated request that changes state shows it comes from our own pages. */
    public boolean sameSite(HttpRequest request) {
        if (!"1".equals(request.header(CSRF_HEADER))) {
            return false;
        }
        String from = request.header("origin");
        return from == null || from.equals(origin);
    }
}
