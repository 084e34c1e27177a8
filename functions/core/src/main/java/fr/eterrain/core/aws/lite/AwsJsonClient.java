package fr.eterrain.core.aws.lite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One AWS service over its JSON protocol, without the SDK: a signed POST of the operation's JSON to the service's
 * endpoint, over the JDK's own HTTP client. The public links (pixel, redirect) use it so that their deployables
 * carry no SDK at all. Like the SDK's standard mode it tries a call up to {@value #ATTEMPTS} times, with jittered
 * exponential back-off, when the service throttles, fails on its side or the connection fails; within
 * {@code AWS_CALL_TIMEOUT_SECONDS} (10) in all.
 */
public final class AwsJsonClient implements JsonApi {
    static final int ATTEMPTS = 4;

    /** How a service speaks the protocol. */
    public record Service(String envSuffix, String signingName, String targetPrefix, String contentType, long baseDelayMillis) {
        public static final Service DYNAMODB = new Service("DYNAMODB", "dynamodb", "DynamoDB_20120810",
                "application/x-amz-json-1.0", 25);
        public static final Service EVENTBRIDGE = new Service("EVENTBRIDGE", "events", "AWSEvents",
                "application/x-amz-json-1.1", 100);
        public static final Service SECRETS_MANAGER = new Service("SECRETS_MANAGER", "secretsmanager", "secretsmanager",
                "application/x-amz-json-1.1", 100);
    }

    private final Service service;
    private final URI endpoint;
    private final String region;
    private final CredentialsSource credentials;
    private final CallObserver observer;
    private final long callTimeoutMillis;

    public AwsJsonClient(Settings settings, Service service, CredentialsSource credentials, CallObserver observer) {
        this.service = service;
        this.region = settings.region();
        this.endpoint = settings.endpoint(service.envSuffix())
                .orElseGet(() -> URI.create("https://" + service.signingName() + "." + region + ".amazonaws.com/"));
        this.credentials = credentials;
        this.observer = observer;
        this.callTimeoutMillis = settings.integer("AWS_CALL_TIMEOUT_SECONDS", 10) * 1000L;
    }

    public Service service() {
        return service;
    }

    /** The operation's answer; an {@link AwsServiceException} for the service's refusals, after the retries. */
    @Override
    public JsonNode call(String operation, ObjectNode request) {
        observer.beforeCall(service.envSuffix(), operation, request);
        byte[] body = Json.bytes(request);
        long deadline = System.currentTimeMillis() + callTimeoutMillis;
        for (int attempt = 1; ; attempt++) {
            RuntimeException failure;
            try {
                JsonNode answer = post(operation, body, deadline);
                observer.afterCall(service.envSuffix(), operation, answer);
                return answer;
            } catch (AwsServiceException e) {
                if (!e.retryable()) {
                    throw e;
                }
                failure = e;
            } catch (IOException e) {
                failure = new UncheckedIOException(service.signingName() + " " + operation + ": " + e.getMessage(), e);
            }
            long pause = ThreadLocalRandom.current().nextLong(service.baseDelayMillis() << attempt);
            if (attempt == ATTEMPTS || System.currentTimeMillis() + pause >= deadline) {
                throw failure;
            }
            sleep(pause);
        }
    }

    private JsonNode post(String operation, byte[] body, long deadline) throws IOException {
        HttpURLConnection c = (HttpURLConnection) endpoint.toURL().openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setConnectTimeout(2000);
        c.setReadTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
        c.setFixedLengthStreamingMode(body.length);
        Map<String, String> headers = SigV4.sign("POST", endpoint, Map.of("content-type", service.contentType(),
                        "x-amz-target", service.targetPrefix() + "." + operation), body, credentials.get(), region,
                service.signingName(), Instant.now());
        headers.forEach(c::setRequestProperty);
        try (OutputStream out = c.getOutputStream()) {
            out.write(body);
        }
        int status = c.getResponseCode();
        byte[] answer;
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            answer = in == null ? new byte[0] : in.readAllBytes();
        }
        JsonNode json;
        try {
            json = answer.length == 0 ? Json.object() : Json.read(answer);
        } catch (IOException e) {
            json = Json.object(); // a proxy's HTML error page: the status says enough
        }
        if (status >= 300) {
            throw refusal(status, json, c.getHeaderField("x-amzn-ErrorType"));
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
