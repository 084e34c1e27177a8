package fr.eterrain.core.aws.lite;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.aws.GrantRules;
import fr.eterrain.core.aws.Priming;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.store.TableLayout;

/**
 * The direct (SDK-free) AWS calls of one container: DynamoDB and the Secrets Manager read of a key at init, with the
 * region, endpoints and credentials the SDK clients would use ({@code fr.eterrain.core.aws.AwsClients}).
 */
public final class DirectAws {
    private final Settings settings;
    private final CredentialsSource dynamoCredentials;
    private final CredentialsSource secretsCredentials;
    private final DirectDynamo dynamo;
    private final AwsJsonClient secrets;

    public DirectAws(Settings settings) {
        this(settings, CallObserver.NONE);
    }

    public DirectAws(Settings settings, CallObserver observer) {
        this.settings = settings;
        this.dynamoCredentials = CredentialsSource.of(settings, settings.endpoint("DYNAMODB").isPresent());
        this.secretsCredentials = CredentialsSource.of(settings, settings.endpoint("SECRETS_MANAGER").isPresent());
        this.dynamo = new DirectDynamo(new AwsJsonClient(settings, AwsJsonClient.Service.DYNAMODB, dynamoCredentials,
                observer), GrantRules.of(settings).orElse(null));
        this.secrets = new AwsJsonClient(settings, AwsJsonClient.Service.SECRETS_MANAGER, secretsCredentials, observer);
        Priming.onPriming(this::warm);
        Priming.onRestore(this::restored);
    }

    public DynamoJson dynamo() {
        return dynamo;
    }

    /** The secret's current value (its {@code SecretString}). */
    public String secret(String arn) {
        return secrets.call("GetSecretValue", Json.object().put("SecretId", arn)).path("SecretString").asText(null);
    }

    /**
     * SnapStart priming: one read of a key that does not exist loads and runs the whole request path (JSON,
     * signing, the connection). A refusal (the function may not read that table) primes as well.
     */
    void warm() {
        ObjectNode get = Json.object().put("TableName", new TableLayout(settings.tablePrefix()).platformTable());
        get.set("Key", DynamoJson.key("PRIMING", "PRIMING"));
        try {
            dynamo.call("GetItem", get);
        } catch (RuntimeException e) {
            // primed all the same
        }
    }

    /** After a restore: credentials fetched before the snapshot are not reused. */
    void restored() {
        dynamoCredentials.forget();
        secretsCredentials.forget();
    }
}
