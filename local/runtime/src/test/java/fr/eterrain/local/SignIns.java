package fr.eterrain.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.Platform;
import fr.eterrain.core.people.Person;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** People and sign-ins through the HTTP API, for the end-to-end tests: the code is read from the SES inbox. */
public final class SignIns {
    private static final Pattern CODE = Pattern.compile("(?m)^([0-9]{6})$");
    private static final Pattern LINK = Pattern.compile("#/connexion\\?lien=([A-Za-z0-9._%-]+)");
    private static final Pattern INVITATION = Pattern.compile("#/invitation\\?t=([A-Za-z0-9._%-]+)");

    private final TestStack stack;
    private final Platform platform;

    public SignIns(TestStack stack) {
        this.stack = stack;
        this.platform = new Platform(stack.settings());
    }

    public Platform platform() {
        return platform;
    }

    /** An active person of this home (a federation id or HQ), made as `make invite` does, with a fresh address. */
    public Person person(String home, String role, boolean send) {
        String email = TestStack.uniqueEmail(role);
        Person p = platform.people().bootstrap(home, email, "Nom " + role, role, "test");
        if (p.send() != send) {
            p = p.withRole(role, send, p.displayName());
            platform.peopleStore().update(p);
        }
        return p;
    }

    /** Asks for a code and returns it, read from the email. */
    public String requestCode(String email) {
        int before = stack.emailsTo(email).size();
        HttpResponse<String> asked = stack.post("/v1/sign-in", "application/json", "{\"email\":\"" + email + "\"}");
        assertEquals(202, asked.statusCode(), asked.body());
        JsonNode mail = awaitNewEmail(email, before);
        Matcher m = CODE.matcher(mail.path("body").path("text").asText());
        if (!m.find()) {
            throw new AssertionError("no code in " + mail.path("body").path("text").asText());
        }
        return m.group(1);
    }

    /** The latest sign-in email's link token. */
    public String linkToken(String email) {
        JsonNode mail = stack.awaitEmailTo(email);
        Matcher m = LINK.matcher(mail.path("body").path("text").asText());
        if (!m.find()) {
            throw new AssertionError("no sign-in link in " + mail.path("body").path("text").asText());
        }
        return java.net.URLDecoder.decode(m.group(1), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The latest invitation email's token. */
    public String invitationToken(String email) {
        JsonNode mail = stack.awaitEmailTo(email);
        Matcher m = INVITATION.matcher(mail.path("body").path("text").asText());
        if (!m.find()) {
            throw new AssertionError("no invitation link in " + mail.path("body").path("text").asText());
        }
        return java.net.URLDecoder.decode(m.group(1), java.nio.charset.StandardCharsets.UTF_8);
    }

    JsonNode awaitNewEmail(String email, int before) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            var emails = stack.emailsTo(email);
            if (emails.size() > before) {
                return emails.get(emails.size() - 1);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no new email to " + email);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Signs in with the emailed code; the session cookie as a Cookie header value (name=token). */
    public String signIn(String email) {
        String code = requestCode(email);
        HttpResponse<String> done = stack.post("/v1/sign-in/code", "application/json",
                "{\"email\":\"" + email + "\",\"code\":\"" + code + "\"}");
        assertEquals(200, done.statusCode(), done.body());
        return cookieOf(done);
    }

    public static String cookieOf(HttpResponse<String> response) {
        String set = response.headers().firstValue("set-cookie").orElseThrow(() -> new AssertionError("no Set-Cookie"));
        return set.split(";", 2)[0];
    }

    /** Headers of a console request: the cookie and the CSRF header. */
    public static String[] session(String cookie) {
        return new String[] {"cookie", cookie, "x-eterrain-request", "1"};
    }

    /** A signed-in person's cookie, made and signed in in one go. */
    public String signedIn(Person person) {
        return signIn(person.email());
    }
}
