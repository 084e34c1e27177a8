package fr.eterrain.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
}
