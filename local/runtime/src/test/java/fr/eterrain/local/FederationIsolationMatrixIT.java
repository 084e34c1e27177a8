package fr.eterrain.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.Platform;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.wiring.Wiring;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every route of the wiring table × every kind of key: none, malformed, unknown key id, right key id with a wrong
 * secret, revoked, another federation's, the federation's own, HQ's. Federation routes answer 401 to the first
 * five and 403 to another federation's key; HQ routes 403 to any federation key; public routes answer the same
 * whatever the key. Own and HQ keys get the route's real answer (an exact status, checked per route). No answer to
 * a key other than the owner's or HQ's carries anything of the federation's data, and no answer about one
 * federation carries anything of another's. Every route must have a row here: a new route fails the test until
 * it is given one.
 */
@Tag("reliability")
class FederationIsolationMatrixIT {
    private static final String OWN = "14";
    private static final String OTHER = "15";
    private static final String NO_NEWSLETTER = "nNoSuchLetter1";
    private static final String NO_CONTENT = "k0000000000000000";

    /** Any key (never none) reads these: the approved library, the national selections, HQ's blackout calendar. */
    private static final Set<String> SHARED = Set.of("GET /v1/contents", "GET /v1/contents/{fed}/{id}",
            "GET /v1/selections/latest", "GET /v1/selections/{period}", "GET /v1/blackouts");

    enum KeyKind { NONE, MALFORMED, UNKNOWN_ID, WRONG_SECRET, REVOKED, FOREIGN, OWN, HQ;

        boolean invalid() {
            return ordinal() <= REVOKED.ordinal();
        }
    }

    /** How to call one route: its path ids and body; and what the owner's and HQ's keys must get. */
    record Row(String id, String body, String contentType, int own, int hq) {
        static Row of(int own, int hq) {
            return new Row(null, null, null, own, hq);
        }

        static Row json(String body, int own, int hq) {
            return new Row(null, body, "application/json", own, hq);
        }

        Row id(String value) {
            return new Row(value, body, contentType, own, hq);
        }
    }

    private final TestStack stack = TestStack.get();
    private final Contacts contacts = new Contacts(stack);
    private final Platform platform = contacts.platform();

    /** What one federation holds, all of it unique to this run. */
    record Seed(String fed, String email, String contactId, String lastName, String newsletterId, String subject,
                String contentId, String contentTitle, String keyId, String key) {
        List<String> secrets() {
            return List.of(email, contactId, lastName, newsletterId, subject, contentId, contentTitle);
        }
    }

    private Seed seed(String fed) {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String email = TestStack.uniqueEmail("iso" + fed);
        String contactId = contacts.confirmedContact(fed, email, true);
        String lastName = "Nomsecret" + unique;
        var issued = platform.apiKeys().issue(fed, "matrix-" + unique, "test");
        String key = issued.secret();
        assertEquals(200, stack.send("PATCH", "/v1/federations/" + fed + "/contacts/" + contactId, "application/json",
                "{\"lastName\":\"" + lastName + "\",\"tags\":[\"iso" + unique + "\"]}", TestStack.bearer(key)).statusCode());
        String subject = "Sujet secret " + unique;
        HttpResponse<String> nl = stack.post("/v1/federations/" + fed + "/newsletters", "application/json",
                "{\"subject\":\"" + subject + "\",\"segment\":{\"tags\":[\"iso" + unique + "\"]},"
                        + "\"blocks\":[{\"type\":\"heading\",\"text\":\"Bonjour\"}]}", TestStack.bearer(key));
        assertEquals(201, nl.statusCode(), nl.body());
        String title = "Titre secret " + unique;
        byte[] bytes = ("contenu " + unique).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        JsonNode content = new ContentSteps(stack).create(fed, key,
                ContentSteps.body(title, "text", "note.txt", "text/plain", bytes));
        return new Seed(fed, email, contactId, lastName, Json.parse(nl.body()).get("id").asText(), subject,
                content.at("/content/id").asText(), title, issued.keyId(), key);
    }

