package fr.eterrain.core.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.eterrain.core.testing.TestCore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class FieldCipherTest {
    private static final String MARIE = "contact/c1/email";

    private static Map<String, byte[]> ring(String... kidAndSeed) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (int i = 0; i < kidAndSeed.length; i += 2) {
            keys.put(kidAndSeed[i], TestCore.key(kidAndSeed[i + 1]));
        }
        return keys;
    }

    @Test
    void encryptsWithAFreshIvAndDecryptsBack() {
        FieldCipher cipher = new FieldCipher(TestCore.key("data"));
        String a = cipher.encrypt("marie@example.fr", MARIE);
        String b = cipher.encrypt("marie@example.fr", MARIE);
        assertNotEquals(a, b, "same plaintext, different ciphertexts");
        assertFalse(a.contains("marie"));
        assertEquals("marie@example.fr", cipher.decrypt(a, MARIE));
    }

    @Test
    void aWrongKeyCannotRead() {
        String sealed = new FieldCipher(TestCore.key("data")).encrypt("x", MARIE);
        assertThrows(IllegalStateException.class, () -> new FieldCipher(TestCore.key("other")).decrypt(sealed, MARIE));
    }

    @Test
    void aValueIsBoundToItsContactAndField() {
        FieldCipher cipher = new FieldCipher(TestCore.key("data"));
        String sealed = cipher.encrypt("marie@example.fr", MARIE);
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(sealed, "contact/c2/email"), "copied to another contact");
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(sealed, "contact/c1/firstName"), "moved to another field");
        assertThrows(IllegalArgumentException.class, () -> cipher.encrypt("x", null), "no value without its context");
    }

    @Test
    void theFirstKeySealsAndEveryKeyOfTheRingOpensDuringARotation() {
        FieldCipher before = new FieldCipher(ring("k1", "old"));
        String old = before.encrypt("marie@example.fr", MARIE);
        assertTrue(old.startsWith("e2.k1."), old);
        FieldCipher during = new FieldCipher(ring("k2", "new", "k1", "old"));
        assertEquals("marie@example.fr", during.decrypt(old, MARIE), "old data still reads");
        String fresh = during.encrypt("marie@example.fr", MARIE);
        assertTrue(fresh.startsWith("e2.k2."), "new data under the new key: " + fresh);
        FieldCipher after = new FieldCipher(ring("k2", "new"));
        assertEquals("marie@example.fr", after.decrypt(fresh, MARIE));
        IllegalStateException retired = assertThrows(IllegalStateException.class, () -> after.decrypt(old, MARIE));
        assertTrue(retired.getMessage().contains("data key k1"), retired.getMessage());
    }

    @Test
    void valuesSealedBeforeContextsAndKeyIdsAreStillRead() throws Exception {
        byte[] key = TestCore.key("data");
        byte[] iv = new byte[12];
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, 0, 32, "AES"), new GCMParameterSpec(128, iv));
        byte[] sealed = aes.doFinal("marie@example.fr".getBytes(StandardCharsets.UTF_8));
        String legacy = Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + sealed.length).put(iv).put(sealed).array());
        assertEquals("marie@example.fr", new FieldCipher(key).decrypt(legacy, MARIE));
    }

    @Test
    void keyedHashesDependOnTheKeyAndPurpose() {
        KeyedHash a = new KeyedHash(TestCore.key("a"));
        assertEquals(a.email("x@y.fr"), a.email("x@y.fr"));
        assertNotEquals(a.email("x@y.fr"), new KeyedHash(TestCore.key("b")).email("x@y.fr"));
        assertNotEquals(a.of("ip", "1.2.3.4"), a.of("user-agent", "1.2.3.4"));
    }

    @Test
    void aHashKeyRotationHashesWithTheNewKeyAndLooksUpUnderBoth() {
        KeyedHash old = new KeyedHash(ring("k1", "old"));
        KeyedHash during = new KeyedHash(ring("k2", "new", "k1", "old"));
        assertEquals(new KeyedHash(ring("k2", "new")).email("x@y.fr"), during.email("x@y.fr"));
        assertEquals(List.of(during.email("x@y.fr"), old.email("x@y.fr")), during.emailCandidates("x@y.fr"));
    }
}
