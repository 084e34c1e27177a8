package fr.eterrain.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import fr.eterrain.core.json.Json;
import org.junit.jupiter.api.Test;

class HttpFunctionTest {
    private final HttpFunction echo = new HttpFunction() {
        @Override
        protected HttpResponse handle(HttpRequest request) {
            if ("/boom".equals(request.path())) {
                throw new IllegalStateException("secret internal detail");
            }
            return HttpResponse.json(200, request.jsonBody());
        }
    };

    private static String event(String path, String body) {
        return """
                {"version":"2.0","routeKey":"POST %s","rawPath":"%s","headers":{"Content-Type":"application/json"},
                 "requestContext":{"requestId":"r1","http":{"method":"POST","path":"%s","sourceIp":"1.2.3.4"}},
                 "body":%s,"isBase64Encoded":false}
                """.formatted(path, path, path, Json.write(body));
    }

    @Test
    void refusalsAreClearJsonAndFailuresLeakNothing() {
        HttpResponse malformed = echo.handleEvent(Json.parse(event("/x", "{not json")), "i");
        assertEquals(400, malformed.status());
        assertEquals("malformed_json", Json.parse(malformed.body()).get("code").asText());
        assertEquals(true, Json.parse(malformed.body()).has("field"));

        HttpResponse tooBig = echo.handleEvent(Json.parse(event("/x", "{\"a\":\"" + "x".repeat(70_000) + "\"}")), "i");
        assertEquals(413, tooBig.status());

        HttpResponse boom = echo.handleEvent(Json.parse(event("/boom", "{}")), "i");
        assertEquals(500, boom.status());
        assertFalse(boom.body().contains("secret internal detail"));

        assertEquals(400, echo.handleEvent(Json.parse("[1]"), "i").status());
        assertEquals(400, echo.handleEvent(null, "i").status());
    }

    /** A page (or the open pixel) answers every refusal its own way, including those made before its handler runs. */
    @Test
    void refusalsBeforeTheHandlerGoThroughOnRefusalToo() {
        HttpFunction pixel = new HttpFunction() {
            @Override
            protected HttpResponse handle(HttpRequest request) {
                return HttpResponse.binary(200, "image/gif", new byte[] {1});
            }

            @Override
            protected HttpResponse onRefusal(ApiException e) {
                return HttpResponse.binary(200, "image/gif", new byte[] {(byte) e.status()});
            }
        };
        HttpResponse tooBig = pixel.handleEvent(Json.parse(event("/o/t", "x".repeat(70_000))), "i");
        assertEquals(200, tooBig.status());
        assertEquals("image/gif", tooBig.headers().get("content-type"));
        assertEquals((byte) 413, tooBig.bytes()[0]);
        assertEquals((byte) 400, pixel.handleEvent(Json.parse("\"not an event\""), "i").bytes()[0]);
    }

    /** The request id goes to the logs and into the audit log's keys: only API Gateway's short ids are taken. */
    @Test
    void onlyAWellFormedRequestIdIsTrusted() {
        String event = event("/x", "{}");
        assertEquals("r1", HttpRequest.fromEvent(Json.parse(event)).requestId());
        assertEquals("JKJaXmPLvHcESHA=", HttpRequest.fromEvent(Json.parse(event.replace("\"r1\"", "\"JKJaXmPLvHcESHA=\""))).requestId());
        for (String odd : new String[] {"x".repeat(20_000), "", "a#b", "a b", "é", "{}"}) {
            assertNull(HttpRequest.fromEvent(Json.parse(event.replace("\"r1\"", Json.write(odd)))).requestId(), odd);
        }
        assertNull(HttpRequest.fromEvent(Json.parse(event.replace("\"r1\"", "{\"a\":1}"))).requestId());
    }
}
