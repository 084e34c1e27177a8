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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

    /**
     * Confirmed contacts (email → audience consent), tagged together, sent a newsletter with these two links. The
     * contacts are made several at a time: their signup and confirmation round trips are most of the time it takes.
     */
    Sent send(String fed, Map<String, Boolean> people, String subject, String link0, String link1) throws Exception {
        String key = stack.issueKey(fed);
        String tag = "s" + UUID.randomUUID().toString().substring(0, 8);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Map<String, String> recipients = new LinkedHashMap<>();
        try {
            List<Future<String>> ids = new ArrayList<>();
            people.forEach((email, audience) -> ids.add(pool.submit(() -> {
                String id = contacts.confirmedContact(fed, email, audience);
                HttpResponse<String> tagged = stack.send("PATCH", "/v1/federations/" + fed + "/contacts/" + id,
                        "application/json", "{\"tags\":[\"" + tag + "\"]}", TestStack.bearer(key));
                assertEquals(200, tagged.statusCode(), tagged.body());
                return id;
            })));
            int i = 0;
            for (String email : people.keySet()) {
                recipients.put(email, ids.get(i++).get());
            }
        } finally {
            pool.shutdownNow();
        }
        String id = newsletter(fed, key, tag, subject, link0, link1);
        awaitDelivered(fed, key, id, people.size());
        return new Sent(fed, id, key, recipients);
    }

    /** A newsletter with these two links to everyone tagged {@code tag}, sent now; its id. */
    String newsletter(String fed, String key, String tag, String subject, String link0, String link1) {
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
        return id;
    }

    /** Waits until the newsletter is sent and SES reported {@code count} deliveries. */
    void awaitDelivered(String fed, String key, String id, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            stack.awaitEvents();
            JsonNode nl = Json.parse(stack.get("/v1/federations/" + fed + "/newsletters/" + id, TestStack.bearer(key)).body());
            if (nl.get("state").asText().equals("sent") && nl.get("progress").get("delivered").asInt() >= count) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("newsletter not sent and delivered: " + nl);
            }
            Thread.sleep(100);
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
