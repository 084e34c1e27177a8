package fr.eterrain.core.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.eterrain.core.access.Access;
import fr.eterrain.core.access.ApiKeys;
import fr.eterrain.core.access.Caller;
import fr.eterrain.core.access.Roles;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.http.HttpRequest;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.security.KeyedHash;
import fr.eterrain.core.testing.FakePeople;
import fr.eterrain.core.testing.Fakes;
import fr.eterrain.core.testing.TestCore;
import fr.eterrain.core.wiring.Wiring;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Sign-in, sessions, people rules and the session side of Access, on fakes and a clock we move. */
class PeopleAndSignInTest {
    private final Fakes.MutableClock clock = new Fakes.MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final FakePeople store = new FakePeople();
    private final KeyedHash hash = new KeyedHash(TestCore.key("h"));
    private final Fakes.RecordingMailer mailer = new Fakes.RecordingMailer();
    private final Fakes.Federations federations = new Fakes.Federations();
    private final Sessions sessions = new Sessions(store, hash, clock);
    private final PeopleEmails emails = new PeopleEmails("https://console.example.org", "mail.example.org", federations);
    private final SignIn signIn = new SignIn(store, sessions, emails, mailer, new Fakes.CountingRateLimiter(), hash, clock,
            new SignIn.Limits(100, 1000));
    private final Roles roles = Roles.standard();
    private final People people = new People(store, sessions, emails, mailer, roles, hash, clock);
    private final SessionCookie cookie = new SessionCookie("https://console.example.org");
    private final Access access = new Access(new ApiKeys(new Fakes.Keys(), clock), federations, new Fakes.Audit(), hash, clock,
            Wiring.load(), sessions, cookie);

    private static final Pattern CODE = Pattern.compile("(?m)^([0-9]{6})$");

    private Person active(String home, String role) {
        return people.bootstrap(home, "p" + System.nanoTime() + "@example.org", "Camille", role, "test");
    }

    private String mailedCode() {
        Matcher m = CODE.matcher(mailer.sent.get(mailer.sent.size() - 1).text());
        assertTrue(m.find());
        return m.group(1);
    }

    private Caller caller(Person p) {
        return access.personCaller(sessions.open(p).session());
    }

    @Test
    void aCodeWorksOnceWithinTenMinutes() {
        Person p = active("06", "coordinator");
        signIn.request(p.email(), "1.2.3.4");
        String code = mailedCode();
        assertFalse(mailer.sent.get(0).html().contains(p.displayName()), "nothing typed by the requester or about them");
        SignIn.Completed done = signIn.withCode(p.email(), code, "1.2.3.4");
        assertEquals(p.id(), done.person().id());
        assertEquals("invalid_code", assertThrows(ApiException.class, () -> signIn.withCode(p.email(), code, "1.2.3.4")).code());

        signIn.request(p.email(), "1.2.3.4");
        String late = mailedCode();
        clock.advance(SignIn.VALIDITY);
        assertEquals("code_expired", assertThrows(ApiException.class, () -> signIn.withCode(p.email(), late, "1.2.3.4")).code());
    }

    @Test
    void unknownAndRemovedAddressesGetNoEmail() {
        signIn.request("nobody@example.org", "1.2.3.4");
        Person removed = active("06", "editor");
        store.update(removed.withStatus(Person.Status.REMOVED));
        signIn.request(removed.email(), "1.2.3.4");
        assertEquals(List.of(), mailer.sent);
    }

    @Test
    void perAddressAndPerSourceLimits() {
        SignIn strict = new SignIn(store, sessions, emails, mailer, new Fakes.CountingRateLimiter(), hash, clock,
                new SignIn.Limits(2, 3));
        Person p = active("06", "editor");
        strict.request(p.email(), "9.9.9.9");
        strict.request(p.email(), "9.9.9.9");
        assertEquals(429, assertThrows(ApiException.class, () -> strict.request(p.email(), "9.9.9.9")).status());
        assertEquals(429, assertThrows(ApiException.class, () -> strict.request("other@example.org", "9.9.9.9")).status(),
                "per source too");
    }

    @Test
    void sessionsLastTwelveHoursIdleAndSevenDaysAtMostWithOneReadPerCheck() {
        Person p = active("06", "editor");
        String token = sessions.open(p).token();
        int reads = store.sessionReads.get();
        assertTrue(sessions.check(token).isPresent());
        assertEquals(reads + 1, store.sessionReads.get(), "one read per check");
        clock.advance(Duration.ofHours(11));
        assertTrue(sessions.check(token).isPresent(), "used within 12 h: still open, and refreshed");
        clock.advance(Duration.ofHours(11));
        assertTrue(sessions.check(token).isPresent());
        clock.advance(Sessions.IDLE);
        assertTrue(sessions.check(token).isEmpty(), "12 h idle: over");

        String week = sessions.open(p).token();
        for (int day = 0; day < 7; day++) {
            clock.advance(Duration.ofHours(10));
            sessions.check(week);
            clock.advance(Duration.ofHours(10));
            sessions.check(week);
            clock.advance(Duration.ofHours(4));
        }
        assertTrue(sessions.check(week).isEmpty(), "7 days at most, however busy");
        assertTrue(sessions.check(p.id() + ".forged").isEmpty());
        assertTrue(sessions.check("garbage").isEmpty());
    }

