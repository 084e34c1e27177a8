package fr.eterrain.core.security;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.aws.AwsClients;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.json.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * In AWS the keys live in one Secrets Manager secret ({@code SECRETS_ARN}, a JSON object with TOKEN_KEYS,
 * HASH_KEY and DATA_KEY), read once per container at init; never in plain environment variables.
 */
public final class SecretsManagerKeys {
    static final List<String> NAMES = List.of("TOKEN_KEYS", "HASH_KEY", "DATA_KEY");

    private SecretsManagerKeys() {
    }

    public static Settings resolve(Settings settings, AwsClients clients) {
        return settings.optional("SECRETS_ARN").map(arn -> settings.with(read(clients, arn))).orElse(settings);
    }

    private static Map<String, String> read(AwsClients clients, String arn) {
        JsonNode secret = Json.parse(clients.secrets().getSecretValue(r -> r.secretId(arn)).secretString());
        Map<String, String> values = new HashMap<>();
        for (String name : NAMES) {
            String value = Json.text(secret, name);
            if (value == null) {
                throw new IllegalStateException("secret " + arn + " lacks " + name);
            }
            values.put(name, value);
        }
        return values;
    }
}
