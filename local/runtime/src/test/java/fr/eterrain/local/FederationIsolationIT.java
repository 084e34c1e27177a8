package fr.eterrain.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.eterrain.core.json.Json;
import fr.eterrain.core.wiring.Wiring;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Every keyed route of the wiring table: no key → 401, another federation's key → 403, unknown federation → 404. */
class FederationIsolationIT {
    /** Shared by design, with any key (never without): the approved library and the national selections. */
    private static final java.util.Set<String> SHARED = java.util.Set.of("GET /v1/contents", "GET /v1/contents/{fed}/{id}",
            "GET /v1/selections/latest", "GET /v1/selections/{period}");

    private final TestStack stack = TestStack.get();
    private final Contacts contacts = new Contacts(stack);

    private static String body(Wiring.Route route) {
        return switch (route.path()) {
            case "/v1/federations/{fed}/contacts/{id}" -> "{\"firstName\":\"Intrus\"}";
            case "/v1/federations/{fed}" -> "{\"allowedOrigins\":[\"https://evil.example\"]}";
            case "/v1/api-keys" -> "{\"scope\":\"13\",\"label\":\"x\"}";
            case "/v1/federations/{fed}/newsletters", "/v1/federations/{fed}/newsletters/{id}" ->
                    "{\"subject\":\"x\",\"blocks\":[{\"type\":\"heading\",\"text\":\"x\"}]}";
            default -> route.path().endsWith("/import") ? "email\nx@example.org\n" : null;
        };
    }

    private HttpResponse<String> call(Wiring.Route route, String fed, String contactId, String keyId, String key) {
        String path = route.path().replace("{fed}", fed).replace("{id}", contactId).replace("{keyId}", keyId)
                .replace("{period}", "2026-W48")
                + (route.routeKey().equals("GET /v1/api-keys") ? "?scope=" + fed : "");
        String body = body(route);
        String type = body == null ? null : route.path().endsWith("/import") ? "text/csv" : "application/json";
        return key == null ? stack.send(route.method(), path, type, body)
                : stack.send(route.method(), path, type, body, TestStack.bearer(key));
    }

    @Test
    void aFederationKeyNeverReachesAnotherFederation() {
        String victim = contacts.confirmedContact("13", TestStack.uniqueEmail("victim"), false);
        String key06 = stack.issueKey("06");
        String key13 = stack.issueKey("13");
        String key13Id = key13.substring(3, key13.indexOf('_', 3));
        int checked = 0;
        for (Wiring.Route route : Wiring.load().routes()) {
            // Blackouts are HQ's calendar, readable by every key: not a federation's data.
            if (route.access().equals("public") || route.routeKey().equals("GET /v1/blackouts")) {
                continue;
            }
            if (SHARED.contains(route.routeKey())) {
                assertEquals(401, call(route, "13", victim, key13Id, null).statusCode(), "no key: " + route.routeKey());
                int status = call(route, "13", victim, key13Id, key06).statusCode();
                assertTrue(status == 200 || status == 404, "shared route " + route.routeKey() + " -> " + status);
                continue;
            }
            assertEquals(401, call(route, "13", victim, key13Id, null).statusCode(), "no key: " + route.routeKey());
            HttpResponse<String> foreign = call(route, "13", victim, key13Id, key06);
            int expected = route.path().equals("/v1/api-keys/{keyId}") ? 404 : 403;
            assertEquals(expected, foreign.statusCode(), "06 key on 13: " + route.routeKey() + " " + foreign.body());
            assertTrue(Json.parse(foreign.body()).has("code"));
            checked++;
        }
        assertTrue(checked >= 10, "every keyed route was tried");
        // The victim is untouched and the 13 key still works: the refusals changed nothing.
        assertEquals("Marie", Json.parse(stack.get("/v1/federations/13/contacts/" + victim, TestStack.bearer(key13)).body())
                .get("firstName").asText());
    }

    @Test
    void hqReachesEveryFederationAndEachAccessIsAudited() {
        String id = contacts.confirmedContact("971", TestStack.uniqueEmail("audit"), false);
        String hq = stack.issueKey("HQ");
        assertEquals(200, stack.get("/v1/federations/971/contacts/" + id, TestStack.bearer(hq)).statusCode());
        assertEquals(404, stack.get("/v1/federations/999/contacts", TestStack.bearer(hq)).statusCode());
        var entries = Json.parse(stack.get("/v1/federations/971/audit", TestStack.bearer(stack.issueKey("971"))).body()).get("entries");
        String target = contacts.platform().access().targetOf(id);
        boolean found = false;
        for (var e : entries) {
            found |= e.get("role").asText().equals("hq") && target.equals(e.get("target").asText())
                    && e.get("action").asText().equals("GET /v1/federations/{fed}/contacts/{id}");
        }
        assertTrue(found, "the HQ read is in 971's audit log: " + entries);
    }

    @Test
    void listingKeysOfAnUnknownScopeIsNotFound() {
        String hq = stack.issueKey("HQ");
        assertEquals(404, stack.get("/v1/api-keys?scope=ZZ", TestStack.bearer(hq)).statusCode());
        assertEquals(404, stack.get("/v1/api-keys?scope=" + "9".repeat(3000), TestStack.bearer(hq)).statusCode());
        assertEquals(200, stack.get("/v1/api-keys?scope=06", TestStack.bearer(hq)).statusCode());
    }

    @Test
    void revokedKeysStopWorking() {
        String hq = stack.issueKey("HQ");
        var issued = Json.parse(stack.post("/v1/api-keys", "application/json", "{\"scope\":\"06\",\"label\":\"site\"}",
                TestStack.bearer(hq)).body());
        String key = issued.get("key").asText();
        assertEquals(200, stack.get("/v1/api-keys", TestStack.bearer(key)).statusCode());
        assertEquals(204, stack.send("DELETE", "/v1/api-keys/" + issued.get("keyId").asText(), null, null,
                TestStack.bearer(hq)).statusCode());
        // Verified keys are cached 30 s per container; a fresh container (the contacts function here) refuses at once.
        assertEquals(401, stack.get("/v1/federations/06/contacts", TestStack.bearer(key)).statusCode());
    }
}