    @Test
    void theCookieIsStrictAndCsrfNeedsTheHeaderFromOurOrigin() {
        String set = cookie.set("tok");
        assertTrue(set.startsWith("__Host-et_session=tok; Path=/;") && set.contains("HttpOnly") && set.contains("Secure")
                && set.contains("SameSite=Strict") && !set.contains("Domain"), set);
        assertFalse(new SessionCookie("http://localhost:3000").set("t").contains("Secure"));
        Person p = active("06", "coordinator");
        String token = sessions.open(p).token();
        String route = "POST /v1/federations/{fed}/people";
        assertEquals("csrf", assertThrows(ApiException.class, () -> access.authenticate(request(route, token, null, null))).code());
        assertEquals("csrf", assertThrows(ApiException.class,
                () -> access.authenticate(request(route, token, "1", "https://evil.example"))).code());
        assertEquals(p.id(), access.authenticate(request(route, token, "1", "https://console.example.org")).id());
        assertEquals(p.id(), access.authenticate(request(route, token, "1", null)).id());
        assertEquals(401, assertThrows(ApiException.class, () -> access.authenticate(request(route, token + "x", "1", null))).status());
    }

    private static HttpRequest request(String routeKey, String token, String csrf, String origin) {
        var headers = Json.object().put("cookie", "__Host-et_session=" + token);
        if (csrf != null) {
            headers.put("x-eterrain-request", csrf);
        }
        if (origin != null) {
            headers.put("origin", origin);
        }
        var event = Json.object().put("routeKey", routeKey);
        event.set("headers", headers);
        event.putObject("pathParameters").put("fed", "06");
        event.putObject("requestContext").put("requestId", "r").putObject("http").put("method", routeKey.split(" ")[0]).put("path", "/x");
        return HttpRequest.fromEvent(event);
    }

    @Test
    void thePeopleRules() {
        Person coordinator = active("06", "coordinator");
        Caller c = caller(coordinator);
        assertEquals("role_not_allowed", assertThrows(ApiException.class,
                () -> people.invite(c, "06", "a@example.org", "A", "hq-admin", false)).code());
        assertEquals("unknown_role", assertThrows(ApiException.class,
                () -> people.invite(c, "06", "a@example.org", "A", "chef", false)).code());
        assertEquals(403, assertThrows(ApiException.class,
                () -> people.invite(c, "13", "a@example.org", "A", "editor", false)).status());
        assertEquals(403, assertThrows(ApiException.class,
                () -> people.invite(caller(active("06", "editor")), "06", "a@example.org", "A", "editor", false)).status());
        assertEquals("last_coordinator", assertThrows(ApiException.class, () -> people.remove(c, "06", coordinator.id())).code());
        assertEquals("last_coordinator", assertThrows(ApiException.class,
                () -> people.patch(c, "06", coordinator.id(), "editor", null, null)).code());
        assertEquals(List.of(), mailer.sent, "refusals mail nobody");

        People.Invitation invited = people.invite(c, "06", "b@example.org", "Bea", "editor", false);
        assertEquals(409, assertThrows(ApiException.class, () -> people.invite(c, "06", "B@example.org", "Bea", "editor", false)).status());
        assertTrue(people.invitation(invited.token()).isPresent());
        SignIn.Completed accepted = people.accept(invited.token());
        assertTrue(accepted.person().active());
        assertEquals("invitation_invalid", assertThrows(ApiException.class, () -> people.accept(invited.token())).code());

        // A second coordinator, then the first may go; removal ends sessions at once.
        people.patch(c, "06", invited.person().id(), "coordinator", null, null);
        String token = accepted.session().token();
        assertEquals("coordinator", sessions.check(token).orElseThrow().role(), "the role change reaches the open session");
        people.remove(c, "06", invited.person().id());
        assertTrue(sessions.check(token).isEmpty());

        // HQ may leave a federation without coordinator; it covers it.
        Caller hq = caller(active("HQ", "hq-admin"));
        people.remove(hq, "06", coordinator.id());
        assertEquals(403, assertThrows(ApiException.class,
                () -> people.list(caller(active("HQ", "hq-staff")), "06")).status(), "hq-staff: no people:manage");
    }

    @Test
    void anInvitationExpiresAfterSevenDays() {
        Caller c = caller(active("06", "coordinator"));
        People.Invitation invited = people.invite(c, "06", "late@example.org", "Lou", "e-militant", false);
        clock.advance(People.INVITATION_VALIDITY);
        assertTrue(people.invitation(invited.token()).isEmpty());
        assertEquals("invitation_invalid", assertThrows(ApiException.class, () -> people.accept(invited.token())).code());
    }

    @Test
    void theMatrixGivesEachRoleItsPermissions() {
        assertTrue(roles.permissionsOf("editor", true).contains("newsletters:send"));
        assertFalse(roles.permissionsOf("editor", false).contains("newsletters:send"));
        assertFalse(roles.permissionsOf("e-militant", false).contains("contacts:read"), "never contact data");
        assertFalse(roles.permissionsOf("hq-staff", false).contains("people:manage"));
        assertTrue(roles.permissionsOf("hq-staff", false).contains("library:moderate"));
        assertFalse(roles.permissionsOf("coordinator", false).contains("library:moderate"));
        assertFalse(roles.legacyKeyPermissions("06").contains("people:manage"), "keys never manage people");
        assertFalse(roles.keyMayCarry("06", "people:manage"));
        assertFalse(roles.keyMayCarry("06", "audit:read"), "a federation key carries key scopes only");
        assertTrue(roles.keyMayCarry("HQ", "national:stats"));
    }
}
