package fr.eterrain.core.newsletters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.contacts.Category;
import fr.eterrain.core.contacts.Contact;
import fr.eterrain.core.contacts.ConsentWordings;
import fr.eterrain.core.contacts.SignupRequest;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.mail.EmailMessage;
import fr.eterrain.core.testing.InMemoryNewsletterStore;
import fr.eterrain.core.testing.TestCore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SES events for transactional emails and newsletters, over the in-memory fakes. */
class FeedbackServiceTest {
    private final TestCore core = new TestCore();
    private final InMemoryNewsletterStore newsletters = new InMemoryNewsletterStore();
    private final List<String> reputation = new ArrayList<>();
    private final FeedbackService feedback = new FeedbackService(newsletters, core.store, new Reputation() {
        @Override
        public void recordSent(String federation, int count) {
            reputation.add("sent " + federation + " " + count);
        }

        @Override
        public void recordProblem(String federation, boolean complaint) {
            reputation.add((complaint ? "complaint " : "bounce ") + federation);
        }

        @Override
        public Optional<String> paused(String federation) {
            return Optional.empty();
        }

        @Override
        public void resume(String federation) {
        }
    }, core.clock, core.hash);

    /** The SES event of this type about an email we sent, as the configuration set publishes it. */
    private static JsonNode event(String type, EmailMessage email) {
        ObjectNode detail = Json.object().put("eventType", type);
        ObjectNode mail = detail.putObject("mail").put("messageId", "ses-1");
        mail.putArray("destination").add(email.to());
        email.headers().forEach((name, value) -> mail.withArray("headers").addObject().put("name", name).put("value", value));
        if (type.equals("Bounce")) {
            detail.putObject("bounce").put("bounceType", "Permanent");
        }
        return detail;
    }

    private EmailMessage confirmationEmail() {
        core.service.signup(core.federations.require("06"), new SignupRequest("marie@exemple.fr", null, null, null, Category.CURIEUX,
                false, ConsentWordings.current(), null, false), "1.2.3.4", "UA");
        return core.mailer.sent.get(core.mailer.sent.size() - 1);
    }

    @Test
    void aBouncedConfirmationEmailSuppressesTheAddressAndCountsOnceTowardTheReputation() {
        EmailMessage confirmation = confirmationEmail();
        assertEquals("Send", feedback.handle(event("Send", confirmation)));
        assertEquals("Bounce", feedback.handle(event("Bounce", confirmation)));
        feedback.handle(event("Bounce", confirmation)); // SES may deliver an event twice
        Contact marie = core.store.contacts.get("06").values().iterator().next();
        assertTrue(marie.isSuppressed());
        assertTrue(core.store.findEmail("06", core.hash.email("marie@exemple.fr")).orElseThrow().isSuppressed());
        assertEquals(List.of("sent 06 1", "bounce 06"), reputation);
    }

    @Test
    void aComplaintOnAWelcomeEmailSuppressesTheAddress() {
        confirmationEmail();
        String token = TestCore.token(core.mailer.sent.get(0).text(), "/v1/confirm");
        core.service.confirm(token, null, null);
        EmailMessage welcome = core.mailer.sent.get(1);
        assertTrue(welcome.headers().get(NewsletterRenderer.MESSAGE_HEADER).startsWith("06.welcome.c"));
        assertEquals("Complaint", feedback.handle(event("Complaint", welcome)));
        assertTrue(core.store.contacts.get("06").values().iterator().next().isSuppressed());
        assertEquals(List.of("complaint 06"), reputation);
    }

    @Test
    void aBouncedTestEmailSuppressesItsAddress() {
        EmailMessage test = new EmailMessage("f@x.fr", "Relecture@Exemple.fr", "[TEST] x", "<p>x</p>", "x",
                java.util.Map.of(NewsletterRenderer.MESSAGE_HEADER, "06.test.nAbc"));
        feedback.handle(event("Bounce", test));
        feedback.handle(event("Bounce", test));
        assertTrue(core.store.findEmail("06", core.hash.email("relecture@exemple.fr")).orElseThrow().isSuppressed());
        assertEquals(List.of("bounce 06"), reputation);
    }

    @Test
    void sesOwnSendEventCountsAMeasuredRecipientOnce() {
        Newsletter nl = new Newsletter();
        nl.setId("n1");
        nl.setSubject("x");
        nl.setBlocks(Json.parse("[]"));
        nl.setCreatedAt(Instant.now());
        nl.setUpdatedAt(Instant.now());
        newsletters.create("06", nl);
        newsletters.addRecipient("06", "n1", "c1");
        newsletters.claim("06", "n1", "c1", "dead-worker", Instant.now());
        EmailMessage sent = new EmailMessage("f@x.fr", "a@exemple.fr", "x", "x", "x",
                java.util.Map.of(NewsletterRenderer.MESSAGE_HEADER, "06.n1.c1.m"));
        feedback.handle(event("Send", sent));
        feedback.handle(event("Send", sent));
        assertEquals(1, newsletters.find("06", "n1").orElseThrow().getSent());
        assertEquals(1, newsletters.find("06", "n1").orElseThrow().getMeasured());
        assertFalse(reputation.contains("sent 06 1"), "a newsletter's sends are counted by the dispatcher");
    }
}
