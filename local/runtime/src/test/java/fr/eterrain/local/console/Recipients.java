package fr.eterrain.local.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.eterrain.local.Contacts;
import fr.eterrain.local.Emails;
import fr.eterrain.local.TestStack;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * People a newsletter can reach, made as the public makes them: signed up on the federation's form (consenting to
 * audience measurement, so their clicks count for them), confirmed from the email, then tagged by the federation.
 */
final class Recipients {
    private static final Pattern FORM = Pattern.compile("<form method=\"post\" action=\"([^\"]*)\"");

    private final TestStack stack;
    private final String key;
    private final Contacts contacts;

    Recipients(TestStack stack) {
        this.stack = stack;
        this.key = stack.issueKey("HQ");
        this.contacts = new Contacts(stack);
    }

    /** A tag no other test uses. */
    static String newTag() {
        return "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** n confirmed contacts of the federation carrying the tag; their addresses. */
    List<String> tagged(String fed, String tag, int n) {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String email = TestStack.uniqueEmail("lecteur");
            String signup = """
                    {"email":"%s","firstName":"Lou","postalCode":"13001","category":"sympathisant",
                     "consent":{"newsletter":true,"audienceMeasurement":true,"wordingVersion":"2026-11"},"source":"console-journey"}
                    """.formatted(email);
            assertEquals(202, stack.post("/v1/federations/" + fed + "/signups", "application/json", signup).statusCode());
            String link = Emails.link(stack.awaitEmailTo(email), "/v1/confirm");
            HttpResponse<String> page = stack.get(link);
            assertEquals(200, page.statusCode(), page.body());
            Matcher form = FORM.matcher(page.body());
            if (!form.find()) {
                throw new AssertionError("no form on the confirmation page");
            }
            String action = form.group(1).replace("&amp;", "&");
            String target = action.startsWith("?") ? link.replaceFirst("\\?.*$", "") + action : URI.create(link).resolve(action).toString();
            assertEquals(200, stack.post(target, "application/x-www-form-urlencoded", "", "origin", stack.apiUrl()).statusCode());
            String id = contacts.contactId(fed, email);
            HttpResponse<String> tagged = stack.send("PATCH", "/v1/federations/" + fed + "/contacts/" + id, "application/json",
                    "{\"tags\":[\"" + tag + "\"]}", TestStack.bearer(key));
            assertEquals(200, tagged.statusCode(), tagged.body());
            emails.add(email);
        }
        return emails;
    }

    String hqKey() {
        return key;
    }
}
