package fr.eterrain.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.people.Person;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Passwordless sign-in and sessions through the local API, as the console uses them: the code and link from the SES
 * inbox, the cookie's flags, single use, the lock after five wrong codes, the same answer for unknown addresses, link
 * scanners, CSRF, forged cookies, sign-out (here and everywhere), invitations, removal ending sessions at once, the
 * people rules, and audit entries that name the person.
 */
class SignInIT {
    private static final String FED = "22";
    private final TestStack stack = TestStack.get();
    private final SignIns signIns = new SignIns(stack);

    private HttpResponse<String> codeAttempt(String email, String code) {
        return stack.post("/v1/sign-in/code", "application/json", "{\"email\":\"" + email + "\",\"code\":\"" + code + "\"}");
    }

    private static String code(HttpResponse<String> response) {
        return Json.parse(response.body()).path("code").asText();
    }

    @Test
    void theEmailedCodeOpensASessionWithAStrictCookie() {
        Person coordinator = signIns.person(FED, "coordinator", false);
        String code = signIns.requestCode(coordinator.email());
        JsonNode mail = stack.awaitEmailTo(coordinator.email());
        assertFalse(mail.path("body").path("html").asText().contains("<script"), "a branded, static email");
        HttpResponse<String> done = codeAttempt(coordinator.email(), code);
        assertEquals(200, done.statusCode(), done.body());
        String set = done.headers().firstValue("set-cookie").orElseThrow();
        assertTrue(set.startsWith("et_session="), set);
        assertTrue(set.contains("; HttpOnly") && set.contains("; SameSite=Strict") && set.contains("; Path=/"), set);
        assertTrue(set.contains("; Max-Age=604800"), set);
        assertFalse(set.contains("Secure"), "plain local http: no Secure flag (" + set + ")");
        String token = set.split(";", 2)[0].substring("et_session=".length());
        assertTrue(token.length() >= 50, "an unguessable token: " + token.length() + " characters");

        HttpResponse<String> me = stack.get("/v1/me", "cookie", SignIns.cookieOf(done));
        assertEquals(200, me.statusCode(), me.body());
        JsonNode person = Json.parse(me.body()).get("person");
        assertEquals(coordinator.email(), person.get("email").asText());
        assertEquals("coordinator", person.get("role").asText());
        assertEquals(FED, person.get("home").asText());
        assertEquals(List.of(FED), person.get("federations").findValuesAsText("id"));
        assertTrue(person.get("permissions").toString().contains("people:manage"));
        assertFalse(person.get("lastSignInAt").isNull());

        // Single use: the same code again is refused, and the session still works.
        assertEquals("invalid_code", code(codeAttempt(coordinator.email(), code)));
        // The cookie calls the API: the federation's contacts.
        assertEquals(200, stack.get("/v1/federations/" + FED + "/contacts", "cookie", SignIns.cookieOf(done)).statusCode());
        assertEquals(403, stack.get("/v1/federations/23/contacts", "cookie", SignIns.cookieOf(done)).statusCode(),
                "never another federation");
    }

    @Test
    void anUnknownAddressGetsTheSameAnswerAndNoEmail() {
        Person known = signIns.person(FED, "editor", false);
        String unknown = TestStack.uniqueEmail("inconnu");
        HttpResponse<String> a = stack.post("/v1/sign-in", "application/json", "{\"email\":\"" + known.email() + "\"}");
        HttpResponse<String> b = stack.post("/v1/sign-in", "application/json", "{\"email\":\"" + unknown + "\"}");
        assertEquals(a.statusCode(), b.statusCode());
        assertEquals(a.body(), b.body());
        assertEquals(202, b.statusCode());
        stack.awaitEmailTo(known.email());
        assertEquals(List.of(), stack.emailsTo(unknown));
        // A code for an unknown address: the answer of a wrong code.
        assertEquals("invalid_code", code(codeAttempt(unknown, "123456")));
    }

