package fr.eterrain.core.aws.lite;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.aws.GrantRules;
import fr.eterrain.core.aws.Priming;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.store.TableLayout;

/**
 * The direct (SDK-free) AWS calls of one container: DynamoDB, EventBridge's PutEvents, SES's SendEmail and the
 * Secrets Manager read of a key at init, with the
 * region, endpoints and credentials the SDK clients would use ({@code fr.eterrain.core.aws.AwsClients}).
 */
public final class DirectAws {
    private final Settings settings;
    private final CredentialsSource dynamoCredentials;
    private final CredentialsSource secretsCredentials;
    private final DirectDynamo dynamo;
    private final GrantRules grants;
    private final AwsJsonClient secrets;
    private final AwsJsonClient events;
    private final AwsJsonClient ses;
    private final CredentialsSource sesCredentials;
    private final CredentialsSource eventsCredentials;

    public DirectAws(Settings settings) {
        this(settings, DirectHooks.NONE);
    }

    public DirectAws(Settings settings, DirectHooks hooks) {
        this.settings = settings;
        this.dynamoCredentials = CredentialsSource.of(settings, settings.endpoint("DYNAMODB").isPresent());
        this.secretsCredentials = CredentialsSource.of(settings, settings.endpoint("SECRETS_MANAGER").isPresent());
        this.grants = GrantRules.of(settings).orElse(null);
        this.dynamo = new DirectDynamo(new AwsJsonClient(settings, AwsJsonClient.Service.DYNAMODB, dynamoCredentials,
                hooks), grants);
        this.secrets = new AwsJsonClient(settings, AwsJsonClient.Service.SECRETS_MANAGER, secretsCredentials, hooks);
        this.eventsCredentials = CredentialsSource.of(settings, settings.endpoint("EVENTBRIDGE").isPresent());
        this.events = new AwsJsonClient(settings, AwsJsonClient.Service.EVENTBRIDGE, eventsCredentials, hooks);
        this.sesCredentials = CredentialsSource.of(settings, settings.endpoint("SESV2").isPresent());
        this.ses = new AwsJsonClient(settings, AwsJsonClient.Service.SESV2, sesCredentials, hooks);
        Priming.onPriming(this::warm);
        Priming.onRestore(this::restored);
    }

    public DynamoJson dynamo() {
        return dynamo;
    }

    /** EventBridge (PutEvents), checked against the grants where they are given. */
    public JsonApi events() {
        return (operation, request) -> {
            if (grants != null) {
                grants.require(java.util.List.of(new GrantRules.Call(fr.eterrain.core.wiring.Grant.Resource.EVENT_BUS,
                        "events:" + operation, "the stage bus")));
            }
            return events.call(operation, request);
        };
    }

    /** SES v2 SendEmail ({@code POST /v2/email/outbound-emails}): the answer holds the MessageId. */
    public com.fasterxml.jackson.databind.JsonNode sendEmail(ObjectNode request) {
        if (grants != null) {
            grants.require(java.util.List.of(new GrantRules.Call(fr.eterrain.core.wiring.Grant.Resource.MAIL,
                    "ses:SendEmail", "the mail domain")));
        }
        return ses.rest("SendEmail", "POST", "/v2/email/outbound-emails", request);
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
        eventsCredentials.forget();
        sesCredentials.forget();
    }
}
