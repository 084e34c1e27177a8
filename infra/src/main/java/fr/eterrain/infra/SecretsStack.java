package fr.eterrain.infra;

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
                .description("e-terrain " + config.stage() + " application keys").build());
        keys = Secret.Builder.create(this, "Keys")
                .secretName(config.prefix() + "/keys")
                .description("JSON {TOKEN_KEYS, HASH_KEY, DATA_KEY} read by the e-terrain functions")
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
    }

    public ISecret keys() {
        return keys;
    }
}
