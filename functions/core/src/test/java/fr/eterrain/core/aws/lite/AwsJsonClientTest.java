package fr.eterrain.core.aws.lite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The direct client against a local server playing DynamoDB: what it sends, what it retries, what it reports. */
class AwsJsonClientTest {
    private record Answer(int status, String body) {
    }

    private final Deque<Answer> answers = new ArrayDeque<>();
    private final List<Map<String, String>> seen = new ArrayList<>();
    private final HttpServer server;

    AwsJsonClientTest() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(Map.of("target", exchange.getRequestHeaders().getFirst("X-Amz-Target"),
                    "type", exchange.getRequestHeaders().getFirst("Content-Type"),
                    "authorization", exchange.getRequestHeaders().getFirst("Authorization"),
                    "body", body));
            Answer a = answers.isEmpty() ? new Answer(200, "{}") : answers.poll();
            byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(a.status(), out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private AwsJsonClient client() {
        Settings settings = Settings.of(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:" + server.getAddress().getPort(),
                "AWS_REGION", "eu-west-3"));
        return new AwsJsonClient(settings, AwsJsonClient.Service.DYNAMODB, CredentialsSource.of(settings, true), DirectHooks.NONE);
    }

    @Test
    void postsTheOperationSignedWithTheEmulatorKey() {
        answers.add(new Answer(200, "{\"Item\":{\"pk\":{\"S\":\"a\"}}}"));
        JsonNode answer = client().call("GetItem", Json.object().put("TableName", "t"));
        assertEquals("a", DynamoJson.string(answer.path("Item"), "pk"));
        assertEquals("DynamoDB_20120810.GetItem", seen.get(0).get("target"));
        assertEquals("application/x-amz-json-1.0", seen.get(0).get("type"));
        assertTrue(seen.get(0).get("authorization").startsWith("AWS4-HMAC-SHA256 Credential=local/"), seen.get(0).get("authorization"));
        assertTrue(seen.get(0).get("authorization").contains("/eu-west-3/dynamodb/aws4_request"));
        assertEquals("{\"TableName\":\"t\"}", seen.get(0).get("body"));
    }

    @Test
    void aRefusalIsReportedByItsShortNameWithItsBodyAndNotRetried() {
        answers.add(new Answer(400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#TransactionCanceledException\","
                + "\"message\":\"cancelled\",\"CancellationReasons\":[{\"Code\":\"ConditionalCheckFailed\"},{\"Code\":\"None\"}]}"));
        AwsServiceException e = assertThrows(AwsServiceException.class, () -> client().call("TransactWriteItems", Json.object()));
        assertEquals("TransactionCanceledException", e.code());
        assertEquals(400, e.status());
        assertEquals("ConditionalCheckFailed", e.body().path("CancellationReasons").path(0).path("Code").asText());
        assertEquals(1, seen.size(), "a refusal is final");
    }

    @Test
    void aReadIsTriedAgainAfterThrottlingAndServerErrors() {
        answers.add(new Answer(400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\"}"));
        answers.add(new Answer(500, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\"}"));
        answers.add(new Answer(200, "{\"Item\":{}}"));
        assertTrue(client().call("GetItem", Json.object()).has("Item"));
        assertEquals(3, seen.size());
    }

    @Test
    void aCounterIsTriedAgainWhenThrottledButNeverAfterAServerErrorThatMayHaveAppliedIt() {
        answers.add(new Answer(400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ThrottlingException\"}"));
        answers.add(new Answer(200, "{\"Attributes\":{}}"));
        assertTrue(client().call("UpdateItem", Json.object()).has("Attributes"));
        assertEquals(2, seen.size(), "a throttled ADD was not applied: tried again");
        answers.add(new Answer(500, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\"}"));
        assertThrows(AwsServiceException.class, () -> client().call("UpdateItem", Json.object()));
        assertEquals(3, seen.size(), "an ADD that may have been applied is not sent again");
    }

    @Test
    void aLostAnswerIsRepeatedOnlyWhereRepeatingCannotActTwice() {
        ObjectNode unsafe = Json.object();
        ObjectNode transaction = Json.object().put("ClientRequestToken", "t1");
        assertTrue(AwsJsonClient.repeatable(AwsJsonClient.Service.DYNAMODB, "GetItem", unsafe));
        assertTrue(AwsJsonClient.repeatable(AwsJsonClient.Service.DYNAMODB, "BatchGetItem", unsafe));
        assertTrue(AwsJsonClient.repeatable(AwsJsonClient.Service.DYNAMODB, "TransactWriteItems", transaction));
        assertTrue(AwsJsonClient.repeatable(AwsJsonClient.Service.EVENTBRIDGE, "PutEvents", unsafe));
        assertFalse(AwsJsonClient.repeatable(AwsJsonClient.Service.DYNAMODB, "TransactWriteItems", unsafe));
        assertFalse(AwsJsonClient.repeatable(AwsJsonClient.Service.DYNAMODB, "UpdateItem", unsafe));
        assertFalse(AwsJsonClient.repeatable(AwsJsonClient.Service.DYNAMODB, "PutItem", unsafe));
        assertFalse(AwsJsonClient.repeatable(AwsJsonClient.Service.SESV2, "SendEmail", unsafe));

        int[] sent = {0};
        DirectHooks losing = new DirectHooks() {
            @Override
            public HttpTransport transport(String service, HttpTransport real) {
                return request -> {
                    HttpTransport.Response answer = real.send(request);
                    if (sent[0]++ == 0) {
                        throw new IOException("connection reset after the request was processed");
                    }
                    return answer;
                };
            }
        };
        Settings settings = Settings.of(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:" + server.getAddress().getPort(),
                "AWS_REGION", "eu-west-3"));
        AwsJsonClient client = new AwsJsonClient(settings, AwsJsonClient.Service.DYNAMODB,
                CredentialsSource.of(settings, true), losing);
        assertThrows(java.io.UncheckedIOException.class, () -> client.call("UpdateItem", Json.object()));
        assertEquals(1, seen.size(), "the ADD whose answer was lost is not sent again");
        sent[0] = 0;
        client.call("GetItem", Json.object());
        assertEquals(3, seen.size(), "the read whose answer was lost is sent once more");
    }

    @Test
    void aServiceThatKeepsFailingSurfacesAfterTheLastAttempt() {
        for (int i = 0; i < 10; i++) {
            answers.add(new Answer(503, "<html>unavailable</html>"));
        }
        AwsServiceException e = assertThrows(AwsServiceException.class, () -> client().call("GetItem", Json.object()));
        assertEquals(503, e.status());
        assertEquals(AwsJsonClient.Service.DYNAMODB.attempts(), seen.size());
    }
}
