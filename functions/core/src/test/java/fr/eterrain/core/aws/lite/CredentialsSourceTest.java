package fr.eterrain.core.aws.lite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keys as Lambda gives them: with SnapStart only through the container credentials endpoint (no access keys in the
 * environment), otherwise in the environment.
 */
class CredentialsSourceTest {

    @Test
    void aSnapStartFunctionTakesItsKeysFromTheContainerEndpointKeepsThemAndForgetsThemAfterARestore() throws IOException {
        List<String> tokens = new ArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/creds", exchange -> {
            tokens.add(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] out = ("{\"AccessKeyId\":\"ASIA" + tokens.size() + "\",\"SecretAccessKey\":\"s\",\"Token\":\"t\","
                    + "\"Expiration\":\"2999-01-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        });
        server.start();
        try {
            Map<String, String> env = new HashMap<>(Map.of(
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:" + server.getAddress().getPort() + "/creds",
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN", "secret-token"));
            CredentialsSource source = new CredentialsSource(env::get, false, Clock.systemUTC());
            SigV4.Credentials first = source.get();
            assertEquals("ASIA1", first.accessKeyId());
            assertEquals("t", first.sessionToken());
            assertEquals("ASIA1", source.get().accessKeyId(), "kept until near expiry");
            source.forget();
            assertEquals("ASIA2", source.get().accessKeyId(), "asked again after a restore");
            assertEquals(List.of("secret-token", "secret-token"), tokens);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void otherwiseTheEnvironmentsKeysAndAClearErrorWithoutThem() {
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "AKID", "AWS_SECRET_ACCESS_KEY", "secret");
        SigV4.Credentials keys = new CredentialsSource(env::get, false, Clock.systemUTC()).get();
        assertEquals("AKID", keys.accessKeyId());
        assertNull(keys.sessionToken());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new CredentialsSource(name -> null, false, Clock.systemUTC()).get());
        assertTrue(e.getMessage().contains("AWS_CONTAINER_CREDENTIALS_FULL_URI"));
        assertEquals("local", new CredentialsSource(name -> null, true, Clock.systemUTC()).get().accessKeyId(),
                "the emulators take any key");
    }
}
