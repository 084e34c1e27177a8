package fr.eterrain.core.security;

import fr.eterrain.core.config.Settings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The keys behind tokens, hashes and field encryption. In AWS they come from Secrets Manager through the
 * function's environment at deploy; locally from settings, with fixed development defaults so a fresh clone
 * runs. The defaults are refused outside the local and test stages.
 */
public final class Secrets {
    private static final String DEV_SEED = "e-terrain local development only";

    private Secrets() {
    }

    /** {@code TOKEN_KEYS="k2:<base64>,k1:<base64>"}: the first signs, all verify (rotation). */
    public static Map<String, byte[]> tokenKeys(Settings settings) {
        String spec = settings.optional("TOKEN_KEYS").orElseGet(() -> devOnly(settings, "k1:" + derive("token")));
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            int colon = part.indexOf(':');
            if (colon <= 0) {
                throw new IllegalStateException("TOKEN_KEYS entries are <kid>:<base64 key>");
            }
            keys.put(part.substring(0, colon).trim(), decode(part.substring(colon + 1).trim()));
        }
        return keys;
    }

    public static byte[] hashKey(Settings settings) {
        return decode(settings.optional("HASH_KEY").orElseGet(() -> devOnly(settings, derive("hash"))));
    }

    public static byte[] dataKey(Settings settings) {
        return decode(settings.optional("DATA_KEY").orElseGet(() -> devOnly(settings, derive("data"))));
    }

    private static String devOnly(Settings settings, String value) {
        String stage = settings.stage();
        if (!stage.equals("local") && !stage.equals("test")) {
            throw new IllegalStateException("secrets must be configured for stage " + stage);
        }
        return value;
    }

    private static String derive(String purpose) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((DEV_SEED + "/" + purpose).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] decode(String base64) {
        byte[] key = Base64.getDecoder().decode(base64);
        if (key.length < 32) {
            throw new IllegalStateException("keys must be at least 256 bits");
        }
        return key;
    }
}
