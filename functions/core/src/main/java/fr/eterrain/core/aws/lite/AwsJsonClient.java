package fr.eterrain.core.aws.lite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One AWS service over its JSON protocol, without the SDK: a signed request carrying the operation's JSON, over the
 * JDK's own HTTP client ({@link HttpTransport}). The JSON 1.0/1.1 protocols (DynamoDB, EventBridge, Secrets Manager)
 * post to "/" with an {@code X-Amz-Target}; REST-JSON (SES v2) names the operation by method and path. Retries
 * use jittered exponential back-off, within {@code AWS_CALL_TIMEOUT_SECONDS} (10) in all. A throttled call was not
 * applied and is always tried again. A call that failed on the service's side or lost its answer may have been
 * applied: it is tried again only when repeating it cannot act twice (a read, a transaction with its
 * {@code ClientRequestToken}, an event: their consumers take duplicates), never for an email
 * ({@link Retry#THROTTLING_ONLY}) nor for a counter's UpdateItem or another plain write, which would count twice.
 */
public final class AwsJsonClient implements JsonApi {

    /** Which failures are worth another try. */
    public enum Retry { STANDARD, THROTTLING_ONLY }

    /** How a service speaks the protocol. */
    public record Service(String envSuffix, String signingName, String host, String targetPrefix, String contentType,
                          int attempts, long baseDelayMillis, Retry retry) {
        public static final Service DYNAMODB = new Service("DYNAMODB", "dynamodb", "dynamodb", "DynamoDB_20120810",
                "application/x-amz-json-1.0", 4, 25, Retry.STANDARD);
        public static final Service EVENTBRIDGE = new Service("EVENTBRIDGE", "events", "events", "AWSEvents",
                "application/x-amz-json-1.1", 4, 100, Retry.STANDARD);
        public static final Service SECRETS_MANAGER = new Service("SECRETS_MANAGER", "secretsmanager", "secretsmanager",
                "secretsmanager", "application/x-amz-json-1.1", 4, 100, Retry.STANDARD);
        /** SES v2 (REST-JSON): three attempts, only when SES throttles, half a second of back-off at first. */
        public static final Service SESV2 = new Service("SESV2", "ses", "email", null, "application/json", 3, 500,
                Retry.THROTTLING_ONLY);
    }

    private final Service service;
    private final URI endpoint;
    private final String region;
    private final CredentialsSource credentials;
    private final DirectHooks hooks;
    private final HttpTransport transport;
    private final long callTimeoutMillis;

    public AwsJsonClient(Settings settings, Service service, CredentialsSource credentials, DirectHooks hooks) {
        this.service = service;
        this.region = settings.region();
        URI base = settings.endpoint(service.envSuffix())
                .orElseGet(() -> URI.create("https://" + service.host() + "." + region + ".amazonaws.com"));
        this.endpoint = base.getPath() == null || base.getPath().isEmpty() ? base.resolve("/") : base;
        this.credentials = credentials;
        this.hooks = hooks;
        this.transport = hooks.transport(service.envSuffix(), HttpTransport.URL_CONNECTION);
        this.callTimeoutMillis = settings.integer("AWS_CALL_TIMEOUT_SECONDS", 10) * 1000L;
    }

    /** A JSON 1.0/1.1 operation: its answer, or an {@link AwsServiceException} for a refusal, after the retries. */
    @Override
    public JsonNode call(String operation, ObjectNode request) {
        return exchange(operation, "POST", "/", request);
    }

    /** A REST-JSON operation ({@code POST /v2/email/outbound-emails}), {@code name} for hooks and messages. */
    public JsonNode rest(String name, String method, String path, ObjectNode request) {
        return exchange(name, method, path, request);
    }

    /** Whether sending the request again, after an answer that may have been lost, cannot act twice. */
    static boolean repeatable(Service service, String operation, ObjectNode request) {
        if (service.retry() == Retry.THROTTLING_ONLY) {
            return false;
        }
        return switch (operation) {
            case "PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem" -> false;
            case "TransactWriteItems" -> request.hasNonNull("ClientRequestToken");
            default -> true;
        };
    }

    private JsonNode exchange(String operation, String method, String path, ObjectNode request) {
        hooks.beforeCall(service.envSuffix(), operation, request);
        boolean repeatable = repeatable(service, operation, request);
        byte[] body = Json.bytes(request);
        URI uri = endpoint.resolve(path);
        long deadline = System.currentTimeMillis() + callTimeoutMillis;
        for (int attempt = 1; ; attempt++) {
            RuntimeException failure;
            try {
                JsonNode answer = send(operation, method, uri, body, deadline);
                hooks.afterCall(service.envSuffix(), operation, answer);
                return answer;
            } catch (AwsServiceException e) {
                if (!(e.throttling() || repeatable && e.retryable())) {
                    throw e;
                }
                failure = e;
            } catch (IOException e) {
                UncheckedIOException lost = new UncheckedIOException(service.signingName() + " " + operation + ": " + e.getMessage(), e);
                if (!repeatable) {
                    throw lost;
                }
                failure = lost;
            }
            long pause = ThreadLocalRandom.current().nextLong(Math.min(5000, service.baseDelayMillis() << attempt));
            if (attempt >= service.attempts() || System.currentTimeMillis() + pause >= deadline) {
                throw failure;
            }
            sleep(pause);
        }
    }

    private JsonNode send(String operation, String method, URI uri, byte[] body, long deadline) throws IOException {
        Map<String, String> headers = service.targetPrefix() == null
                ? Map.of("content-type", service.contentType())
                : Map.of("content-type", service.contentType(), "x-amz-target", service.targetPrefix() + "." + operation);
        Map<String, String> signed = SigV4.sign(method, uri, headers, body, credentials.get(), region,
                service.signingName(), Instant.now());
        HttpTransport.Response response = transport.send(new HttpTransport.Request(method, uri, signed, body,
                (int) Math.max(1, deadline - System.currentTimeMillis())));
        JsonNode json;
        try {
            json = response.body().length == 0 ? Json.object() : Json.read(response.body());
        } catch (IOException e) {
            json = Json.object(); // a proxy's HTML error page: the status says enough
        }
        if (response.status() >= 300) {
            throw refusal(response.status(), json, response.headers().get("x-amzn-errortype"));
        }
        return json;
    }

    /** The error's short name from {@code __type} ("com.amazonaws.dynamodb.v20120810#ResourceNotFoundException"). */
    static AwsServiceException refusal(int status, JsonNode json, String errorTypeHeader) {
        String type = json.path("__type").asText(errorTypeHeader != null ? errorTypeHeader : "HTTP" + status);
        String code = type.substring(type.lastIndexOf('#') + 1).replaceFirst(":.*", "");
        String message = json.has("message") ? json.get("message").asText() : json.path("Message").asText("");
        return new AwsServiceException(code, status, message, json);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