    /** The row of each route; the ids of the seeded federation are filled in at call time. */
    private static Map<String, Row> rows(Seed own) {
        String draft = "{\"subject\":\"" + own.subject() + "\",\"blocks\":[{\"type\":\"heading\",\"text\":\"Bonjour\"}]}";
        Map<String, Row> rows = new LinkedHashMap<>();
        // Public: no key needed, none honoured. Bodies and queries that are refused before anything happens.
        rows.put("POST /v1/federations/{fed}/signups", Row.json("{}", 400, 400));
        rows.put("OPTIONS /v1/federations/{fed}/signups", Row.of(204, 204));
        rows.put("GET /v1/federations/{fed}/signups/thanks", Row.of(200, 200));
        rows.put("GET /v1/confirm", Row.of(400, 400));
        rows.put("POST /v1/confirm", Row.of(400, 400));
        rows.put("GET /v1/unsubscribe", Row.of(400, 400));
        rows.put("POST /v1/unsubscribe", Row.of(400, 400));
        rows.put("GET /v1/federations", Row.of(200, 200));
        rows.put("GET /v1/federations/{fed}", Row.of(200, 200));
        rows.put("GET /v1/federations/{fed}/signup-form", Row.of(200, 200));
        rows.put("GET /v1/openapi.json", Row.of(200, 200));
        rows.put("GET /v1/o/{token}", Row.of(200, 200));
        rows.put("HEAD /v1/o/{token}", Row.of(200, 200));
        rows.put("GET /v1/c/{token}", Row.of(404, 404));
        rows.put("HEAD /v1/c/{token}", Row.of(404, 404));
        rows.put("OPTIONS /v1/federations/{fed}/newsletters/{id}/stats", Row.of(204, 204).id(own.newsletterId()));
        rows.put("OPTIONS /v1/federations/{fed}/stats", Row.of(204, 204));
        rows.put("OPTIONS /v1/national/stats", Row.of(204, 204));
        rows.put("GET /v1/contents/{fed}/{id}/thumbnail", Row.of(404, 404).id(NO_CONTENT));
        rows.put("GET /v1/contents/{fed}/{id}/page", Row.of(404, 404).id(NO_CONTENT));
        // HQ only. Bodies refused after the key is checked (400), or ids that do not exist (404): no side effect.
        rows.put("PATCH /v1/federations/{fed}", Row.json("{\"allowedOrigins\":\"pas une liste\"}", 403, 400));
        rows.put("POST /v1/federations/{fed}/sending/resume", Row.of(403, 204));
        rows.put("POST /v1/blackouts", Row.json("{}", 403, 400));
        rows.put("DELETE /v1/blackouts/{id}", Row.of(403, 404).id("bNoSuchOne"));
        rows.put("GET /v1/national/stats", Row.of(403, 200));
        rows.put("GET /v1/contents/review", Row.of(403, 200));
        rows.put("POST /v1/contents/{fed}/{id}/decisions", Row.json("{\"decision\":\"approve\"}", 403, 404).id(NO_CONTENT));
        rows.put("POST /v1/api-keys", Row.json("{\"scope\":\"" + own.fed() + "\",\"label\":\"matrix\"}", 403, 201));
        // The federation's own.
        rows.put("GET /v1/federations/{fed}/contacts", Row.of(200, 200));
        rows.put("POST /v1/federations/{fed}/contacts/import", new Row(null, "email;prenom\n", "text/csv", 200, 200));
        rows.put("GET /v1/federations/{fed}/contacts/{id}", Row.of(200, 200).id(own.contactId()));
        rows.put("PATCH /v1/federations/{fed}/contacts/{id}", Row.json("{\"lastName\":\"" + own.lastName() + "\"}", 200, 200)
                .id(own.contactId()));
        rows.put("DELETE /v1/federations/{fed}/contacts/{id}", Row.of(204, 204)); // a throwaway contact per key
        rows.put("GET /v1/federations/{fed}/contacts/{id}/export", Row.of(200, 200).id(own.contactId()));
        rows.put("GET /v1/federations/{fed}/audit", Row.of(200, 200));
        rows.put("POST /v1/federations/{fed}/newsletters", Row.json(draft, 201, 201));
        rows.put("GET /v1/federations/{fed}/newsletters", Row.of(200, 200));
        rows.put("GET /v1/federations/{fed}/newsletters/{id}", Row.of(200, 200).id(own.newsletterId()));
        rows.put("PATCH /v1/federations/{fed}/newsletters/{id}", Row.json(draft, 200, 200).id(own.newsletterId()));
        rows.put("GET /v1/federations/{fed}/newsletters/{id}/preview", Row.of(200, 200).id(own.newsletterId()));
        rows.put("GET /v1/federations/{fed}/newsletters/{id}/audience", Row.of(200, 200).id(own.newsletterId()));
        rows.put("POST /v1/federations/{fed}/newsletters/{id}/test", Row.json("{\"addresses\":[\"relecture@example.org\"]}",
                200, 200).id(own.newsletterId()));
        rows.put("POST /v1/federations/{fed}/newsletters/{id}/send", Row.json("{}", 404, 404).id(NO_NEWSLETTER));
        rows.put("POST /v1/federations/{fed}/newsletters/{id}/cancel", Row.of(404, 404).id(NO_NEWSLETTER));
        rows.put("POST /v1/federations/{fed}/audience", Row.json("{\"segment\":{\"tags\":[\"x\"]}}", 200, 200));
        rows.put("GET /v1/federations/{fed}/newsletters/{id}/stats", Row.of(200, 200).id(own.newsletterId()));
        rows.put("GET /v1/federations/{fed}/stats", Row.of(200, 200));
        rows.put("POST /v1/federations/{fed}/contents", Row.json(ContentSteps.body("Autre " + own.contentTitle(), "text",
                "autre.txt", "text/plain", new byte[] {1, 2, 3}), 201, 201));
        rows.put("GET /v1/federations/{fed}/contents", Row.of(200, 200));
        rows.put("GET /v1/federations/{fed}/contents/{id}", Row.of(200, 200).id(own.contentId()));
        rows.put("POST /v1/federations/{fed}/contents/{id}/upload/complete",
                Row.json("{\"parts\":[{\"partNumber\":1,\"etag\":\"x\"}]}", 404, 404).id(NO_CONTENT));
        rows.put("POST /v1/federations/{fed}/contents/{id}/decisions", Row.json("{\"decision\":\"approve\"}", 404, 404)
                .id(NO_CONTENT));
        // Another federation's content: a federation's own is refused before the lookup (own_content).
        rows.put("POST /v1/federations/{fed}/engagements", Row.json("{\"type\":\"relay\",\"content\":{\"federation\":\""
                + OTHER + "\",\"id\":\"" + NO_CONTENT + "\"}}", 404, 404));
        rows.put("GET /v1/federations/{fed}/visuals/templates", Row.of(200, 200));
        rows.put("POST /v1/federations/{fed}/visuals/render", Row.json("{\"template\":\"figure\",\"format\":\"1200x630\","
                + "\"preview\":true,\"fields\":{\"figure\":\"42 %\",\"caption\":\"des communes\"}}", 200, 200));
        rows.put("POST /v1/federations/{fed}/visuals", Row.json("{\"template\":\"figure\",\"format\":\"1200x630\","
                + "\"fields\":{\"figure\":\"42 %\"}}", 400, 400)); // refused before anything is declared
        rows.put("GET /v1/api-keys", Row.of(200, 200));
        rows.put("DELETE /v1/api-keys/{keyId}", Row.of(204, 204)); // a throwaway key per key
        // Shared with every key.
        rows.put("GET /v1/blackouts", Row.of(200, 200));
        rows.put("GET /v1/contents", Row.of(200, 200));
        rows.put("GET /v1/contents/{fed}/{id}", Row.of(404, 404).id(NO_CONTENT));
        rows.put("GET /v1/selections/latest", Row.of(404, 404));
        rows.put("GET /v1/selections/{period}", Row.of(404, 404));
        return rows;
    }

