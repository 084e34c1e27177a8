package fr.eterrain.core.aws.lite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** Our signature is the SDK's own, byte for byte, for the JSON protocol's POSTs (the SDK is only on the test path). */
class SigV4Test {
    private static final Instant NOW = Instant.parse("2026-12-02T10:15:30Z");
    private static final byte[] BODY = "{\"TableName\":\"eterrain-dev-fed-06\",\"Key\":{\"pk\":{\"S\":\"é\"}}}"
            .getBytes(StandardCharsets.UTF_8);

    private static SignedRequest sdk(URI uri, AwsCredentialsIdentity identity, String service) {
        return AwsV4HttpSigner.create().sign(r -> r.identity(identity)
                .request(SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri)
                        .putHeader("Content-Type", "application/x-amz-json-1.0")
                        .putHeader("X-Amz-Target", "DynamoDB_20120810.GetItem").build())
                .payload(ContentStreamProvider.fromByteArray(BODY))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-3")
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    /** The headers the SDK signed beyond ours (a payload hash header, if it adds one) are handed to ours too. */
    private static Map<String, String> ours(SignedRequest sdk, URI uri, SigV4.Credentials credentials, String service) {
        Map<String, String> headers = new HashMap<>();
        sdk.request().forEachHeader((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.equals("authorization") && !lower.equals("host") && !lower.equals("x-amz-date")
                    && !lower.equals("x-amz-security-token")) {
                headers.put(name, values.get(0));
            }
        });
        return SigV4.sign("POST", uri, headers, BODY, credentials, "eu-west-3", service, NOW);
    }

    @Test
    void signsAsTheSdkDoesWithLongTermKeys() {
        URI uri = URI.create("https://dynamodb.eu-west-3.amazonaws.com/");
        SignedRequest sdk = sdk(uri, AwsCredentialsIdentity.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"), "dynamodb");
        Map<String, String> ours = ours(sdk, uri, new SigV4.Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null), "dynamodb");
        assertEquals(sdk.request().firstMatchingHeader("Authorization").orElseThrow(), ours.get("authorization"));
        assertEquals("20261202T101530Z", ours.get("x-amz-date"));
        assertFalse(ours.containsKey("host"), "the HTTP client writes Host itself");
    }

    @Test
    void signsAsTheSdkDoesWithASessionTokenAndAnExplicitPort() {
        URI uri = URI.create("http://localhost:4566/");
        SignedRequest sdk = sdk(uri, AwsSessionCredentialsIdentity.create("ASIAEXAMPLE", "secret", "token/with+chars="), "secretsmanager");
        Map<String, String> ours = ours(sdk, uri, new SigV4.Credentials("ASIAEXAMPLE", "secret", "token/with+chars="), "secretsmanager");
        assertEquals(sdk.request().firstMatchingHeader("Authorization").orElseThrow(), ours.get("authorization"));
        assertEquals("token/with+chars=", ours.get("x-amz-security-token"));
    }

    @Test
    void anotherBodyOrRegionIsAnotherSignature() {
        URI uri = URI.create("https://dynamodb.eu-west-3.amazonaws.com/");
        SigV4.Credentials keys = new SigV4.Credentials("AKID", "secret", null);
        Map<String, String> headers = Map.of("content-type", "application/x-amz-json-1.0");
        String a = SigV4.sign("POST", uri, headers, BODY, keys, "eu-west-3", "dynamodb", NOW).get("authorization");
        String b = SigV4.sign("POST", uri, headers, "{}".getBytes(StandardCharsets.UTF_8), keys, "eu-west-3", "dynamodb", NOW).get("authorization");
        String c = SigV4.sign("POST", uri, headers, BODY, keys, "eu-west-1", "dynamodb", NOW).get("authorization");
        assertNotEquals(a, b);
        assertNotEquals(a, c);
    }
}
