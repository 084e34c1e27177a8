package fr.eterrain.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.http.HttpFunction;
import fr.eterrain.core.http.HttpRequest;
import fr.eterrain.core.http.HttpResponse;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.wiring.Wiring.Route;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API stand-in against fake functions: routing, errors and the event handed over, no emulator needed. */
class LocalApiTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicReference<JsonNode> lastEvent = new AtomicReference<>();
    private LocalApi api;

    /** Echoes which function answered; records the event it got. */
    private final class Echo extends HttpFunction {
        private final String name;

        Echo(String name) {
            this.name = name;
        }

        @Override
        public HttpResponse handleEvent(JsonNode event, String invocationId) {
            lastEvent.set(event);
            return super.handleEvent(event, invocationId);
        }

        @Override
        protected HttpResponse handle(HttpRequest request) {
            return HttpResponse.json(200, Json.object().put("function", name).put("id", request.pathParam("id")));
        }
    }

    private static final class Broken extends HttpFunction {
        @Override
        protected HttpResponse handle(HttpRequest request) {
            throw new StackOverflowError("deliberate");
        }
    }

    @BeforeEach
    void start() {
        RouteTable routes = new RouteTable(List.of(
                new Route("GET", "/v1/things/{id}", "things", "public"),
                new Route("POST", "/v1/things/import", "importer", "public"),
                new Route("GET", "/v1/broken", "broken", "public"),
                new Route("GET", "/v1/missing", "missing", "public")));
        Map<String, HttpFunction> functions = Map.of("things", new Echo("things"), "importer", new Echo("importer"),
                "broken", new Broken());
        api = new LocalApi(routes, name -> {
            HttpFunction function = functions.get(name);
            if (function == null) {
                throw new IllegalStateException("function " + name + " failed to initialise");
            }
            return function;
        }, 0);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private java.net.http.HttpResponse<String> send(String method, String path, String body) throws Exception {
        var builder = java.net.http.HttpRequest.newBuilder(URI.create(api.url() + path))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body))
                .header("content-type", "application/json")
                .header("cookie", "a=1");
        return http.send(builder.build(), BodyHandlers.ofString());
    }

    @Test
    void routesToTheFunctionWithAPayload2Event() throws Exception {
        var response = send("GET", "/v1/things/t1?token=secret&x=1", null);
        assertEquals(200, response.statusCode());
        assertEquals("things", Json.parse(response.body()).get("function").asText());
        assertEquals("t1", Json.parse(response.body()).get("id").asText());
        assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
        JsonNode event = lastEvent.get();
        assertEquals("GET /v1/things/{id}", event.get("routeKey").asText());
        assertEquals("token=secret&x=1", event.get("rawQueryString").asText());
        assertEquals("a=1", event.at("/cookies/0").asText());
        assertEquals("t1", event.at("/pathParameters/id").asText());
    }

    @Test
    void literalRouteBeatsParameterRoute() throws Exception {
        var response = send("POST", "/v1/things/import", "{}");
        assertEquals(200, response.statusCode());
        assertEquals("importer", Json.parse(response.body()).get("function").asText());
        assertEquals("{}", lastEvent.get().get("body").asText());
    }

    @Test
    void unknownPathIs404Json() throws Exception {
        var response = send("GET", "/v1/nothing", null);
        assertEquals(404, response.statusCode());
        JsonNode body = Json.parse(response.body());
        assertEquals("not_found", body.get("code").asText());
        assertTrue(body.has("message"));
        assertTrue(body.get("field").isNull());
    }

    @Test
    void wrongMethodIs405JsonWithAllow() throws Exception {
        var response = send("DELETE", "/v1/things/t1", null);
        assertEquals(405, response.statusCode());
        assertEquals("GET", response.headers().firstValue("allow").orElseThrow());
        JsonNode body = Json.parse(response.body());
        assertEquals("method_not_allowed", body.get("code").asText());
        assertTrue(body.get("field").isNull());
    }

    @Test
    void aFailingFunctionNeverTakesTheServerDown() throws Exception {
        var broken = send("GET", "/v1/broken", null);
        assertEquals(500, broken.statusCode());
        assertEquals("internal_error", Json.parse(broken.body()).get("code").asText());
        var missing = send("GET", "/v1/missing", null);
        assertEquals(500, missing.statusCode());
        assertEquals(200, send("GET", "/v1/things/t2", null).statusCode(), "still serving");
    }

    @Test
    void untilTheStackIsUpEveryRequestIs503AndNoFunctionRuns() throws Exception {
        LocalApi starting = new LocalApi(new RouteTable(List.of(new Route("GET", "/v1/things/{id}", "things", "public"))),
                name -> new Echo(name), 0, false);
        try {
            lastEvent.set(null);
            var early = http.send(java.net.http.HttpRequest.newBuilder(URI.create(starting.url() + "/v1/things/t1")).build(),
                    BodyHandlers.ofString());
            assertEquals(503, early.statusCode());
            assertEquals("starting", Json.parse(early.body()).get("code").asText());
            assertEquals("1", early.headers().firstValue("retry-after").orElseThrow());
            assertEquals(null, lastEvent.get(), "no function saw a request before provisioning ended");
            starting.ready();
            assertEquals(200, http.send(java.net.http.HttpRequest.newBuilder(URI.create(starting.url() + "/v1/things/t1")).build(),
                    BodyHandlers.ofString()).statusCode());
        } finally {
            starting.close();
        }
    }
}
