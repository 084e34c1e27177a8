package fr.eterrain.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

/** The injected answers are what the SDK's own unmarshallers and retry policy take for the services' throttling. */
class FaultyHttpClientTest {
    private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s"));

    /** Stands for the service: counts the requests that reach it and answers an empty JSON object. */
    private static final class Backend implements SdkHttpClient {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public ExecutableHttpRequest prepareRequest(software.amazon.awssdk.http.HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    calls.incrementAndGet();
                    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(200).putHeader("Content-Type", "application/x-amz-json-1.0").build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body))).build();
                }

                @Override
                public void abort() {
                }
            };
        }

        @Override
        public void close() {
        }
    }

    private static DynamoDbClient dynamo(SdkHttpClient http) {
        return DynamoDbClient.builder().region(Region.EU_WEST_3).credentialsProvider(CREDENTIALS)
                .endpointOverride(URI.create("http://127.0.0.1:1")).httpClient(http)
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD)).build();
    }

    @Test
    void dynamoThrottlingIsRecognisedAndRetriedByTheSdk() {
        Backend backend = new Backend();
        FaultyHttpClient.Faults faults = new FaultyHttpClient.Faults(1).throttle("DYNAMODB", 1.0);
        try (DynamoDbClient client = dynamo(faults.wrap("DYNAMODB", backend))) {
            for (int i = 0; i < 2; i++) {
                DynamoDbException e = assertThrows(DynamoDbException.class, () -> client.getItem(r -> r.tableName("t")
                        .key(Map.of("pk", AttributeValue.fromS("x")))));
                assertTrue(e.isThrottlingException(), e.toString());
                assertTrue(e instanceof ProvisionedThroughputExceededException || "ThrottlingException".equals(e.awsErrorDetails().errorCode()),
                        e.toString());
            }
            assertEquals(0, backend.calls.get(), "nothing reached the service");
            assertEquals(6, faults.counts().of("DYNAMODB", "throttled"), "the SDK retried throttling: " + faults.counts());
        }
    }

    @Test
    void aThrottledTransactionIsCancelledWithAThrottlingReason() {
        FaultyHttpClient.Faults faults = new FaultyHttpClient.Faults(3).throttle("DYNAMODB", 1.0);
        boolean cancelled = false;
        try (DynamoDbClient client = dynamo(faults.wrap("DYNAMODB", new Backend()))) {
            for (int i = 0; i < 20 && !cancelled; i++) {
                try {
                    client.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder()
                            .conditionCheck(c -> c.tableName("t").key(Map.of("pk", AttributeValue.fromS("x"))).conditionExpression("attribute_exists(pk)"))
                            .build()));
                } catch (TransactionCanceledException e) {
                    assertEquals("ThrottlingError", e.cancellationReasons().get(0).code());
                    cancelled = true;
                } catch (DynamoDbException e) {
                    assertTrue(e.isThrottlingException(), e.toString());
                }
            }
        }
        assertTrue(cancelled, "some transactions are cancelled for throttling");
    }

    @Test
    void sesThrottlingIsATooManyRequestsException() {
        Backend backend = new Backend();
        FaultyHttpClient.Faults faults = new FaultyHttpClient.Faults(2).throttle("SESV2", 1.0);
        try (SesV2Client ses = SesV2Client.builder().region(Region.EU_WEST_3).credentialsProvider(CREDENTIALS)
                .endpointOverride(URI.create("http://127.0.0.1:1")).httpClient(faults.wrap("SESV2", backend))
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD)).build()) {
            TooManyRequestsException e = assertThrows(TooManyRequestsException.class, () -> ses.sendEmail(r -> r
                    .fromEmailAddress("a@example.org").destination(d -> d.toAddresses("b@example.org"))
                    .content(c -> c.simple(m -> m.subject(s -> s.data("x")).body(b -> b.text(t -> t.data("y")))))));
            assertTrue(e.isThrottlingException());
            assertEquals(429, e.statusCode());
            assertEquals(3, faults.counts().of("SESV2", "throttled"), "standard mode: three attempts");
            assertEquals(0, backend.calls.get());
        }
    }

    @Test
    void aLostResponseReachedTheServiceAndIsRetriedAsAnIoError() {
        Backend backend = new Backend();
        FaultyHttpClient.Faults faults = new FaultyHttpClient.Faults(4).loseResponses("DYNAMODB", 1.0);
        try (DynamoDbClient client = dynamo(faults.wrap("DYNAMODB", backend))) {
            SdkClientException e = assertThrows(SdkClientException.class, () -> client.getItem(r -> r.tableName("t")
                    .key(Map.of("pk", AttributeValue.fromS("x")))));
            assertInstanceOf(java.io.IOException.class, e.getCause(), e.toString());
            assertEquals(3, backend.calls.get(), "each attempt reached the service");
            assertEquals(3, faults.counts().of("DYNAMODB", "lost"));
        }
        faults.enabled(false);
    }
}
