package fr.eterrain.core.security;

import fr.eterrain.core.config.Settings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * In AWS each key lives in its own Secrets Manager secret, so IAM can give a function only the keys it uses:
 * {@code TOKEN_KEYS_ARN}, {@code HASH_KEY_ARN}, {@code DATA_KEY_ARN} name them (infra sets only those of the
 * function's grants), each secret's value being the key ring itself. Read once per container at init (before the
 * SnapStart snapshot, which is encrypted); never in plain environment variables.
 */
public final class SecretsManagerKeys {
    static final List<String> NAMES = List.of("TOKEN_KEYS", "HASH_KEY", "DATA_KEY");

    private SecretsManagerKeys() {
    }

    /** @param secretValue a secret's current value by its ARN ({@code fr.eterrain.core.aws.lite.DirectAws#secret}) */
    public static Settings resolve(Settings settings, UnaryOperator<String> secretValue) {
        Map<String, String> values = new HashMap<>();
        for (String name : NAMES) {
            settings.optional(name + "_ARN").ifPresent(arn -> {
                String value = secretValue.apply(arn);
                if (value == null || value.isBlank()) {
                    throw new IllegalStateException("secret " + arn + " (" + name + ") is empty");
                }
                values.put(name, value.trim());
            });
        }
        return values.isEmpty() ? settings : settings.with(values);
    }
}
