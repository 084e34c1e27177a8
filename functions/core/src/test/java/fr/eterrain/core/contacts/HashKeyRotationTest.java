package fr.eterrain.core.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.eterrain.core.security.KeyedHash;
import fr.eterrain.core.testing.Fakes;
import fr.eterrain.core.testing.TestCore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** While HASH_KEY rotates, an address indexed or suppressed under the previous key is still found. */
class HashKeyRotationTest {
    private final TestCore core = new TestCore();

    /** The same stores, with the ring (new key first, TestCore's as the previous one); signups handled at once. */
    private ContactService withRing() {
        Map<String, byte[]> ring = new LinkedHashMap<>();
        ring.put("k2", TestCore.key("a new hash key"));
        ring.put("k1", TestCore.key("hash"));
        Fakes.SignupBus bus = new Fakes.SignupBus(core.events);
        ContactService service = new ContactService(core.store, core.federations, core.mailer,
                new ConfirmationEmails(core.links, "e-terrain.test"), core.rateLimiter, new KeyedHash(ring), core.tokens,
                core.clock, 5, Duration.ofMinutes(10), core.signups, core.throttle, bus);
        bus.handleSignupsWith(service);
        return service;
    }

    private static SignupRequest signup(String email) {
        return new SignupRequest(email, "Marie", null, null, Category.SYMPATHISANT, false, ConsentWordings.current(), "site", false);
    }

    @Test
    void anAddressSuppressedUnderThePreviousKeyStaysSuppressed() {
        core.store.suppress("06", core.hash.email("marie@example.org"), "bounce", core.clock.instant());
        withRing().signup(core.federations.require("06"), signup("marie@example.org"), "203.0.113.1", "ua");
        assertEquals(0, core.mailer.sent.size(), "no email to an address suppressed under the previous key");
        assertEquals(0, core.store.contacts.getOrDefault("06", Map.of()).size());
    }

    @Test
    void aContactIndexedUnderThePreviousKeyIsFoundNotDuplicated() {
        core.service.signup(core.federations.require("06"), signup("jean@example.org"), "203.0.113.1", "ua");
        core.clock.advance(Duration.ofHours(25));
        withRing().signup(core.federations.require("06"), signup("jean@example.org"), "203.0.113.2", "ua");
        assertEquals(1, core.store.contacts.get("06").size(), "the same contact, not a second one under the new hash");
    }
}
