package fr.eterrain.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.Platform;
import fr.eterrain.core.json.Json;
import java.net.http.HttpResponse;

/** Steps of the contact flow shared by the end-to-end tests, each through the public HTTP API. */
public final class Contacts {
    private final TestStack stack;
    private final Platform platform;

    public Contacts(TestStack stack) {
        this.stack = stack;
        this.platform = new Platform(stack.settings());
    }

    Platform platform() {
        return platform;
    }

    static String signupJson(String email, String firstName, boolean audience) {
        return """
                {"email":"%s","firstName":"%s","postalCode":"06000","category":"sympathisant",
                 "consent":{"newsletter":true,"audienceMeasurement":%s,"wordingVersion":"2026-11"},"source":"e2e"}
                """.formatted(email, firstName, audience);
    }

    HttpResponse<String> signup(String fed, String email, boolean audience) {
        return stack.post("/v1/federations/" + fed + "/signups", "application/json", signupJson(email, "Marie", audience));
    }

    /** Signs up and follows the confirmation link from the email, as a person would. */
    String confirmedContact(String fed, String email, boolean audience) {
        assertEquals(202, signup(fed, email, audience).statusCode());
        String link = Emails.link(stack.awaitEmailTo(email), "/v1/confirm");
        assertEquals(200, confirm(link).statusCode());
        return contactId(fed, email);
    }

    /** What a person does with the confirmation link: opens the page, then presses its one button (a POST). */
    HttpResponse<String> confirm(String link) {
        HttpResponse<String> page = stack.get(link);
        assertEquals(200, page.statusCode(), page.body());
        return stack.post(formAction(link, page.body()), "application/x-www-form-urlencoded", "", "origin", stack.apiUrl());
    }

    /** The absolute URL a page's form posts to ("?t=…" is relative to the page's own link). */
    static String formAction(String pageUrl, String html) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<form method=\"post\" action=\"([^\"]*)\"").matcher(html);
        if (!m.find()) {
            throw new AssertionError("no form on the page: " + html);
        }
        String action = m.group(1).replace("&amp;", "&");
        // A query-only reference keeps the page's path (RFC 3986, as browsers do; java.net.URI follows RFC 2396 here).
        return action.startsWith("?") ? pageUrl.replaceFirst("\\?.*$", "") + action : java.net.URI.create(pageUrl).resolve(action).toString();
    }

    /** The contact id, found through the federation API as a coordinator would. */
    public String contactId(String fed, String email) {
        JsonNode contact = find(fed, email);
        if (contact == null) {
            throw new AssertionError("no contact " + email + " in " + fed);
        }
        return contact.get("id").asText();
    }

    JsonNode find(String fed, String email) {
        String key = stack.issueKey("HQ");
        String cursor = null;
        do {
            HttpResponse<String> page = stack.get("/v1/federations/" + fed + "/contacts?limit=200"
                    + (cursor == null ? "" : "&cursor=" + cursor), TestStack.bearer(key));
            assertEquals(200, page.statusCode(), page.body());
            JsonNode body = Json.parse(page.body());
            for (JsonNode c : body.get("contacts")) {
                if (email.equals(c.get("email").asText())) {
                    return c;
                }
            }
            cursor = body.get("nextCursor").isNull() ? null : body.get("nextCursor").asText();
        } while (cursor != null);
        return null;
    }

    /** Time passing: removes the confirmation-email throttle of an address (all federations: it counts inboxes). */
    void forgetThrottle(String fed, String email) {
        platform.confirmationThrottle().forget(fr.eterrain.core.contacts.ConfirmationThrottle.key(platform.hash(), email));
    }
}
