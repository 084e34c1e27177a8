package fr.eterrain.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.json.Json;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A newsletter sent for real on the local runtime (API, dispatcher, SES emulator, delivery events), for tracking tests. */
final class Sends {
    private final TestStack stack;
    private final Contacts contacts;

    Sends(TestStack stack) {
        this.stack = stack;
        this.contacts = new Contacts(stack);
    }

    Contacts contacts() {
        return contacts;
    }

    /** @param recipients email → contact id; key: the federation's key */
    record Sent(String fed, String newsletterId, String key, Map<String, String> recipients) {
    }

    /** Confirmed contacts (email → audience consent), tagged together, sent a newsletter with these two links. */
    Sent send(String fed, Map<String, Boolean> people, String subject, String link0, String link1) {
        String key = stack.issueKey(fed);
        String tag = "s" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> recipients = new LinkedHashMap<>();
        people.forEach((email, audience) -> {
            String id = contacts.confirmedContact(fed, email, audience);
            assertEquals(200, stack.send("PATCH", "/v1/federations/" + fed + "/contacts/" + id, "application/json",
                    "{\"tags\":[\"" + tag + "\"]}", TestStack.bearer(key)).statusCode());
            recipients.put(email, id);
        });
        String draft = """
                {"subject":"%s","segment":{"tags":["%s"]},
                 "blocks":[{"type":"heading","text":"Bonjour {{firstName}}"},
                           {"type":"text","markdown":"Lisez [le programme](%s)."},
                           {"type":"button","label":"Je participe","url":"%s"}]}
                """.formatted(subject, tag, link0, link1);
        HttpResponse<String> created = stack.post("/v1/federations/" + fed + "/newsletters", "application/json", draft,
                TestStack.bearer(key));
        assertEquals(201, created.statusCode(), created.body());
        String id = Json.parse(created.body()).get("id").asText();
        assertEquals(202, stack.post("/v1/federations/" + fed + "/newsletters/" + id + "/send", "application/json", "{}",
                TestStack.bearer(key)).statusCode());
        awaitDelivered(fed, id, key, people.size());
        return new Sent(fed, id, key, recipients);
    }

    private void awaitDelivered(String fed, String id, String key, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            stack.awaitEvents();
            JsonNode nl = Json.parse(stack.get("/v1/federations/" + fed + "/newsletters/" + id, TestStack.bearer(key)).body());
            if (nl.get("state").asText().equals("sent") && nl.get("progress").get("delivered").asInt() >= count) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("newsletter not sent and delivered: " + nl);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The email of that newsletter to that address. */
    JsonNode email(String address, String subject) {
        List<JsonNode> found = new ArrayList<>();
        stack.emailsTo(address).forEach(e -> {
            if (e.path("subject").asText().equals(subject)) {
                found.add(e);
            }
        });
        assertEquals(1, found.size(), "one email to " + address);
        return found.get(0);
    }
}
