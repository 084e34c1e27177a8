package fr.eterrain.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.eterrain.core.contacts.Category;
import fr.eterrain.core.contacts.ConsentWordings;
import fr.eterrain.core.contacts.Contact;
import fr.eterrain.core.contacts.ContactStatus;
import fr.eterrain.core.contacts.SignupRequest;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.testing.TestCore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetentionFunctionTest {
    private final TestCore core = new TestCore(100);
    private final RetentionFunction function = new RetentionFunction(core.federations, core.store, core.service, core.clock, false);

    private String activeContact(String email) {
        core.service.signup(core.federations.require("06"), new SignupRequest(email, "A", null, null, Category.CURIEUX,
                false, ConsentWordings.current(), null, false), "1.1.1.1", "UA");
        core.service.confirm(TestCore.token(core.mailer.sent.get(core.mailer.sent.size() - 1).text(), "/v1/confirm"), null, null);
        return core.store.contacts.get("06").values().stream().filter(c -> c.getEmail().equals(email)).findFirst().orElseThrow().getId();
    }

    private void run() {
        function.handleEvent(Json.parse("{\"federations\":[\"06\"]}"), "test");
    }

    @Test
    void threeQuietYearsBringOneReconfirmationThenErasureWithoutAYes() {
        String id = activeContact("quiet@exemple.fr");
        int mails = core.mailer.sent.size();
        core.clock.advance(RetentionPolicy.INACTIVITY.plusDays(1));
        run();
        assertEquals(mails + 1, core.mailer.sent.size(), "asked once");
        assertTrue(core.mailer.sent.get(mails).subject().startsWith("Souhaitez-vous continuer"));
        run();
        assertEquals(mails + 1, core.mailer.sent.size(), "never asked twice");
        core.clock.advance(RetentionPolicy.RECONFIRM_GRACE.plusDays(1));
        run();
        assertTrue(core.store.find("06", id).isEmpty(), "erased");
        assertTrue(core.store.findEmail("06", core.hash.email("quiet@exemple.fr")).isEmpty(), "no trace left");
    }

    @Test
    void aYesKeepsTheContactForThreeMoreYears() {
        String id = activeContact("yes@exemple.fr");
        core.clock.advance(RetentionPolicy.INACTIVITY.plusDays(1));
        run();
        core.service.confirm(TestCore.token(core.mailer.sent.get(core.mailer.sent.size() - 1).text(), "/v1/confirm"), null, null);
        core.clock.advance(RetentionPolicy.RECONFIRM_GRACE.plusDays(1));
        run();
        Contact c = core.store.find("06", id).orElseThrow();
        assertEquals(ContactStatus.ACTIVE, c.getStatus());
        assertEquals(null, c.getReconfirmRequestedAt());
    }

    @Test
    void neverConfirmedSignupsGoAfterSixtyDaysAndObjectionsStaySuppressed() {
        core.service.signup(core.federations.require("06"), new SignupRequest("never@exemple.fr", null, null, null,
                Category.CURIEUX, false, ConsentWordings.current(), null, false), "1.1.1.1", "UA");
        String left = activeContact("left@exemple.fr");
        core.service.withdraw(TestCore.token(core.links.unsubscribe("06", left), "/v1/unsubscribe"),
                fr.eterrain.core.contacts.ContactService.WithdrawScope.NEWSLETTER, null, null, "test");
        core.clock.advance(Duration.ofDays(61));
        run();
        assertTrue(core.store.findEmail("06", core.hash.email("never@exemple.fr")).isEmpty());
        assertTrue(core.store.find("06", left).isPresent(), "objection kept for now");
        core.clock.advance(RetentionPolicy.INACTIVITY);
        run();
        assertFalse(core.store.find("06", left).isPresent());
        assertNotNull(core.store.findEmail("06", core.hash.email("left@exemple.fr")).filter(e -> e.isSuppressed()).orElse(null));
    }

    @Test
    void aRunWithAnUnreadableClockOrAnUnknownFederationIsDroppedAndChangesNothing() {
        String id = activeContact("odd@exemple.fr");
        int mails = core.mailer.sent.size();
        core.clock.advance(RetentionPolicy.INACTIVITY.plusDays(1));
        RetentionFunction local = new RetentionFunction(core.federations, core.store, core.service, core.clock, true);
        // The schema's date-time format lets this through; Instant.parse does not.
        assertEquals("invalid_format", local.handleEvent(Json.parse("{\"federations\":[\"06\"],\"now\":\"2026-11-24T10:00:00Z975\"}"), "t")
                .at("/error/code").asText());
        assertEquals("not_found", function.handleEvent(Json.parse("{\"federations\":[\"99\"]}"), "t").at("/error/code").asText());
        assertEquals("malformed_event", function.handleEvent(Json.parse("[\"06\"]"), "t").at("/error/code").asText());
        assertEquals(mails, core.mailer.sent.size(), "nobody asked");
        assertNull(core.store.find("06", id).orElseThrow().getReconfirmRequestedAt());
    }
}
