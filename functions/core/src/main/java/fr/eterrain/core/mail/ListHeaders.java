package fr.eterrain.core.mail;

import fr.eterrain.core.federation.Federation;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The list headers every message to a subscriber carries, exactly once each: RFC 8058 one-click unsubscribe
 * (an HTTPS URI with an unguessable token, and the POST marker) and a List-Id per federation.
 */
public final class ListHeaders {
    private ListHeaders() {
    }

    public static Map<String, String> of(Federation federation, String mailDomain, String unsubscribeUrl) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<" + unsubscribeUrl + ">");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        headers.put("List-Id", "\"" + asciiName(federation) + "\" <federation-" + federation.id().toLowerCase(Locale.ROOT)
                + ".lists." + mailDomain + ">");
        return headers;
    }

    /** List-Id phrases must be ASCII; accents are dropped rather than encoded. */
    private static String asciiName(Federation federation) {
        return java.text.Normalizer.normalize(federation.displayName(), java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").replaceAll("[^\\x20-\\x7E]", "").replace("\"", "");
    }
}
