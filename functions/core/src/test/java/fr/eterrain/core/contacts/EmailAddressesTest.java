package fr.eterrain.core.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EmailAddressesTest {
    @Test
    void normalisesCaseAndSpaces() {
        assertEquals("marie.dupont@exemple.fr", EmailAddresses.normalize("  Marie.Dupont@Exemple.FR ").orElseThrow());
    }

    @Test
    void refusesWhatMailboxesWouldRefuse() {
        for (String bad : new String[] {"", "plain", "a@b", "a@@b.fr", "a b@c.fr", ".a@b.fr", "a.@b.fr", "a..b@c.fr",
                "a@-b.fr", "<script>@x.fr", "a@b.f", "x".repeat(65) + "@b.fr"}) {
            assertTrue(EmailAddresses.normalize(bad).isEmpty(), bad);
        }
    }
}