    /** The bearer values of each kind; MALFORMED has several, each tried. */
    private Map<KeyKind, List<String[]>> keys(Seed own, Seed other) {
        String hq = stack.issueKey("HQ");
        var revoked = platform.apiKeys().issue(own.fed(), "matrix-revoked", "test");
        platform.apiKeys().store().revoke(revoked.keyId(), Instant.now());
        String randomSecret = "S" + UUID.randomUUID().toString().replace("-", "") + "x9";
        Map<KeyKind, List<String[]>> keys = new LinkedHashMap<>();
        keys.put(KeyKind.NONE, List.<String[]>of(new String[0]));
        keys.put(KeyKind.MALFORMED, List.of(
                header("Bearer"), header("Bearer "), header("Basic ZXQ6c2VjcmV0"), header(own.key()),
                header("Bearer et_"), header("Bearer et_" + own.keyId()), header("Bearer " + own.key().replace("et_", "xx_")),
                header("Bearer " + own.key() + "x".repeat(200)), header("Bearer et__" + randomSecret),
                header("Token " + own.key())));
        keys.put(KeyKind.UNKNOWN_ID, List.<String[]>of(TestStack.bearer("et_nosuchk3y_" + randomSecret)));
        keys.put(KeyKind.WRONG_SECRET, List.of(TestStack.bearer("et_" + own.keyId() + "_" + randomSecret),
                TestStack.bearer(own.key().substring(0, own.key().length() - 1)
                        + (own.key().endsWith("A") ? "B" : "A"))));
        keys.put(KeyKind.REVOKED, List.<String[]>of(TestStack.bearer(revoked.secret())));
        keys.put(KeyKind.FOREIGN, List.<String[]>of(TestStack.bearer(other.key())));
        keys.put(KeyKind.OWN, List.<String[]>of(TestStack.bearer(own.key())));
        keys.put(KeyKind.HQ, List.<String[]>of(TestStack.bearer(hq)));
        return keys;
    }

