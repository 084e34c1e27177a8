package fr.eterrain.bench.probe;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The cold-start reference: the smallest stream handler there is. It drains the event and answers a constant
 * payload 2.0 response, with no library beyond aws-lambda-java-core.
 */
public final class HelloHandler implements RequestStreamHandler {
    static final byte[] ANSWER = ("{\"statusCode\":200,\"headers\":{\"content-type\":\"application/json\"},"
            + "\"body\":\"{\\\"hello\\\":\\\"world\\\"}\",\"isBase64Encoded\":false}").getBytes(StandardCharsets.UTF_8);

    public HelloHandler() {
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        output.write(ANSWER);
    }
}
