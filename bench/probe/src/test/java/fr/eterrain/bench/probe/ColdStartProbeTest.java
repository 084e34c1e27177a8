package fr.eterrain.bench.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ColdStartProbeTest {
    @Test
    void statusIsThePayloadsStatusCode() {
        assertEquals(302, ColdStartProbe.statusCode(bytes("{\"statusCode\": 302,\"headers\":{}}")));
        assertEquals(-1, ColdStartProbe.statusCode(bytes("{\"sent\":3}")));
        assertEquals(-1, ColdStartProbe.statusCode(bytes("null")));
    }

    @Test
    void helloAnswersTwoHundred() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new HelloHandler().handleRequest(new ByteArrayInputStream(bytes("{}")), out, null);
        assertEquals(200, ColdStartProbe.statusCode(out.toByteArray()));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