    @Test
    void fiveWrongCodesLockTheAttempt() {
        Person p = signIns.person(FED, "e-militant", false);
        String code = signIns.requestCode(p.email());
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 1; i <= 4; i++) {
            assertEquals("invalid_code", code(codeAttempt(p.email(), wrong)), "wrong code " + i);
        }
        HttpResponse<String> fifth = codeAttempt(p.email(), wrong);
        assertEquals(400, fifth.statusCode());
        assertEquals("attempt_locked", code(fifth));
        assertEquals("code", Json.parse(fifth.body()).get("field").asText());
        HttpResponse<String> right = codeAttempt(p.email(), code);
        assertEquals("attempt_locked", code(right), "locked, even for the right code");
        assertTrue(right.headers().firstValue("set-cookie").isEmpty());
        // A new code works.
        assertEquals(200, codeAttempt(p.email(), signIns.requestCode(p.email())).statusCode());
    }

    @Test
    void aLinkScannerCannotSignInTheButtonCanOnce() {
        Person p = signIns.person(FED, "editor", true);
        signIns.requestCode(p.email());
        String link = stack.awaitEmailTo(p.email()).path("body").path("text").asText().lines()
                .filter(l -> l.contains("#/connexion?lien=")).findFirst().orElseThrow().replaceAll(".*(http\\S+).*", "$1");
        // What a scanner does: GET the link (the fragment never reaches the server).
        HttpResponse<String> scanned = stack.get(link);
        assertTrue(scanned.headers().firstValue("set-cookie").isEmpty(), "a GET never signs in");
        String token = signIns.linkToken(p.email());
        HttpResponse<String> posted = stack.post("/v1/sign-in/link", "application/json", "{\"token\":\"" + token + "\"}");
        assertEquals(200, posted.statusCode(), posted.body());
        assertEquals(200, stack.get("/v1/me", "cookie", SignIns.cookieOf(posted)).statusCode());
        HttpResponse<String> again = stack.post("/v1/sign-in/link", "application/json", "{\"token\":\"" + token + "\"}");
        assertEquals("link_invalid", code(again));
        assertEquals("token", Json.parse(again.body()).get("field").asText());
        assertEquals("link_invalid", code(stack.post("/v1/sign-in/link", "application/json",
                "{\"token\":\"" + token.substring(0, token.length() - 2) + "xx\"}")));
    }

    @Test
    void stateChangesNeedTheCsrfHeaderFromOurOrigin() {
        Person p = signIns.person(FED, "coordinator", false);
        String cookie = signIns.signedIn(p);
        HttpResponse<String> bare = stack.post("/v1/sign-out", null, null, "cookie", cookie);
        assertEquals(403, bare.statusCode());
        assertEquals("csrf", code(bare));
        HttpResponse<String> foreign = stack.post("/v1/sign-out", null, null, "cookie", cookie, "x-eterrain-request", "1",
                "origin", "https://evil.example");
        assertEquals("csrf", code(foreign));
        assertEquals(200, stack.get("/v1/me", "cookie", cookie).statusCode(), "refusals changed nothing");
        HttpResponse<String> out = stack.post("/v1/sign-out", null, null, "cookie", cookie, "x-eterrain-request", "1",
                "origin", stack.apiUrl());
        assertEquals(204, out.statusCode());
        assertTrue(out.headers().firstValue("set-cookie").orElseThrow().contains("Max-Age=0"));
        assertEquals(401, stack.get("/v1/me", "cookie", cookie).statusCode());
    }

    @Test
    void forgedCookiesAndKeysOnSelfAreRefused() {
        Person p = signIns.person(FED, "editor", false);
        String cookie = signIns.signedIn(p);
        String forged = cookie.substring(0, cookie.length() - 3) + (cookie.endsWith("AAA") ? "BBB" : "AAA");
        HttpResponse<String> refused = stack.get("/v1/me", "cookie", forged);
        assertEquals(401, refused.statusCode());
        assertEquals("unauthorized", code(refused));
        assertEquals(401, stack.get("/v1/me", "cookie", "et_session=nonsense").statusCode());
        assertEquals(401, stack.get("/v1/me").statusCode());
        assertEquals(403, stack.get("/v1/me", TestStack.bearer(stack.issueKey(FED))).statusCode(), "keys have no self");
    }

    @Test
    void signOutEverywhereEndsEverySession() {
        Person p = signIns.person(FED, "editor", false);
        String one = signIns.signedIn(p);
        String two = signIns.signedIn(p);
        assertEquals(204, stack.post("/v1/sign-out/everywhere", null, null, SignIns.session(one)).statusCode());
        assertEquals(401, stack.get("/v1/me", "cookie", one).statusCode());
        assertEquals(401, stack.get("/v1/me", "cookie", two).statusCode());
    }

    @Test
    void anInvitationActivatesAndRemovalEndsTheSessionsAtOnce() {
        Person coordinator = signIns.person(FED, "coordinator", false);
        String cookie = signIns.signedIn(coordinator);
        String email = TestStack.uniqueEmail("invite");
        HttpResponse<String> invited = stack.post("/v1/federations/" + FED + "/people", "application/json",
                "{\"email\":\"" + email + "\",\"displayName\":\"Camille <b>B.</b>\",\"role\":\"editor\"}", SignIns.session(cookie));
        assertEquals(201, invited.statusCode(), invited.body());
        String id = Json.parse(invited.body()).at("/person/id").asText();
        assertEquals("invited", Json.parse(invited.body()).at("/person/status").asText());
        JsonNode mail = stack.awaitEmailTo(email);
        assertTrue(mail.path("body").path("html").asText().contains("Camille &lt;b&gt;B.&lt;/b&gt;"), "a name is data, not markup");
        String token = signIns.invitationToken(email);
        // An invited person cannot sign in before accepting.
        assertEquals("invalid_code", code(codeAttempt(email, "123456")));
        HttpResponse<String> page = stack.get("/v1/invitations/" + token);
        assertEquals(200, page.statusCode(), page.body());
        assertEquals("editor", Json.parse(page.body()).get("role").asText());
        assertEquals(FED, Json.parse(page.body()).at("/federation/id").asText());
        HttpResponse<String> accepted = stack.post("/v1/invitations/accept", "application/json", "{\"token\":\"" + token + "\"}");
        assertEquals(200, accepted.statusCode(), accepted.body());
        String editor = SignIns.cookieOf(accepted);
        assertEquals("active", Json.parse(stack.get("/v1/me", "cookie", editor).body()).at("/person/status").asText());
        assertEquals("invitation_invalid", code(stack.post("/v1/invitations/accept", "application/json",
                "{\"token\":\"" + token + "\"}")), "single use");
        assertEquals(404, stack.get("/v1/invitations/" + token).statusCode());

        // An editor has no send right until given one; the change reaches the open session at once.
        String send = "/v1/federations/" + FED + "/newsletters/nNoSuchLetter1/send";
        assertEquals(403, stack.post(send, "application/json", "{}", SignIns.session(editor)).statusCode());
        assertEquals(200, stack.send("PATCH", "/v1/federations/" + FED + "/people/" + id, "application/json", "{\"send\":true}",
                SignIns.session(cookie)).statusCode());
        assertEquals(404, stack.post(send, "application/json", "{}", SignIns.session(editor)).statusCode());

        assertEquals(204, stack.send("DELETE", "/v1/federations/" + FED + "/people/" + id, null, null,
                SignIns.session(cookie)).statusCode());
        assertEquals(401, stack.get("/v1/me", "cookie", editor).statusCode(), "removal ends the sessions at once");
        JsonNode list = Json.parse(stack.get("/v1/federations/" + FED + "/people", SignIns.session(cookie)).body());
        assertTrue(list.get("items").toString().contains("\"removed\""));
        // Removed people cannot sign in again.
        stack.post("/v1/sign-in", "application/json", "{\"email\":\"" + email + "\"}");
        assertEquals("invalid_code", code(codeAttempt(email, "123456")));
    }

    @Test
    void thePeopleRulesRefuseClearlyAndChangeNothing() {
        String fed = "24";
        Person coordinator = signIns.person(fed, "coordinator", false);
        String cookie = signIns.signedIn(coordinator);
        String people = "/v1/federations/" + fed + "/people";
        String before = stack.get(people, SignIns.session(cookie)).body();
        String email = TestStack.uniqueEmail("refus");
        HttpResponse<String> hq = stack.post(people, "application/json",
                "{\"email\":\"" + email + "\",\"displayName\":\"X\",\"role\":\"hq-admin\"}", SignIns.session(cookie));
        assertEquals(400, hq.statusCode());
        assertEquals("role_not_allowed", code(hq));
        assertEquals("role", Json.parse(hq.body()).get("field").asText());
        assertEquals("unknown_role", code(stack.post(people, "application/json",
                "{\"email\":\"" + email + "\",\"displayName\":\"X\",\"role\":\"chef\"}", SignIns.session(cookie))));
        assertEquals(403, stack.post("/v1/federations/25/people", "application/json",
                "{\"email\":\"" + email + "\",\"displayName\":\"X\",\"role\":\"editor\"}", SignIns.session(cookie)).statusCode());
        assertEquals(403, stack.get("/v1/federations/HQ/people", SignIns.session(cookie)).statusCode());
        HttpResponse<String> last = stack.send("DELETE", people + "/" + coordinator.id(), null, null, SignIns.session(cookie));
        assertEquals(409, last.statusCode(), last.body());
        assertEquals("last_coordinator", code(last));
        HttpResponse<String> csrf = stack.post(people, "application/json",
                "{\"email\":\"" + email + "\",\"displayName\":\"X\",\"role\":\"editor\"}", "cookie", cookie);
        assertEquals("csrf", code(csrf));
        assertEquals(before, stack.get(people, SignIns.session(cookie)).body(), "nothing changed");
        assertEquals(List.of(), stack.emailsTo(email), "nobody was mailed");
        assertEquals(200, stack.get("/v1/me", "cookie", cookie).statusCode());
    }

    @Test
    void theAuditNamesThePersonAndHqActingOnBehalf() {
        String fed = "26";
        Person coordinator = signIns.person(fed, "coordinator", false);
        Person staff = signIns.person("HQ", "hq-staff", false);
        String own = signIns.signedIn(coordinator);
        String hq = signIns.signedIn(staff);
        assertEquals(200, stack.get("/v1/federations/" + fed + "/contacts", "cookie", own).statusCode());
        assertEquals(200, stack.get("/v1/federations/" + fed + "/contacts", "cookie", hq).statusCode());
        assertEquals(403, stack.get("/v1/federations/" + fed + "/people", "cookie", hq).statusCode(), "hq-staff: no people:manage");
        HttpResponse<String> audit = stack.get("/v1/federations/" + fed + "/audit", "cookie", own);
        assertEquals(200, audit.statusCode(), audit.body());
        boolean person = false;
        boolean onBehalf = false;
        for (JsonNode e : Json.parse(audit.body()).get("entries")) {
            JsonNode actor = e.get("actor");
            person |= actor.get("kind").asText().equals("person") && actor.get("id").asText().equals(coordinator.id())
                    && actor.get("role").asText().equals("coordinator") && !e.get("onBehalf").asBoolean();
            onBehalf |= actor.get("id").asText().equals(staff.id()) && actor.get("role").asText().equals("hq-staff")
                    && e.get("onBehalf").asBoolean();
        }
        assertTrue(person, "the coordinator's read is in the audit: " + audit.body());
        assertTrue(onBehalf, "HQ's read shows as HQ acting for the federation: " + audit.body());
    }
}
