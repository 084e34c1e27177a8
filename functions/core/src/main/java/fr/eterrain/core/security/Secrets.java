package fr.eterrain.core.security;

import fr.eterrain.core.config.Settings;
import fr.eterrain.core.log.Log;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The keys behind tokens ({@code TOKEN_KEYS}), hashes ({@code HASH_KEY}) and field encryption ({@code DATA_KEY}).
 * Each is a ring {@code kid:base64[,kid:base64…]}: the first signs, hashes or encrypts new data, all are tried on the
 * way back (rotation); a bare base64 value is one key of id {@code k1}. In AWS each comes from its own Secrets
 * Manager secret ({@link SecretsManagerKeys}), given only to the functions whose wiring grants name it; locally from
 * settings, with fixed development defaults so a fresh clone runs.
 *
 * <p>The development defaults are used only on the {@code local} and {@code test} stages, and never by a deployed
 * function without an explicit {@code STAGE}. With {@code GRANTS} set (the local runtime gives each function its
 * wiring grants), a key not granted is refused too. A refused key stops the function at init with a log line saying
 * which key and why.
 */
public final class Secrets {
    private static final String DEV_SEED = "e-terrain local development only";
    private static final Log LOG = Log.of("Secrets");

    private Secrets() {
    }

    /** {@code TOKEN_KEYS="k2:<base64>,k1:<base64>"}: the first signs, all verify (rotation). */
    public static Map<String, byte[]> tokenKeys(Settings settings) {
        return ring(settings, "TOKEN_KEYS", "token");
    }

    /** {@code HASH_KEY}: the first hashes new data; lookups try every key while a rotation lasts. */
    public static Map<String, byte[]> hashKeys(Settings settings) {
        return ring(settings, "HASH_KEY", "hash");
    }

    /** {@code DATA_KEY}: the first encrypts new fields; each field names the key it was sealed with. */
    public static Map<String, byte[]> dataKeys(Settings settings) {
        return ring(settings, "DATA_KEY", "data");
    }

    /** The current hash key. */
    public static byte[] hashKey(Settings settings) {
        return hashKeys(settings).values().iterator().next();
    }

    /** The current data key. */
    public static byte[] dataKey(Settings settings) {
        return dataKeys(settings).values().iterator().next();
    }

    private static Map<String, byte[]> ring(Settings settings, String name, String purpose) {
        String spec = settings.optional(name).orElse(null);
        String refusal = refusal(settings, name, spec != null);
        if (refusal != null) {
            LOG.error("function cannot start: " + refusal, null, "secret", name, "stage", settings.get("STAGE", "(unset)"));
            throw new IllegalStateException(refusal);
        }
        if (spec == null) {
            spec = "k1:" + derive(purpose);
        }
        Map<String, byte[]> keys = new LinkedHashMap<>();
        String[] parts = spec.split(",");
        for (String part : parts) {
            int colon = part.indexOf(':');
            if (colon < 0 && parts.length == 1) {
                keys.put("k1", decode(name, part.trim()));
            } else if (colon <= 0) {
                throw new IllegalStateException(name + " entries are <kid>:<base64 key>, the current one first");
            } else {
                keys.put(part.substring(0, colon).trim(), decode(name, part.substring(colon + 1).trim()));
            }
        }
        return keys;
    }

    /** Why this key may not be used here, or null. */
    private static String refusal(Settings settings, String name, boolean configured) {
        String grants = settings.optional("GRANTS").orElse(null);
        if (grants != null && Arrays.stream(grants.split(",")).map(String::trim).noneMatch(name::equals)) {
            return name + " is not granted to this function (its grants in functions/wiring.json)";
        }
        if (configured) {
            return null;
        }
        String stage = settings.optional("STAGE").orElse(null);
        if (stage == null && settings.optional("AWS_LAMBDA_FUNCTION_NAME").isPresent()) {
            return name + " is missing and STAGE is not set: a deployed function never uses the development keys "
                    + "(set STAGE and " + name + "_ARN)";
        }
        String effective = settings.stage();
        if (!effective.equals("local") && !effective.equals("test")) {
            return name + " is missing for stage " + effective + ": secrets must be configured (" + name
                    + "_ARN, the Secrets Manager secret holding it)";
        }
        return null;
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

    private static byte[] decode(String name, String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + ": a key is not base64");
        }
        if (key.length < 32) {
            throw new IllegalStateException("keys must be at least 256 bits");
        }
        return key;
    }
}
