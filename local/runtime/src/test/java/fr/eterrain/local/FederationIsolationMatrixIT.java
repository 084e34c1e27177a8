package fr.eterrain.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.Platform;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.wiring.Wiring;
import java.net.http.HttpResponse;
import java.time.Instant;
import fr.eterrain.core.people.Person;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The permission matrix: every route of the wiring table × every kind of caller — no credential, malformed or unknown
 * keys, a wrong secret, revoked and expired keys, a forged session cookie, the session of a removed person; keys of
 * the legacy kind (the federation's own, another federation's, HQ's) and a key of each key scope; a signed-in person
 * of each role (hq-admin, hq-staff, coordinator, editor with and without the send right, e-militant), another
 * federation's coordinator, and a coordinator's session without the CSRF header — on one federation's data.
 *
 * <p>What each must get is derived from the matrix declared in wiring.json (roles, key scopes, legacy keys, each
 * route's permission), never from the code that enforces it: public routes answer alike whatever the credential;
 * an invalid credential 401; a caller without the route's permission 403; with it, another federation's caller 403
 * on the federation's routes (an id of another federation's key is answered like an unknown one); a state change
 * with a cookie but without the CSRF header 403; entitled callers the route's real answer (an exact status per
 * route, from its row). No answer to a caller not entitled carries anything of the federation's data, and no answer
 * carries anything of the other federation's. Every route must have a row here: a new route fails the test until it
 * is given one.
 */
@Tag("reliability")
class FederationIsolationMatrixIT {
    private static final String OWN = "14";
    private static final String OTHER = "15";
    private static final String NO_NEWSLETTER = "nNoSuchLetter1";
    private static final String NO_CONTENT = "k0000000000000000";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    /** How to call one route: its path ids and body; and what the owner's and HQ's entitled callers must get. */
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

    /**
     * One kind of caller. invalid: its credential must be refused (401); home: a federation id or HQ; permissions:
     * what the declared matrix gives it; csrf: whether its cookie requests carry the CSRF header.
     */
    record Kind(String name, boolean invalid, boolean person, String home, Set<String> permissions, boolean csrf,
                List<String[]> credentials) {
        boolean hq() {
            return "HQ".equals(home);
        }
    }

    private final TestStack stack = TestStack.get();
    private final Contacts contacts = new Contacts(stack);
    private final Platform platform = contacts.platform();
    private final SignIns signIns = new SignIns(stack);
    private final Wiring.AccessMatrix declared = Wiring.load().access();

