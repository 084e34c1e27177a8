package fr.eterrain.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.contacts.Category;
import fr.eterrain.core.contacts.Contact;
import fr.eterrain.core.contacts.ContactStatus;
import fr.eterrain.core.newsletters.Newsletter;
import fr.eterrain.core.newsletters.NewsletterState;
import fr.eterrain.core.newsletters.Reputation;
import fr.eterrain.core.testing.InMemoryContactStore;
import fr.eterrain.core.testing.InMemoryNewsletterStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FederationSummaryTest {
    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private final InMemoryContactStore contacts = new InMemoryContactStore();
    private final InMemoryNewsletterStore newsletters = new InMemoryNewsletterStore();
    private String paused;
    private final Reputation reputation = new Reputation() {
        public void recordSent(String federation, int count) { }
        public void recordProblem(String federation, boolean complaint) { }
        public Optional<String> paused(String federation) { return Optional.ofNullable(paused); }
        public void resume(String federation) { }
    };
    private final FederationSummary summary = new FederationSummary(contacts, newsletters, reputation, Clock.fixed(NOW, ZoneOffset.UTC));

    private void contact(String id, ContactStatus status, Category category, String created, String confirmed) {
        Contact c = new Contact();
        c.setId(id);
        c.setEmail(id + "@example.org");
        c.setEmailHash("h" + id);
        c.setStatus(status);
        c.setCategory(category);
        c.setCreatedAt(Instant.parse(created));
        c.setConfirmedAt(confirmed == null ? null : Instant.parse(confirmed));
        contacts.create("06", c, List.of());
    }

    private void newsletter(String id, NewsletterState state, String scheduledAt) {
        Newsletter nl = new Newsletter();
        nl.setId(id);
        nl.setSubject("Lettre " + id);
        nl.setState(state);
        nl.setCreatedAt(NOW.minusSeconds(3600));
        nl.setUpdatedAt(NOW.minusSeconds(3600));
        nl.setScheduledAt(scheduledAt == null ? null : Instant.parse(scheduledAt));
        newsletters.create("06", nl);
    }

    @Test
    void countsContactsByStatusCategoryAndMonthAndListsWhatNeedsAttention() {
        contact("a", ContactStatus.ACTIVE, Category.MILITANT, "2026-11-02T10:00:00Z", "2026-11-03T10:00:00Z");
        contact("b", ContactStatus.PENDING, null, "2026-10-31T23:30:00Z", null); // 1 November in Paris
        contact("c", ContactStatus.UNSUBSCRIBED, Category.CURIEUX, "2024-01-01T10:00:00Z", "2024-01-02T10:00:00Z");
        contact("d", ContactStatus.ACTIVE, Category.SYMPATHISANT, "2026-01-15T10:00:00Z", "2026-01-15T11:00:00Z");
        newsletter("d1", NewsletterState.DRAFT, null);
        newsletter("s2", NewsletterState.SCHEDULED, "2026-11-25T18:00:00Z");
        newsletter("s1", NewsletterState.SCHEDULED, "2026-11-21T18:00:00Z");
        newsletter("x", NewsletterState.SENT, null);

        JsonNode body = summary.of("06");
        assertEquals(4, body.at("/contacts/total").asLong());
        assertEquals(2, body.at("/contacts/byStatus/active").asLong());
        assertEquals(1, body.at("/contacts/byStatus/pending").asLong());
        assertEquals(1, body.at("/contacts/byCategory/none").asLong());
        assertEquals(1, body.at("/contacts/byCategory/curieux").asLong());
        JsonNode growth = body.at("/contacts/growth");
        assertEquals(12, growth.size());
        assertEquals("2025-12", growth.get(0).path("month").asText());
        assertEquals("2026-11", growth.get(11).path("month").asText());
        assertEquals(2, growth.get(11).path("added").asLong(), "added in November, Paris time");
        assertEquals(1, growth.get(11).path("confirmed").asLong());
        assertEquals(1, growth.get(1).path("added").asLong(), "January");
        assertEquals(1, body.at("/attention/drafts").size());
        assertEquals("s1", body.at("/attention/scheduled/0/id").asText(), "soonest first");
        assertFalse(body.at("/attention/sendingPause/paused").asBoolean());

        paused = "Envois suspendus";
        assertTrue(summary.of("06").at("/attention/sendingPause/paused").asBoolean());
        assertEquals("Envois suspendus", summary.of("06").at("/attention/sendingPause/reason").asText());
    }
}
