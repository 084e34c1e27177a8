package fr.eterrain.core.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CanonicalAddressTest {
    @Test
    void theSpellingsOfOneInboxShareOneKey() {
        assertEquals("mariedupont@gmail.com", CanonicalAddress.of("marie.dupont@gmail.com"));
        assertEquals("mariedupont@gmail.com", CanonicalAddress.of("m.a.r.i.e.dupont+fed13@googlemail.com"));
        assertEquals("mariedupont@gmail.com", CanonicalAddress.of("MarieDupont+x+y@Gmail.com"));
        assertEquals("marie.dupont@exemple.fr", CanonicalAddress.of("marie.dupont+lettre@exemple.fr"), "dots only for Gmail");
        assertEquals("marie@outlook.fr", CanonicalAddress.of("marie+1@outlook.fr"));
        assertEquals("+marie@exemple.fr", CanonicalAddress.of("+marie@exemple.fr"), "a leading plus is the address itself");
    }
}
