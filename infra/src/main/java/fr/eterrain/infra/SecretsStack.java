package fr.eterrain.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.constructs.Construct;

/**
 * The secret holding TOKEN_KEYS, HASH_KEY and DATA_KEY (a JSON object of those three names). CDK only creates
 * the container; the values are put by hand after the first deploy (see README). Always retained: DATA_KEY
 * decrypts fields stored in the tables, losing it loses the data.
 */
public final class SecretsStack extends Stack {
    private final Secret keys;

    public SecretsStack(Construct scope, String id, StageConfig config) {
        super(scope, id, StackProps.builder().env(config.env()).stackName(id)
                // Stateful: prod stacks cannot be deleted by mistake (resources are retained as well).
                .terminationProtection(config.isProd())
                .description("e-terrain " + config.stage() + " application keys").build());
        keys = Secret.Builder.create(this, "Keys")
                .secretName(config.prefix() + "/keys")
                .description("JSON {TOKEN_KEYS, HASH_KEY, DATA_KEY} read by the e-terrain functions")
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        NagSuppressions.addResourceSuppressions(keys, List.of(NagPackSuppression.builder().id("AwsSolutions-SMG4")
                .reason("No automatic rotation: DATA_KEY and HASH_KEY protect stored data and cannot change alone; "
                        + "TOKEN_KEYS rotate by hand by prepending a new kid (README)")
                .build()));
    }

    public ISecret keys() {
        return keys;
    }
}
