package fr.eterrain.core.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fr.eterrain.core.testing.TestCore;
import org.junit.jupiter.api.Test;

class FieldCipherTest {
    @Test
    void encryptsWithAFreshIvAndDecryptsBack() {
        FieldCipher cipher = new FieldCipher(TestCore.key("data"));
        String a = cipher.encrypt("marie@example.fr");
        String b = cipher.encrypt("marie@example.fr");
        assertNotEquals(a, b, "same plaintext, different ciphertexts");
        assertFalse(a.contains("marie"));
        assertEquals("marie@example.fr", cipher.decrypt(a));
    }

    @Test
    void aWrongKeyCannotRead() {
        String sealed = new FieldCipher(TestCore.key("data")).encrypt("x");
        assertThrows(IllegalStateException.class, () -> new FieldCipher(TestCore.key("other")).decrypt(sealed));
    }

    @Test
    void keyedHashesDependOnTheKeyAndPurpose() {
        KeyedHash a = new KeyedHash(TestCore.key("a"));
        assertEquals(a.email("x@y.fr"), a.email("x@y.fr"));
        assertNotEquals(a.email("x@y.fr"), new KeyedHash(TestCore.key("b")).email("x@y.fr"));
        assertNotEquals(a.of("ip", "1.2.3.4"), a.of("user-agent", "1.2.3.4"));
    }
}
