package fr.eterrain.core.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for the fields that identify a person (address, names), on top of the table's own KMS encryption: a
 * table export or a stray scan shows ciphertext. Each field is bound to where it belongs: the caller's
 * {@code context} (e.g. the contact id and the field name) is authenticated as associated data, so a sealed value
 * copied to another contact or another field does not decrypt. Each names the key it was sealed with, so
 * {@code DATA_KEY} can rotate: the first key of the ring seals, any key of the ring opens.
 *
 * <p>Format: {@code e2.<kid>.<base64url(iv ‖ ciphertext ‖ tag)>}. Values sealed before it (base64, no context, no
 * key id) are still read, with any key of the ring, and sealed anew at the next write.
 */
public final class FieldCipher {
    private static final String VERSION = "e2";
    private static final int IV_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** After a SnapStart restore: containers restored from one snapshot must not draw the same bytes. */
    public static void reseed() {
        RANDOM.setSeed(SecureRandom.getSeed(32));
    }
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    private final String current;

    /** One key, of id {@code k1}. */
    public FieldCipher(byte[] key) {
        this(Map.of("k1", key));
    }

    /** @param keys by key id, the current one first (Secrets.dataKeys) */
    public FieldCipher(Map<String, byte[]> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no data key");
        }
        keys.forEach((kid, key) -> {
            if (!kid.matches("[A-Za-z0-9_-]{1,16}")) {
                throw new IllegalArgumentException("data key ids are 1 to 16 letters, digits, - or _");
            }
            this.keys.put(kid, new SecretKeySpec(key, 0, 32, "AES"));
        });
        this.current = keys.keySet().iterator().next();
    }

    /** @param context where the value belongs, e.g. {@code contact/<id>/email}: needed again to decrypt it */
    public String encrypt(String plain, String context) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(current), new GCMParameterSpec(128, iv));
            cipher.updateAAD(aad(current, context));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return VERSION + "." + current + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value sealed for this very context; anything else (another context, key, or a tampered value) throws. */
    public String decrypt(String sealed, String context) {
        if (sealed == null) {
            return null;
        }
        if (!sealed.startsWith(VERSION + ".")) {
            return legacy(sealed);
        }
        int dot = sealed.indexOf('.', VERSION.length() + 1);
        String kid = dot < 0 ? "" : sealed.substring(VERSION.length() + 1, dot);
        SecretKeySpec key = keys.get(kid);
        if (key == null) {
            throw new IllegalStateException("a field is sealed with data key " + (kid.matches("[A-Za-z0-9_-]{1,16}") ? kid : "?")
                    + ", which DATA_KEY does not hold (keep old keys in the ring while a rotation lasts)");
        }
        try {
            byte[] all = Base64.getUrlDecoder().decode(sealed.substring(dot + 1));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, IV_BYTES));
            cipher.updateAAD(aad(kid, context));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot decrypt a field: not sealed for this context, or tampered", e);
        }
    }

    /** The first format, base64(iv ‖ ciphertext ‖ tag) without associated data: tried with every key. */
    private String legacy(String sealed) {
        byte[] all;
        try {
            all = Base64.getDecoder().decode(sealed);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("cannot decrypt a field: not a sealed value", e);
        }
        for (SecretKeySpec key : keys.values()) {
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, IV_BYTES));
                return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
            } catch (GeneralSecurityException | IllegalArgumentException wrongKey) {
                // the next key
            }
        }
        throw new IllegalStateException("cannot decrypt a field: wrong DATA_KEY?");
    }

    private static byte[] aad(String kid, String context) {
        if (context == null || context.isEmpty()) {
            throw new IllegalArgumentException("a field is sealed for a context (e.g. contact/<id>/email)");
        }
        return (VERSION + "\u0000" + kid + "\u0000" + context).getBytes(StandardCharsets.UTF_8);
    }
}
