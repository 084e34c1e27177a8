package fr.eterrain.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import fr.eterrain.core.wiring.Grant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.constructs.Construct;

/**
 * One secret per key, so IAM gives each function only the keys its wiring grants name: {@code <prefix>/token-keys}
 * (TOKEN_KEYS), {@code <prefix>/hash-key} (HASH_KEY), {@code <prefix>/data-key} (DATA_KEY), each holding the key
 * ring itself ({@code kid:base64[,kid:base64…]}). CDK only creates the containers; the values are put by hand after
 * the first deploy (see README). Always retained: DATA_KEY decrypts fields stored in the tables, losing it loses
 * the data.
 */
public final class SecretsStack extends Stack {
    private final Map<Grant, ISecret> keys = new EnumMap<>(Grant.class);

    public SecretsStack(Construct scope, String id, StageConfig config) {
        super(scope, id, StackProps.builder().env(config.env()).stackName(id)
                // Stateful: prod stacks cannot be deleted by mistake (resources are retained as well).
                .terminationProtection(config.isProd())
                .description("e-terrain " + config.stage() + " application keys").build());
        for (Grant key : List.of(Grant.TOKEN_KEYS, Grant.HASH_KEY, Grant.DATA_KEY)) {
            Secret secret = Secret.Builder.create(this, key.name())
                    .secretName(secretName(config, key))
                    .description(key.name() + " of e-terrain " + config.stage() + ", read at init by the functions granted it")
                    .removalPolicy(RemovalPolicy.RETAIN)
                    .build();
            NagSuppressions.addResourceSuppressions(secret, List.of(NagPackSuppression.builder().id("AwsSolutions-SMG4")
                    .reason("No automatic rotation: DATA_KEY and HASH_KEY protect stored data and rotate by hand with a "
                            + "key ring (new key first, old kept while data is re-sealed); TOKEN_KEYS likewise (README)")
                    .build()));
            keys.put(key, secret);
        }
    }

    /** {@code <prefix>/token-keys}, {@code …/hash-key}, {@code …/data-key}. */
    static String secretName(StageConfig config, Grant key) {
        return config.prefix() + "/" + key.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The secret of each key grant. */
    public Map<Grant, ISecret> keys() {
        return Map.copyOf(keys);
    }
}
