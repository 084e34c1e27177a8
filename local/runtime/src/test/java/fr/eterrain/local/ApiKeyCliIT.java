package fr.eterrain.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `make api-key` against a running stack: a key for a real federation only, and a clear word when none answers. */
class ApiKeyCliIT {
    private final TestStack stack = TestStack.get();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String fed, Map<String, String> env) {
        return ApiKeyCli.run(new String[] {fed}, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** The environment of a shell pointing `make api-key` at the test stack's ports and tables. */
    private Map<String, String> stackEnv() {
        return Map.of("PORT", Integer.toString(URI.create(stack.apiUrl()).getPort()),
                "EVENTS_PORT", Integer.toString(stack.settings().endpoint("EVENTBRIDGE").orElseThrow().getPort()),
                "DYNAMODB_PORT", Integer.toString(stack.settings().endpoint(Emulators.DYNAMODB).orElseThrow().getPort()),
                "S3_PORT", Integer.toString(stack.settings().endpoint(Emulators.S3).orElseThrow().getPort()),
                "SES_PORT", Integer.toString(stack.settings().endpoint(Emulators.SES).orElseThrow().getPort()),
                "TABLE_PREFIX", stack.settings().tablePrefix());
    }

    @Test
    void anUnknownFederationGetsNoKey() {
        assertEquals(1, run("99", stackEnv()));
        assertEquals("", out.toString(StandardCharsets.UTF_8), "no key printed");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("No federation 99"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aRealFederationOrHqGetsOne() {
        assertEquals(0, run("06", stackEnv()));
        String key = out.toString(StandardCharsets.UTF_8).strip();
        assertTrue(key.startsWith("et_"), key);
        assertEquals(200, stack.get("/v1/federations/06/contacts", TestStack.bearer(key)).statusCode());
        assertEquals(0, run("hq", stackEnv()));
    }

    @Test
    void withNoStackOnThatPortItSaysWhichPortItTried() {
        int nothing = Ports.free();
        assertEquals(1, run("06", Map.of("PORT", Integer.toString(nothing))));
        String said = err.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("No local stack answers on PORT=" + nothing), said);
    }
}
