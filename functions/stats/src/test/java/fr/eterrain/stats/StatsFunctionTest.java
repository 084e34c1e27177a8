package fr.eterrain.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.access.Access;
import fr.eterrain.core.access.ApiKeys;
import fr.eterrain.core.http.HttpResponse;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.stats.Statistics;
import fr.eterrain.core.testing.Fakes;
import fr.eterrain.core.testing.InMemoryTracking;
import fr.eterrain.core.testing.TestCore;
import fr.eterrain.core.tracking.StatsKeys;
import fr.eterrain.core.tracking.TrackingStore.Increment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The handler over in-memory fakes: who may read what, JSON and CSV, CORS for the static site. */
class StatsFunctionTest {
    private final TestCore core = new TestCore();
    private final InMemoryTracking store = new InMemoryTracking();
    private final Fakes.Audit audit = new Fakes.Audit();
    private final ApiKeys keys = new ApiKeys(new Fakes.Keys(), core.clock);
    private final StatsFunction function = new StatsFunction(new Access(keys, core.federations, audit, core.hash, core.clock),
            new Statistics(store, core.federations), new StatsCors(List.of("https://stats.example")), core.clock);

    StatsFunctionTest() {
        store.newsletter("06", "nl1", "sent", Instant.parse("2026-11-20T08:00:00Z"), List.of("https://example.org/a"),
                Map.of("sent", 10L, "delivered", 10L));
        store.apply(new Increment("06", "nl1", Map.of(StatsKeys.UNIQUE_OPENS, 4L, StatsKeys.OPENS, 6L, StatsKeys.linkClicks(0), 2L),
                null, List.of(), false, core.clock.instant()));
    }

    private static ObjectNode sample() throws IOException {
        return (ObjectNode) Json.parse(Files.readString(Path.of("../../events/stats-federation.json")));
    }

    private HttpResponse call(String method, String routeKey, String path, Map<String, String> params, Map<String, String> query,
                              String key, String origin) throws IOException {
        ObjectNode event = sample();
        event.put("routeKey", method + " " + routeKey);
        event.put("rawPath", path);
        ((ObjectNode) event.at("/requestContext/http")).put("method", method);
        ObjectNode headers = (ObjectNode) event.get("headers");
        headers.remove("authorization");
        if (key != null) {
            headers.put("authorization", "Bearer " + key);
        }
        if (origin != null) {
            headers.put("origin", origin);
        }
        event.set("pathParameters", Json.mapper().valueToTree(params));
        event.set("queryStringParameters", Json.mapper().valueToTree(query));
        event.put("rawQueryString", "");
        return function.handleEvent(event, "test");
    }

    private HttpResponse get(String routeKey, String path, Map<String, String> params, Map<String, String> query, String key)
            throws IOException {
        return call("GET", routeKey, path, params, query, key, null);
    }

    @Test
    void aFederationReadsItsOwnFiguresAndEveryReadIsAudited() throws IOException {
        String key06 = keys.issue("06", "t", "t").secret();
        HttpResponse r = get("/v1/federations/{fed}/newsletters/{id}/stats", "/v1/federations/06/newsletters/nl1/stats",
                Map.of("fed", "06", "id", "nl1"), Map.of(), key06);
        assertEquals(200, r.status(), r.body());
        JsonNode body = Json.parse(r.body());
        assertEquals(4, body.at("/opens/unique").asLong());
        assertEquals(0.4, body.at("/rates/open").asDouble());
        assertEquals(2, body.at("/links/0/clicks").asLong());
        assertEquals(1, audit.entries.size());
        assertNull(audit.entries.get(0).target(), "aggregates: no person involved");

        HttpResponse fed = get("/v1/federations/{fed}/stats", "/v1/federations/06/stats", Map.of("fed", "06"),
                Map.of("from", "2026-01-01", "to", "2026-11-30"), key06);
        assertEquals(200, fed.status(), fed.body());
        assertEquals(1, Json.parse(fed.body()).at("/totals/newsletters").asLong());
        assertEquals(11, Json.parse(fed.body()).get("months").size());
    }

    @Test
    void refusalsAreClearAndChangeNothing() throws IOException {
        String key13 = keys.issue("13", "t", "t").secret();
        Map<String, String> nl = Map.of("fed", "06", "id", "nl1");
        String route = "/v1/federations/{fed}/newsletters/{id}/stats";
        String path = "/v1/federations/06/newsletters/nl1/stats";
        assertEquals(401, get(route, path, nl, Map.of(), null).status());
        assertEquals(403, get(route, path, nl, Map.of(), key13).status());
        assertEquals(403, get("/v1/national/stats", "/v1/national/stats", Map.of(), Map.of(), key13).status());
        String hq = keys.issue("HQ", "t", "t").secret();
        assertEquals(404, get(route, path, Map.of("fed", "06", "id", "nope"), Map.of(), hq).status());
        assertEquals(404, get(route, path, Map.of("fed", "99", "id", "nl1"), Map.of(), hq).status());
        HttpResponse badDate = get("/v1/federations/{fed}/stats", "/v1/federations/06/stats", Map.of("fed", "06"),
                Map.of("from", "yesterday"), hq);
        assertEquals(400, badDate.status());
        assertEquals("from", Json.parse(badDate.body()).get("field").asText());
        HttpResponse badFormat = get("/v1/national/stats", "/v1/national/stats", Map.of(), Map.of("format", "xlsx"), hq);
        assertEquals("format", Json.parse(badFormat.body()).get("field").asText());
        assertEquals(0, audit.entries.size());
    }

    @Test
    void hqGetsTheNationalTableAsJsonOrCsv() throws IOException {
        String hq = keys.issue("HQ", "t", "t").secret();
        HttpResponse json = get("/v1/national/stats", "/v1/national/stats", Map.of(), Map.of(), hq);
        assertEquals(200, json.status(), json.body());
        assertEquals(102, Json.parse(json.body()).get("federations").size());
        HttpResponse csv = get("/v1/national/stats", "/v1/national/stats", Map.of(), Map.of("format", "csv"), hq);
        assertEquals("text/csv; charset=utf-8", csv.headers().get("content-type"));
        assertTrue(csv.headers().get("content-disposition").contains("statistiques-nationales.csv"));
        assertEquals(103, csv.body().split("\r\n").length, "a header and one row per federation");
    }

    @Test
    void theStaticSiteOnItsOwnOriginMayCallOnlyWhenConfigured() throws IOException {
        String hq = keys.issue("HQ", "t", "t").secret();
        HttpResponse preflight = call("OPTIONS", "/v1/national/stats", "/v1/national/stats", Map.of(), Map.of(), null, "https://stats.example");
        assertEquals(204, preflight.status());
        assertEquals("https://stats.example", preflight.headers().get("access-control-allow-origin"));
        assertTrue(preflight.headers().get("access-control-allow-headers").contains("authorization"));
        HttpResponse denied = call("GET", "/v1/national/stats", "/v1/national/stats", Map.of(), Map.of(), null, "https://stats.example");
        assertEquals(401, denied.status());
        assertEquals("https://stats.example", denied.headers().get("access-control-allow-origin"), "the page can read why");
        HttpResponse other = call("GET", "/v1/national/stats", "/v1/national/stats", Map.of(), Map.of(), hq, "https://evil.example");
        assertNull(other.headers().get("access-control-allow-origin"));
    }
}