    /** What one federation holds, all of it unique to this run. */
    record Seed(String fed, String email, String contactId, String lastName, String newsletterId, String subject,
                String contentId, String contentTitle, String keyId, String key, String personId) {
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
        // Two coordinators, so removing one never leaves the federation without.
        signIns.person(fed, "coordinator", false);
        Person target = signIns.person(fed, "editor", false);
        return new Seed(fed, email, contactId, lastName, Json.parse(nl.body()).get("id").asText(), subject,
                content.at("/content/id").asText(), title, issued.keyId(), key, target.id());
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
        rows.put("POST /v1/sign-in", Row.json("{}", 400, 400));
        rows.put("POST /v1/sign-in/code", Row.json("{\"email\":\"x@example.org\"}", 400, 400));
        rows.put("POST /v1/sign-in/link", Row.json("{\"token\":\"not-a-token\"}", 400, 400));
        rows.put("GET /v1/invitations/{token}", Row.of(404, 404));
        rows.put("POST /v1/invitations/accept", Row.json("{\"token\":\"not-a-token\"}", 400, 400));
        // A signed-in person's own (self); the sign-outs end a throwaway person's sessions.
        rows.put("GET /v1/me", Row.of(200, 200));
        rows.put("POST /v1/sign-out", Row.of(204, 204));
        rows.put("POST /v1/sign-out/everywhere", Row.of(204, 204));
        // People and keys of the federation; the deletions take a throwaway person or key per entitled caller.
        rows.put("GET /v1/federations/{fed}/people", Row.of(200, 200));
        rows.put("POST /v1/federations/{fed}/people", Row.json("{\"email\":\"{unique}\",\"displayName\":\"Invité\","
                + "\"role\":\"e-militant\"}", 201, 201));
        rows.put("PATCH /v1/federations/{fed}/people/{id}", Row.json("{\"displayName\":\"Nom modifié\"}", 200, 200)
                .id(own.personId()));
        rows.put("DELETE /v1/federations/{fed}/people/{id}", Row.of(204, 204));
        rows.put("POST /v1/federations/{fed}/people/{id}/sessions/end", Row.of(204, 204).id(own.personId()));
        rows.put("GET /v1/federations/{fed}/people/{id}/export", Row.of(200, 200).id(own.personId()));
        rows.put("GET /v1/federations/{fed}/api-keys", Row.of(200, 200));
        rows.put("POST /v1/federations/{fed}/api-keys", Row.json("{\"label\":\"matrix\",\"scopes\":[\"stats:read\"]}", 201, 201));
        rows.put("DELETE /v1/federations/{fed}/api-keys/{keyId}", Row.of(204, 204));
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
        rows.put("GET /v1/federations/{fed}/contacts/{id}/history", Row.of(200, 200).id(own.contactId()));
        rows.put("GET /v1/federations/{fed}/audit", Row.of(200, 200));
        rows.put("POST /v1/federations/{fed}/newsletters", Row.json(draft, 201, 201));
        rows.put("GET /v1/federations/{fed}/newsletters", Row.of(200, 200));
        rows.put("GET /v1/federations/{fed}/summary", Row.of(200, 200));
        rows.put("GET /v1/federations/{fed}/newsletters/{id}", Row.of(200, 200).id(own.newsletterId()));
        rows.put("PATCH /v1/federations/{fed}/newsletters/{id}", Row.json(draft, 200, 200).id(own.newsletterId()));
        rows.put("GET /v1/federations/{fed}/newsletters/{id}/preview", Row.of(200, 200).id(own.newsletterId()));
        rows.put("GET /v1/federations/{fed}/newsletters/{id}/audience", Row.of(200, 200).id(own.newsletterId()));
        rows.put("POST /v1/federations/{fed}/newsletters/{id}/test", Row.json("{\"addresses\":[\"relecture@example.org\"]}",
                200, 200).id(own.newsletterId()));
        rows.put("POST /v1/federations/{fed}/newsletters/{id}/send", Row.json("{}", 404, 404).id(NO_NEWSLETTER));
        rows.put("POST /v1/federations/{fed}/newsletters/{id}/cancel", Row.of(404, 404).id(NO_NEWSLETTER));
        rows.put("POST /v1/federations/{fed}/audience", Row.json("{\"segment\":{\"tags\":[\"x\"]}}", 200, 200));
        rows.put("GET /v1/federations/{fed}/send-time", Row.of(200, 200));
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

    // --- the declared matrix, read as data ------------------------------------------------------------------

    private Set<String> roleDeclared(String role, boolean send) {
        Wiring.RoleSpec spec = declared.roles().get(role);
        Set<String> permissions = new HashSet<>(spec.permissions());
        if (send) {
            permissions.addAll(spec.withSend());
        }
        return permissions;
    }

    private Set<String> legacyDeclared(String scope) {
        Set<String> permissions = roleDeclared(declared.legacyKeys().get("HQ".equals(scope) ? "HQ" : "federation"), true);
        permissions.removeAll(declared.keysNever());
        return permissions;
    }

    private Kind key(String name, String home, Set<String> permissions, String secret) {
        return new Kind(name, false, false, home, permissions, true, List.<String[]>of(TestStack.bearer(secret)));
    }

    private Kind person(String name, String home, String role, boolean send, boolean csrf) {
        Person p = signIns.person(home, role, send);
        String cookie = "et_session=" + platform.sessions().open(p).token();
        String[] headers = csrf ? new String[] {"cookie", cookie, "x-eterrain-request", "1", "origin", stack.apiUrl()}
                : new String[] {"cookie", cookie};
        return new Kind(name, false, true, home, roleDeclared(role, send), csrf, List.<String[]>of(headers));
    }

    private List<Kind> kinds(Seed own, Seed other) {
        String hq = stack.issueKey("HQ");
        var revoked = platform.apiKeys().issue(own.fed(), "matrix-revoked", "test");
        platform.apiKeys().store().revoke(revoked.keyId(), Instant.now());
        var expired = platform.apiKeys().issue(own.fed(), "matrix-expired", "test", List.of("contacts:read"),
                Instant.now().minusSeconds(60)).issued();
        Person removed = signIns.person(own.fed(), "coordinator", false);
        String removedCookie = "et_session=" + platform.sessions().open(removed).token();
        platform.people().remove(new fr.eterrain.core.access.Caller(fr.eterrain.core.access.Caller.Kind.PERSON, "ptest",
                "hq-admin", "HQ", roleDeclared("hq-admin", false), "Test", null), own.fed(), removed.id());
        String randomSecret = "S" + UUID.randomUUID().toString().replace("-", "") + "x9";
        List<Kind> kinds = new ArrayList<>();
        kinds.add(new Kind("NONE", true, false, null, Set.of(), true, List.<String[]>of(new String[0])));
        kinds.add(new Kind("MALFORMED", true, false, null, Set.of(), true, List.of(
                header("Bearer"), header("Bearer "), header("Basic ZXQ6c2VjcmV0"), header(own.key()),
                header("Bearer et_"), header("Bearer et_" + own.keyId()), header("Bearer " + own.key().replace("et_", "xx_")),
                header("Bearer " + own.key() + "x".repeat(200)), header("Bearer et__" + randomSecret),
                header("Token " + own.key()))));
        kinds.add(new Kind("UNKNOWN_ID", true, false, null, Set.of(), true,
                List.<String[]>of(TestStack.bearer("et_nosuchk3y_" + randomSecret))));
        kinds.add(new Kind("WRONG_SECRET", true, false, null, Set.of(), true, List.of(
                TestStack.bearer("et_" + own.keyId() + "_" + randomSecret),
                TestStack.bearer(own.key().substring(0, own.key().length() - 1) + (own.key().endsWith("A") ? "B" : "A")))));
        kinds.add(new Kind("REVOKED", true, false, null, Set.of(), true, List.<String[]>of(TestStack.bearer(revoked.secret()))));
        kinds.add(new Kind("EXPIRED", true, false, null, Set.of(), true, List.<String[]>of(TestStack.bearer(expired.secret()))));
        kinds.add(new Kind("FORGED_COOKIE", true, true, null, Set.of(), true, List.of(
                new String[] {"cookie", "et_session=" + removed.id() + "." + "A".repeat(43), "x-eterrain-request", "1"},
                new String[] {"cookie", "et_session=nonsense", "x-eterrain-request", "1"})));
        kinds.add(new Kind("REMOVED_PERSON", true, true, null, Set.of(), true,
                List.<String[]>of(new String[] {"cookie", removedCookie, "x-eterrain-request", "1"})));
        kinds.add(key("FOREIGN", other.fed(), legacyDeclared(other.fed()), other.key()));
        kinds.add(key("OWN", own.fed(), legacyDeclared(own.fed()), own.key()));
        kinds.add(key("HQ", "HQ", legacyDeclared("HQ"), hq));
        for (String scope : declared.keyScopes()) {
            String secret = platform.apiKeys().issue(own.fed(), "matrix-" + scope, "test", List.of(scope),
                    Instant.now().plusSeconds(3600)).issued().secret();
            kinds.add(key("KEY " + scope, own.fed(), Set.of(scope), secret));
        }
        kinds.add(person("HQ-ADMIN", "HQ", "hq-admin", false, true));
        kinds.add(person("HQ-STAFF", "HQ", "hq-staff", false, true));
        kinds.add(person("COORDINATOR", own.fed(), "coordinator", false, true));
        kinds.add(person("EDITOR", own.fed(), "editor", false, true));
        kinds.add(person("EDITOR+SEND", own.fed(), "editor", true, true));
        kinds.add(person("E-MILITANT", own.fed(), "e-militant", false, true));
        kinds.add(person("FOREIGN-COORDINATOR", other.fed(), "coordinator", false, true));
        kinds.add(person("COORDINATOR-NO-CSRF", own.fed(), "coordinator", false, false));
        return kinds;
    }

    private static String[] header(String value) {
        return new String[] {"authorization", value};
    }

    /** Whether the route acts on the federation (its path, or the key's id or scope) and the caller is of another. */
    private static boolean foreign(Kind kind, Wiring.Route route) {
        return !kind.hq() && !OWN.equals(kind.home())
                && (route.path().contains("{fed}") && !route.anyFederation()
                || route.routeKey().equals("GET /v1/api-keys") || route.routeKey().equals("DELETE /v1/api-keys/{keyId}"));
    }

    /** The status a kind of caller must get on a route, from the declared matrix. */
    private static int expected(Wiring.Route route, Row row, Kind kind) {
        if (route.permission().equals("public")) {
            return row.own(); // whatever the credential: public routes neither need nor honour one
        }
        if (kind.invalid()) {
            return 401;
        }
        if (kind.person() && !kind.csrf() && !SAFE.contains(route.method())) {
            return 403; // csrf, before anything else
        }
        if (!kind.permissions().contains(route.permission())) {
            return 403;
        }
        if (foreign(kind, route)) {
            // Another federation's caller: refused; a key id of another federation is answered like an unknown one.
            return route.routeKey().equals("DELETE /v1/api-keys/{keyId}") ? 404 : 403;
        }
        return kind.hq() ? row.hq() : row.own();
    }

    /** Entitled to see the federation's data on this route: the expected answer is the real one. */
    private static boolean entitled(Wiring.Route route, Kind kind) {
        return !route.permission().equals("public") && !kind.invalid() && kind.permissions().contains(route.permission())
                && !foreign(kind, route) && (!kind.person() || kind.csrf() || SAFE.contains(route.method()));
    }

    @Test
    void everyRouteAnswersEveryKindOfCallerAsTheMatrixSays() {
        Seed own = seed(OWN);
        Seed other = seed(OTHER);
        Map<String, Row> rows = rows(own);
        List<Wiring.Route> routes = Wiring.load().routes();
        Set<String> wired = new TreeSet<>();
        routes.forEach(r -> wired.add(r.routeKey()));
        assertEquals(wired, new TreeSet<>(rows.keySet()), "one row per route of the wiring table, no more, no less");
        List<Kind> kinds = kinds(own, other);
        String pixel = new fr.eterrain.core.tracking.TrackingLinks("", new fr.eterrain.core.tracking.TrackingTokens(
                fr.eterrain.core.security.Secrets.tokenKeys(stack.settings()))).pixel(own.fed(), own.newsletterId(), own.contactId())
                .substring("/v1/o/".length());

        List<String> failures = new ArrayList<>();
        int calls = 0;
        for (Wiring.Route route : routes) {
            Row row = rows.get(route.routeKey());
            for (Kind kind : kinds) {
                boolean entitled = entitled(route, kind);
                for (String[] original : kind.credentials()) {
                    String[] headers = original;
                    String id = row.id();
                    String keyId = own.keyId();
                    String body = row.body() == null ? null : row.body().replace("{unique}", TestStack.uniqueEmail("matrix"));
                    switch (route.routeKey()) {
                        // The entitled really erase, remove or revoke: something made for the purpose.
                        case "DELETE /v1/federations/{fed}/contacts/{id}" -> id = entitled
                                ? contacts.confirmedContact(OWN, TestStack.uniqueEmail("throwaway"), false) : own.contactId();
                        case "DELETE /v1/federations/{fed}/people/{id}" -> id = entitled
                                ? signIns.person(OWN, "e-militant", false).id() : own.personId();
                        case "DELETE /v1/api-keys/{keyId}", "DELETE /v1/federations/{fed}/api-keys/{keyId}" -> keyId = entitled
                                ? platform.apiKeys().issue(OWN, "throwaway", "test").keyId() : own.keyId();
                        case "POST /v1/sign-out", "POST /v1/sign-out/everywhere" -> {
                            if (entitled) {
                                // A throwaway person of the same kind: the kind's own session stays for the next routes.
                                Person p = signIns.person(kind.home(), roleOf(kind), false);
                                headers = new String[] {"cookie", "et_session=" + platform.sessions().open(p).token(),
                                        "x-eterrain-request", "1"};
                            }
                        }
                        default -> { }
                    }
                    String path = path(route, own, id, keyId, pixel);
                    HttpResponse<String> response = stack.send(route.method(), path, row.contentType(), body, headers);
                    calls++;
                    if (kind.name().startsWith("FOREIGN") && !route.permission().equals("public")
                            && (route.path().contains("{id}") || route.path().contains("{keyId}"))) {
                        // Not even whether the id exists: an unknown one gets the very same answer.
                        String unknown = "zz" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
                        HttpResponse<String> guess = stack.send(route.method(), path(route, own, unknown, unknown, pixel),
                                row.contentType(), body, headers);
                        calls++;
                        if (guess.statusCode() != response.statusCode() || !guess.body().equals(response.body())) {
                            failures.add(route.routeKey() + " with " + kind.name() + " tells a real id (" + response.statusCode()
                                    + " " + abbreviate(response.body()) + ") from an unknown one (" + guess.statusCode() + " "
                                    + abbreviate(guess.body()) + ")");
                        }
                    }
                    int expected = expected(route, row, kind);
                    String label = route.routeKey() + " with " + kind.name()
                            + (headers.length == 0 ? "" : " (" + abbreviate(headers[1]) + ")");
                    if (response.statusCode() != expected) {
                        failures.add(label + ": " + response.statusCode() + " instead of " + expected + " " + abbreviate(response.body()));
                    }
                    String seen = response.headers().map() + "\n" + response.body();
                    boolean mayShow = entitled && (kind.hq() || OWN.equals(kind.home()));
                    for (String secret : own.secrets()) {
                        // The owner and HQ see the owner's data; nobody else ever does, not even in an error.
                        if (!mayShow && seen.contains(secret) && !path.contains(secret)) {
                            failures.add(label + " shows " + secret + ": " + abbreviate(seen));
                        }
                    }
                    for (String secret : other.secrets()) {
                        if (seen.contains(secret)) {
                            failures.add(label + " shows the other federation's " + secret + ": " + abbreviate(seen));
                        }
                    }
                    if ((response.statusCode() == 401 || response.statusCode() == 403) && !route.permission().equals("public")) {
                        JsonNode refusal = Json.parse(response.body());
                        String code = refusal.path("code").asText();
                        if (!refusal.has("message") || !refusal.has("field")
                                || !code.equals(response.statusCode() == 401 ? "unauthorized"
                                : kind.person() && !kind.csrf() && !SAFE.contains(route.method()) ? "csrf" : "forbidden")) {
                            failures.add(label + ": a refusal without its code: " + abbreviate(response.body()));
                        }
                    }
                }
            }
        }
        System.out.printf("FederationIsolationMatrixIT: %d routes x %d kinds of caller (%d credentials): %d calls%n",
                routes.size(), kinds.size(), kinds.stream().mapToInt(k -> k.credentials().size()).sum(), calls);
        assertEquals(List.of(), failures, failures.size() + " of " + calls + " calls");
        assertTrue(calls > routes.size() * 30, calls + " calls");

        // The refusals changed nothing: the owner's contact, newsletter and keys are as they were.
        JsonNode contact = Json.parse(stack.get("/v1/federations/" + OWN + "/contacts/" + own.contactId(),
                TestStack.bearer(own.key())).body());
        assertEquals(own.lastName(), contact.get("lastName").asText());
        assertEquals("active", contact.get("status").asText());
        assertEquals(200, stack.get("/v1/api-keys", TestStack.bearer(own.key())).statusCode(), "the own key still works");
        assertEquals("draft", Json.parse(stack.get("/v1/federations/" + OWN + "/newsletters/" + own.newsletterId(),
                TestStack.bearer(own.key())).body()).get("state").asText());
    }

    private static String roleOf(Kind kind) {
        return switch (kind.name()) {
            case "HQ-ADMIN" -> "hq-admin";
            case "HQ-STAFF" -> "hq-staff";
            case "EDITOR", "EDITOR+SEND" -> "editor";
            case "E-MILITANT" -> "e-militant";
            default -> "coordinator";
        };
    }

    private static String path(Wiring.Route route, Seed own, String id, String keyId, String pixel) {
        return route.path().replace("{fed}", own.fed()).replace("{id}", id == null ? "x" : id)
                .replace("{keyId}", keyId).replace("{period}", "2020-W01")
                .replace("{token}", route.path().startsWith("/v1/o/") ? pixel : "not-a-token")
                + (route.routeKey().equals("GET /v1/api-keys") ? "?scope=" + own.fed() : "");
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
