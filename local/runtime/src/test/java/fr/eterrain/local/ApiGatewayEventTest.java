package fr.eterrain.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.wiring.Wiring.Route;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiGatewayEventTest {
    private static final Route ROUTE = new Route("POST", "/v1/federations/{fed}/signups", "signup", "public");
    private static final Instant NOW = Instant.parse("2026-03-12T19:03:58.123Z");

    private static JsonNode event(String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        return ApiGatewayEvent.of(new IncomingRequest("post", rawPath, rawQuery, "HTTP/1.1", headers, body, "127.0.0.1"),
                ROUTE, Map.of("fed", "06"), 3000, NOW);
    }

    private static Map<String, List<String>> headers(String... nameValues) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            headers.computeIfAbsent(nameValues[i], k -> new ArrayList<>()).add(nameValues[i + 1]);
        }
        return headers;
    }

    @Test
    void topLevelFieldsFollowPayloadFormat2() {
        JsonNode event = event("/v1/federations/06/signups", "a=1&b=x%20y&a=2&flag",
                headers("Content-Type", "application/json", "Host", "localhost:3000", "User-Agent", "curl/8"),
                "{\"email\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals("2.0", event.get("version").asText());
        assertEquals("POST /v1/federations/{fed}/signups", event.get("routeKey").asText());
        assertEquals("/v1/federations/06/signups", event.get("rawPath").asText());
        assertEquals("a=1&b=x%20y&a=2&flag", event.get("rawQueryString").asText(), "raw query stays encoded");
        assertEquals("1,2", event.at("/queryStringParameters/a").asText(), "repeats are comma-joined");
        assertEquals("x y", event.at("/queryStringParameters/b").asText());
        assertEquals("", event.at("/queryStringParameters/flag").asText());
        assertEquals("06", event.at("/pathParameters/fed").asText());
        assertEquals("{\"email\":\"x\"}", event.get("body").asText());
        assertFalse(event.get("isBase64Encoded").asBoolean());
    }

    @Test
    void requestContextLooksLikeApiGateway() {
        JsonNode context = event("/v1/federations/06/signups", null,
                headers("host", "localhost:3000", "user-agent", "curl/8"), null).get("requestContext");
        assertEquals(ApiGatewayEvent.ACCOUNT_ID, context.get("accountId").asText());
        assertEquals("localhost:3000", context.get("domainName").asText());
        assertEquals("localhost", context.get("domainPrefix").asText());
        assertEquals("POST", context.at("/http/method").asText());
        assertEquals("/v1/federations/06/signups", context.at("/http/path").asText());
        assertEquals("HTTP/1.1", context.at("/http/protocol").asText());
        assertEquals("127.0.0.1", context.at("/http/sourceIp").asText());
        assertEquals("curl/8", context.at("/http/userAgent").asText());
        assertEquals("$default", context.get("stage").asText());
        assertEquals("POST /v1/federations/{fed}/signups", context.get("routeKey").asText());
        assertEquals("12/Mar/2026:19:03:58 +0000", context.get("time").asText());
        assertEquals(NOW.toEpochMilli(), context.get("timeEpoch").asLong());
        assertFalse(context.get("requestId").asText().isBlank());
    }

    @Test
    void headersAreLowerCasedJoinedAndCookiesMovedOut() {
        JsonNode event = event("/v1/federations/06/signups", null,
                headers("X-Multi", "a", "x-multi", "b", "Cookie", "s=1; t=2", "Accept", "text/html"), null);
        assertEquals("a,b", event.at("/headers/x-multi").asText());
        assertEquals("text/html", event.at("/headers/accept").asText());
        assertTrue(event.at("/headers/cookie").isMissingNode(), "cookies are not headers in payload 2.0");
        assertEquals("s=1", event.at("/cookies/0").asText());
        assertEquals("t=2", event.at("/cookies/1").asText());
        assertEquals("127.0.0.1", event.at("/headers/x-forwarded-for").asText());
    }

    @Test
    void absentPartsAreLeftOut() {
        JsonNode event = event("/v1/federations/06/signups", null, headers(), new byte[0]);
        assertEquals("", event.get("rawQueryString").asText());
        assertTrue(event.path("body").isMissingNode());
        assertTrue(event.path("queryStringParameters").isMissingNode());
        assertTrue(event.path("cookies").isMissingNode());
        assertFalse(event.get("isBase64Encoded").asBoolean());
    }

    @Test
    void binaryBodiesAreBase64() {
        byte[] bytes = {0, 1, 2, (byte) 0xff};
        JsonNode event = event("/v1/federations/06/signups", null, headers("content-type", "application/octet-stream"), bytes);
        assertTrue(event.get("isBase64Encoded").asBoolean());
        assertEquals(Base64.getEncoder().encodeToString(bytes), event.get("body").asText());
    }

    @Test
    void textualTypesStayText() {
        assertTrue(ApiGatewayEvent.isText("application/x-www-form-urlencoded"));
        assertTrue(ApiGatewayEvent.isText("text/csv; charset=utf-8"));
        assertTrue(ApiGatewayEvent.isText("application/problem+json"));
        assertFalse(ApiGatewayEvent.isText("multipart/form-data; boundary=x"));
        assertFalse(ApiGatewayEvent.isText(null));
    }

    @Test
    void rawPathIsDecoded() {
        assertEquals("/v1/federations/a b/signups",
                event("/v1/federations/a%20b/signups", null, headers(), null).get("rawPath").asText());
    }
}
