package fr.eterrain.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.Platform;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.mail.Mailer;
import fr.eterrain.core.newsletters.DispatchSettings;
import fr.eterrain.core.newsletters.Dispatcher;
import fr.eterrain.core.newsletters.NewsletterService;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Newsletters end to end on the local runtime: exactly one email per recipient, whatever happens to workers. */
class NewsletterIT {
    private final TestStack stack = TestStack.get();
    private final Contacts contacts = new Contacts(stack);

    private record Audience(String fed, String tag, List<String> emails, String key) {
    }

    /** N confirmed contacts carrying a tag no other test uses. */
    private Audience audience(String fed, int n) {
        String tag = "t" + UUID.randomUUID().toString().substring(0, 8);
        String key = stack.issueKey(fed);
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String email = TestStack.uniqueEmail("nl");
            String id = contacts.confirmedContact(fed, email, i % 2 == 0);
            assertEquals(200, stack.send("PATCH", "/v1/federations/" + fed + "/contacts/" + id, "application/json",
                    "{\"tags\":[\"" + tag + "\"]}", TestStack.bearer(key)).statusCode());
            emails.add(email);
        }
        return new Audience(fed, tag, emails, key);
    }

    private String draft(String subject, String tag) {
        return """
                {"subject":"%s","preheader":"Les nouvelles","segment":{"tags":["%s"]},
                 "blocks":[{"type":"heading","text":"Bonjour {{firstName}}"},
                           {"type":"text","markdown":"Venez **nombreux** : [le programme](https://exemple.fr/programme)"},
                           {"type":"button","label":"Je participe","url":"https://exemple.fr/inscription"}]}
                """.formatted(subject, tag);
    }

    private String create(Audience a, String subject) {
        HttpResponse<String> created = stack.post("/v1/federations/" + a.fed() + "/newsletters", "application/json",
                draft(subject, a.tag()), TestStack.bearer(a.key()));
        assertEquals(201, created.statusCode(), created.body());
        return Json.parse(created.body()).get("id").asText();
    }

    private JsonNode awaitState(Audience a, String id, String state) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            stack.awaitEvents();
            JsonNode nl = Json.parse(stack.get("/v1/federations/" + a.fed() + "/newsletters/" + id, TestStack.bearer(a.key())).body());
            if (nl.get("state").asText().equals(state)) {
                return nl;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("newsletter never reached " + state + ": " + nl);
            }
            sleep(200);
        }
    }

    private List<JsonNode> received(String subject) {
        List<JsonNode> found = new ArrayList<>();
        stack.sentEmails().path("emails").forEach(e -> {
            if (e.path("subject").asText().equals(subject)) {
                found.add(e);
            }
        });
        return found;
    }

    private void assertExactlyOnePerRecipient(Audience a, String subject) {
        List<JsonNode> mails = received(subject);
        assertEquals(a.emails().size(), mails.size(), "emails for " + subject);
        for (String email : a.emails()) {
            assertEquals(1, mails.stream().filter(m -> m.path("destination").path("to").toString().contains(email)).count(), email);
        }
    }

    @Test
    void oneSendReachesEachRecipientOnceWithItsOwnWorkingUnsubscribeLink() {
        Audience a = audience("44", 4);
        String id = create(a, "Lettre " + a.tag());
        JsonNode count = Json.parse(stack.get("/v1/federations/44/newsletters/" + id + "/audience", TestStack.bearer(a.key())).body());
        assertEquals(4, count.get("count").asInt());
        HttpResponse<String> preview = stack.get("/v1/federations/44/newsletters/" + id + "/preview", TestStack.bearer(a.key()));
        assertEquals(200, preview.statusCode());
        assertTrue(preview.body().contains("https://exemple.fr/programme"));

        assertEquals(202, stack.post("/v1/federations/44/newsletters/" + id + "/send", "application/json", "{}",
                TestStack.bearer(a.key())).statusCode());
        // The same trigger delivered twice more, while the first run may still be going.
        Platform platform = contacts.platform();
        platform.events().publish(List.of(NewsletterService.dispatchEvent(NewsletterService.SEND_REQUESTED, "44", id),
                NewsletterService.dispatchEvent(NewsletterService.DISPATCH_CONTINUE, "44", id)));
        JsonNode sent = awaitState(a, id, "sent");
        assertEquals(4, sent.get("progress").get("total").asInt());
        assertEquals(4, sent.get("progress").get("sent").asInt());
        assertExactlyOnePerRecipient(a, "Lettre " + a.tag());
        assertEquals(4, awaitDelivered(a, id), "SES delivery events counted once each");

        JsonNode first = received("Lettre " + a.tag()).get(0);
        List<String> unsubscribeHeaders = new ArrayList<>();
        first.path("headers").forEach(h -> {
            if (h.path("name").asText().equalsIgnoreCase("List-Unsubscribe")) {
                unsubscribeHeaders.add(h.path("value").asText());
            }
        });
        assertEquals(1, unsubscribeHeaders.size());
        assertEquals("List-Unsubscribe=One-Click", Emails.header(first, "List-Unsubscribe-Post").orElseThrow());
        String url = unsubscribeHeaders.get(0).substring(1, unsubscribeHeaders.get(0).length() - 1);
        assertTrue(Emails.links(first).contains(url), "a visible unsubscribe link as well");
        HttpResponse<String> oneClick = stack.post(url, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");
        assertEquals(200, oneClick.statusCode());
        String recipient = first.path("destination").path("to").get(0).asText();
        assertEquals("unsubscribed", contacts.find("44", recipient.replaceAll(".*<|>.*", "")).get("status").asText());

        assertEquals(409, stack.post("/v1/federations/44/newsletters/" + id + "/send", "application/json", "{}",
                TestStack.bearer(a.key())).statusCode(), "sending twice is refused");
        assertEquals(409, stack.send("PATCH", "/v1/federations/44/newsletters/" + id, "application/json",
                draft("x", a.tag()), TestStack.bearer(a.key())).statusCode(), "no editing after sending");
    }

    private int awaitDelivered(Audience a, String id) {
        for (int i = 0; i < 50; i++) {
            stack.awaitEvents();
            JsonNode nl = Json.parse(stack.get("/v1/federations/" + a.fed() + "/newsletters/" + id, TestStack.bearer(a.key())).body());
            int delivered = nl.get("progress").get("delivered").asInt();
            if (delivered >= a.emails().size()) {
                return delivered;
            }
            sleep(100);
        }
        return -1;
    }

    @Test
    void aWorkerKilledMidSendIsFinishedByTheNextWithoutDuplicates() throws Exception {
        // More than one page (25): a worker claims a page before sending it, so the second worker finds the rest.
        Audience a = audience("45", 30);
        String subject = "Reprise " + a.tag();
        String id = create(a, subject);
        Platform platform = new Platform(stack.settings().with(Map.of("DISPATCH_RECONCILE_AFTER", "PT2S")));
        // Scheduled without announcing it on the bus: this test runs the workers itself.
        platform.newsletterService(events -> { }).send(platform.federations().require("45"), id, null);

        // Worker 1 dies right after SES took its third message, before recording it, holding the rest of its page;
        // worker 2 dies before handing its first message to SES. Then the tick's retry finishes the job.
        runDying(platform, id, 2, true);
        runDying(platform, id, 0, false);
        sleep(2_500);
        stack.awaitEvents();
        Dispatcher.Outcome outcome = platform.dispatcher().run("45", id, "retry");
        assertEquals(Dispatcher.Outcome.FINISHED, outcome);
        assertExactlyOnePerRecipient(a, subject);
        JsonNode nl = awaitState(a, id, "sent");
        assertEquals(30, nl.get("progress").get("sent").asInt());
    }

    /** A worker whose process dies after {@code sendsBeforeDeath} messages, after or before SES takes the next one. */
    private void runDying(Platform platform, String id, int sendsBeforeDeath, boolean afterSes) {
        AtomicInteger sends = new AtomicInteger();
        Mailer dying = message -> {
            if (sends.get() == sendsBeforeDeath && !afterSes) {
                throw new WorkerDied();
            }
            String messageId = platform.mailer().send(message);
            if (sends.incrementAndGet() > sendsBeforeDeath && afterSes) {
                throw new WorkerDied();
            }
            return messageId;
        };
        // One send at a time, so that "after n messages" is one precise moment.
        DispatchSettings concurrent = platform.dispatchSettings();
        DispatchSettings settings = new DispatchSettings(concurrent.ratePerSecond(), concurrent.lease(),
                concurrent.reconcileAfter(), concurrent.budget(), 1);
        Dispatcher worker = new Dispatcher(platform.newsletters(), platform.contacts(), platform.federations(), dying,
                platform.newsletterRenderer(), (fed, wanted) -> wanted, platform.blackouts(), platform.activeSends(),
                platform.reputation(), events -> { }, Clock.systemUTC(), settings);
        assertThrows(WorkerDied.class, () -> worker.run("45", id, "dying-" + sendsBeforeDeath));
    }

    /** Stands for the Lambda process being killed: an Error nothing in the dispatcher catches. */
    private static final class WorkerDied extends Error {
    }

    @Test
    void aSimulatorBounceSuppressesTheContactForGood() {
        String fed = "46";
        String key = stack.issueKey(fed);
        String tag = "b" + UUID.randomUUID().toString().substring(0, 8);
        // Imported with proof of consent: no confirmation email, which would bounce first and suppress it already.
        String bouncing = UUID.randomUUID().toString().substring(0, 8) + "-bounce@simulator.amazonses.com";
        assertEquals(200, stack.post("/v1/federations/" + fed + "/contacts/import", "text/csv",
                "email;consentWordingVersion;consentDate;consentSource\n" + bouncing + ";papier-2024;2024-03-01;salon\n",
                TestStack.bearer(key)).statusCode());
        String bounceId = contacts.contactId(fed, bouncing);
        String okEmail = TestStack.uniqueEmail("ok");
        String okId = contacts.confirmedContact(fed, okEmail, false);
        for (String id : List.of(bounceId, okId)) {
            stack.send("PATCH", "/v1/federations/" + fed + "/contacts/" + id, "application/json", "{\"tags\":[\"" + tag + "\"]}",
                    TestStack.bearer(key));
        }
        Audience a = new Audience(fed, tag, List.of(bouncing, okEmail), key);
        String id = create(a, "Rebond " + tag);
        assertEquals(202, stack.post("/v1/federations/" + fed + "/newsletters/" + id + "/send", "application/json", "",
                TestStack.bearer(key)).statusCode());
        awaitState(a, id, "sent");
        JsonNode nl = null;
        for (int i = 0; i < 50; i++) {
            stack.awaitEvents();
            nl = Json.parse(stack.get("/v1/federations/" + fed + "/newsletters/" + id, TestStack.bearer(key)).body());
            if (nl.get("progress").get("bounced").asInt() == 1 && nl.get("progress").get("delivered").asInt() == 1) {
                break;
            }
            sleep(100);
        }
        assertEquals(1, nl.get("progress").get("bounced").asInt());
        JsonNode bounced = Json.parse(stack.get("/v1/federations/" + fed + "/contacts/" + bounceId, TestStack.bearer(key)).body());
        assertTrue(bounced.get("suppressed").asBoolean());
        assertEquals("hard-bounce", bounced.get("suppressionReason").asText());
        JsonNode count = Json.parse(stack.post("/v1/federations/" + fed + "/audience", "application/json",
                "{\"segment\":{\"tags\":[\"" + tag + "\"]}}", TestStack.bearer(key)).body());
        assertEquals(1, count.get("count").asInt(), "the bounced address is out of every audience");
    }

    @Test
    void badDraftsAndSendsAreRefusedClearlyAndChangeNothing() {
        String fed = "47";
        String key = stack.issueKey(fed);
        String base = "/v1/federations/" + fed + "/newsletters";
        Object[][] cases = {
                {"{\"subject\":\"x\",\"blocks\":[{\"type\":\"video\",\"url\":\"https://x.fr\"}]}", 400},
                {"{\"subject\":\"x\",\"blocks\":[{\"type\":\"button\",\"label\":\"x\",\"url\":\"javascript:alert(1)\"}]}", 400},
                {"{\"subject\":\"x\",\"blocks\":[{\"type\":\"image\",\"url\":\"http://x.fr/a.png\",\"alt\":\"a\"}]}", 400},
                {"{\"subject\":\"x\",\"blocks\":[]}", 400},
                {"{\"subject\":\"x\",\"blocks\":[{\"type\":\"text\",\"markdown\":\"" + "x".repeat(70_000) + "\"}]}", 413},
        };
        for (Object[] c : cases) {
            HttpResponse<String> r = stack.post(base, "application/json", (String) c[0], TestStack.bearer(key));
            assertEquals(c[1], r.statusCode(), r.body());
            assertTrue(Json.parse(r.body()).has("code"));
        }
        assertEquals(0, Json.parse(stack.get(base, TestStack.bearer(key)).body()).get("newsletters").size(), "nothing written");

        String id = Json.parse(stack.post(base, "application/json", draft("Vide", "no-such-tag"), TestStack.bearer(key)).body())
                .get("id").asText();
        HttpResponse<String> empty = stack.post(base + "/" + id + "/send", "application/json", "{}", TestStack.bearer(key));
        assertEquals(400, empty.statusCode());
        assertEquals("empty_segment", Json.parse(empty.body()).get("code").asText());
        assertEquals("draft", Json.parse(stack.get(base + "/" + id, TestStack.bearer(key)).body()).get("state").asText());
        assertEquals(400, stack.post(base + "/" + id + "/send", "application/json", "{\"at\":\"demain\"}", TestStack.bearer(key)).statusCode());
        assertEquals(409, stack.post(base + "/" + id + "/cancel", "application/json", "", TestStack.bearer(key)).statusCode(),
                "a draft has nothing to cancel");
    }

    @Test
    void aScheduledSendCanBeCancelledAndNothingLeaves() {
        Audience a = audience("49", 1);
        String subject = "Plus tard " + a.tag();
        String id = create(a, subject);
        String tomorrow = java.time.LocalDateTime.now(java.time.ZoneId.of("Europe/Paris")).plusDays(1).withNano(0).toString();
        HttpResponse<String> scheduled = stack.post("/v1/federations/49/newsletters/" + id + "/send", "application/json",
                "{\"at\":\"" + tomorrow + "\"}", TestStack.bearer(a.key()));
        assertEquals(202, scheduled.statusCode(), scheduled.body());
        assertEquals("scheduled", Json.parse(scheduled.body()).get("state").asText());
        assertEquals(Dispatcher.Outcome.NOT_DUE, run(id), "not before its time");
        assertEquals("cancelled", Json.parse(stack.post("/v1/federations/49/newsletters/" + id + "/cancel", "application/json", "",
                TestStack.bearer(a.key())).body()).get("state").asText());
        assertEquals(Dispatcher.Outcome.SKIPPED, run(id));
        stack.awaitEvents();
        assertEquals(0, received(subject).size());
    }

    private Dispatcher.Outcome run(String id) {
        try {
            return contacts.platform().dispatcher().run("49", id, "test");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void noNewsletterLeavesDuringABlackout() {
        Audience a = audience("48", 1);
        String id = create(a, "Silence " + a.tag());
        String hq = stack.issueKey("HQ");
        String now = java.time.Instant.now().minusSeconds(60).toString();
        String later = java.time.Instant.now().plusSeconds(3600).toString();
        HttpResponse<String> blackout = stack.post("/v1/blackouts", "application/json",
                "{\"start\":\"" + now + "\",\"end\":\"" + later + "\",\"reason\":\"silence électorale\",\"federations\":[\"48\"]}",
                TestStack.bearer(hq));
        assertEquals(201, blackout.statusCode(), blackout.body());
        assertEquals(403, stack.post("/v1/blackouts", "application/json", "{}", TestStack.bearer(a.key())).statusCode());
        HttpResponse<String> refused = stack.post("/v1/federations/48/newsletters/" + id + "/send", "application/json", "{}",
                TestStack.bearer(a.key()));
        assertEquals(409, refused.statusCode());
        assertTrue(Json.parse(refused.body()).get("message").asText().contains("silence électorale"));
        assertEquals(204, stack.send("DELETE", "/v1/blackouts/" + Json.parse(blackout.body()).get("id").asText(), null, null,
                TestStack.bearer(hq)).statusCode());
        assertEquals(0, received("Silence " + a.tag()).size());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Test sends keep the safeguards of a real send: blackouts, reputation pauses, suppressions, and a limit. */
    @Test
    void testSendsObeyBlackoutsPausesSuppressionsAndTwentyAnHour() {
        String fed = "44";
        String key = stack.issueKey(fed);
        String hq = stack.issueKey("HQ");
        String tag = "ts" + UUID.randomUUID().toString().substring(0, 8);
        String subject = "Relecture " + tag;
        HttpResponse<String> created = stack.post("/v1/federations/" + fed + "/newsletters", "application/json", draft(subject, tag),
                TestStack.bearer(key));
        String test = "/v1/federations/" + fed + "/newsletters/" + Json.parse(created.body()).get("id").asText() + "/test";
        String reviewer = TestStack.uniqueEmail("relecture");
        // The limit counts in clock hours: start well inside one.
        long intoHour = java.time.Instant.now().getEpochSecond() % 3600;
        if (intoHour > 3600 - 120) {
            sleep((3600 - intoHour + 1) * 1000);
        }

        HttpResponse<String> blackout = stack.post("/v1/blackouts", "application/json", "{\"start\":\""
                + java.time.Instant.now().minusSeconds(60) + "\",\"end\":\"" + java.time.Instant.now().plusSeconds(3600)
                + "\",\"reason\":\"silence électorale\",\"federations\":[\"" + fed + "\"]}", TestStack.bearer(hq));
        HttpResponse<String> during = stack.post(test, "application/json", "{\"addresses\":[\"" + reviewer + "\"]}", TestStack.bearer(key));
        assertEquals(409, during.statusCode(), during.body());
        assertEquals("blackout", Json.parse(during.body()).get("code").asText());
        assertEquals(204, stack.send("DELETE", "/v1/blackouts/" + Json.parse(blackout.body()).get("id").asText(), null, null,
                TestStack.bearer(hq)).statusCode());

        var dynamo = contacts.platform().clients().dynamo();
        String platformTable = new fr.eterrain.core.store.TableLayout(stack.settings().tablePrefix()).platformTable();
        dynamo.putItem(r -> r.tableName(platformTable).item(java.util.Map.of(
                "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("SENDING_PAUSED"),
                "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(fed),
                "reason", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("Envois suspendus (test)."))));
        HttpResponse<String> paused = stack.post(test, "application/json", "{\"addresses\":[\"" + reviewer + "\"]}", TestStack.bearer(key));
        assertEquals(409, paused.statusCode(), paused.body());
        assertEquals("sending_paused", Json.parse(paused.body()).get("code").asText());
        assertEquals(204, stack.post("/v1/federations/" + fed + "/sending/resume", "application/json", "", TestStack.bearer(hq)).statusCode());

        String gone = TestStack.uniqueEmail("efface");
        String goneId = contacts.confirmedContact(fed, gone, false);
        assertEquals(204, stack.send("DELETE", "/v1/federations/" + fed + "/contacts/" + goneId, null, null, TestStack.bearer(key)).statusCode());
        HttpResponse<String> sent = stack.post(test, "application/json", "{\"addresses\":[\"" + reviewer + "\",\"" + gone + "\"]}",
                TestStack.bearer(key));
        assertEquals(200, sent.statusCode(), sent.body());
        assertEquals(1, Json.parse(sent.body()).get("sent").asInt());
        assertEquals(1, Json.parse(sent.body()).get("skipped").asInt());
        stack.awaitEvents();
        assertEquals(0, stack.emailsTo(gone).stream().filter(m -> m.path("subject").asText().contains(subject)).count(),
                "never to an erased address");

        for (int i = 1; i < 20; i++) {
            assertEquals(200, stack.post(test, "application/json", "{\"addresses\":[\"" + reviewer + "\"]}", TestStack.bearer(key))
                    .statusCode(), "test email " + (i + 1));
        }
        HttpResponse<String> over = stack.post(test, "application/json", "{\"addresses\":[\"" + reviewer + "\"]}", TestStack.bearer(key));
        assertEquals(429, over.statusCode(), over.body());
        stack.awaitEvents();
        assertEquals(20, stack.emailsTo(reviewer).size(), "twenty test emails in the hour, not one more");
    }
}