    private static String[] header(String value) {
        return new String[] {"authorization", value};
    }

    @Test
    void everyRouteAnswersEveryKindOfKeyAsItShould() {
        Seed own = seed(OWN);
        Seed other = seed(OTHER);
        Map<String, Row> rows = rows(own);
        List<Wiring.Route> routes = Wiring.load().routes();
        Set<String> wired = new TreeSet<>();
        routes.forEach(r -> wired.add(r.routeKey()));
        assertEquals(wired, new TreeSet<>(rows.keySet()), "one row per route of the wiring table, no more, no less");
        Map<KeyKind, List<String[]>> keys = keys(own, other);
        String pixel = new fr.eterrain.core.tracking.TrackingLinks("", new fr.eterrain.core.tracking.TrackingTokens(
                fr.eterrain.core.security.Secrets.tokenKeys(stack.settings()))).pixel(own.fed(), own.newsletterId(), own.contactId())
                .substring("/v1/o/".length());

        List<String> failures = new ArrayList<>();
        int calls = 0;
        for (Wiring.Route route : routes) {
            Row row = rows.get(route.routeKey());
            for (Map.Entry<KeyKind, List<String[]>> kind : keys.entrySet()) {
                for (String[] headers : kind.getValue()) {
                    String id = row.id();
                    String keyId = own.keyId();
                    if (route.routeKey().equals("DELETE /v1/federations/{fed}/contacts/{id}")) {
                        // The owner and HQ really erase someone: a contact made for the purpose.
                        id = kind.getKey() == KeyKind.OWN || kind.getKey() == KeyKind.HQ
                                ? contacts.confirmedContact(OWN, TestStack.uniqueEmail("throwaway"), false) : own.contactId();
                    }
                    if (route.routeKey().equals("DELETE /v1/api-keys/{keyId}")) {
                        keyId = kind.getKey() == KeyKind.OWN || kind.getKey() == KeyKind.HQ
                                ? platform.apiKeys().issue(OWN, "throwaway", "test").keyId() : own.keyId();
                    }
                    String path = path(route, own, id, keyId, pixel);
                    HttpResponse<String> response = stack.send(route.method(), path, row.contentType(), row.body(), headers);
                    calls++;
                    if (kind.getKey() == KeyKind.FOREIGN && !route.access().equals("public")
                            && (route.path().contains("{id}") || route.path().contains("{keyId}"))) {
                        // Not even whether the id exists: an unknown one gets the very same answer.
                        String unknown = "zz" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
                        HttpResponse<String> guess = stack.send(route.method(), path(route, own, unknown, unknown, pixel),
                                row.contentType(), row.body(), headers);
                        calls++;
                        if (guess.statusCode() != response.statusCode() || !guess.body().equals(response.body())) {
                            failures.add(route.routeKey() + " with FOREIGN tells a real id (" + response.statusCode() + " "
                                    + abbreviate(response.body()) + ") from an unknown one (" + guess.statusCode() + " "
                                    + abbreviate(guess.body()) + ")");
                        }
                    }
                    int expected = expected(route, row, kind.getKey());
                    String label = route.routeKey() + " with " + kind.getKey()
                            + (headers.length == 0 ? "" : " (" + abbreviate(headers[1]) + ")");
                    if (response.statusCode() != expected) {
                        failures.add(label + ": " + response.statusCode() + " instead of " + expected + " " + abbreviate(response.body()));
                    }
                    String seen = response.headers().map() + "\n" + response.body();
                    boolean entitled = (kind.getKey() == KeyKind.OWN || kind.getKey() == KeyKind.HQ)
                            && !route.access().equals("public");
                    for (String secret : own.secrets()) {
                        // The owner and HQ see the owner's data; nobody else ever does, not even in an error.
                        if (!entitled && seen.contains(secret) && !path.contains(secret)) {
                            failures.add(label + " shows " + secret + ": " + abbreviate(seen));
                        }
                    }
                    for (String secret : other.secrets()) {
                        if (seen.contains(secret)) {
                            failures.add(label + " shows the other federation's " + secret + ": " + abbreviate(seen));
                        }
                    }
                    if (response.statusCode() == 401 || response.statusCode() == 403) {
                        if (!route.access().equals("public") && !Json.parse(response.body()).has("code")) {
                            failures.add(label + ": a refusal without code: " + abbreviate(response.body()));
                        }
                    }
                }
            }
        }
        System.out.printf("FederationIsolationMatrixIT: %d routes x %d kinds of key (%d bearer values): %d calls%n",
                routes.size(), keys.size(), keys.values().stream().mapToInt(List::size).sum(), calls);
        assertEquals(List.of(), failures, failures.size() + " of " + calls + " calls");
        assertTrue(calls > routes.size() * 15, calls + " calls");

        // The refusals changed nothing: the owner's contact, newsletter and keys are as they were.
        JsonNode contact = Json.parse(stack.get("/v1/federations/" + OWN + "/contacts/" + own.contactId(),
                TestStack.bearer(own.key())).body());
        assertEquals(own.lastName(), contact.get("lastName").asText());
        assertEquals("active", contact.get("status").asText());
        assertEquals(200, stack.get("/v1/api-keys", TestStack.bearer(own.key())).statusCode(), "the own key still works");
        assertEquals("draft", Json.parse(stack.get("/v1/federations/" + OWN + "/newsletters/" + own.newsletterId(),
                TestStack.bearer(own.key())).body()).get("state").asText());
    }

    private static String path(Wiring.Route route, Seed own, String id, String keyId, String pixel) {
        return route.path().replace("{fed}", own.fed()).replace("{id}", id == null ? "x" : id)
                .replace("{keyId}", keyId).replace("{period}", "2020-W01")
                .replace("{token}", route.path().startsWith("/v1/o/") ? pixel : "not-a-token")
                + (route.routeKey().equals("GET /v1/api-keys") ? "?scope=" + own.fed() : "");
    }

    /** The status a kind of key must get on a route. */
    private static int expected(Wiring.Route route, Row row, KeyKind kind) {
        String access = route.access();
        if (access.equals("public")) {
            return row.own(); // whatever the key: public routes neither need nor honour one
        }
        if (kind.invalid()) {
            return 401;
        }
        if (kind == KeyKind.HQ) {
            return row.hq();
        }
        if (access.equals("hq")) {
            return 403;
        }
        if (kind == KeyKind.OWN || SHARED.contains(route.routeKey())) {
            return row.own();
        }
        // Another federation's key: refused; a key id of another federation is answered like an unknown one.
        return route.routeKey().equals("DELETE /v1/api-keys/{keyId}") ? 404 : 403;
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
