package fr.eterrain.core.security;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * HMAC-SHA256 (RFC 2104) over the JDK's SHA-256, the one HMAC of the code base (tokens, keyed hashes, AWS
 * signatures). The same bytes as {@code javax.crypto.Mac} (HmacSha256Test checks RFC 4231's vectors and random
 * inputs against it), without initialising the JCE provider framework, which costs a public link's cold start
 * about 25 ms for nothing: digests come from the base provider.
 */
public final class HmacSha256 {
    private static final int BLOCK = 64;

    private HmacSha256() {
    }

    /** The MAC of the concatenation of {@code parts} under {@code key}. */
    public static byte[] mac(byte[] key, byte[]... parts) {
        MessageDigest sha = sha256();
        byte[] k = key.length > BLOCK ? sha.digest(key) : key;
        byte[] inner = new byte[BLOCK];
        byte[] outer = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            byte b = i < k.length ? k[i] : 0;
            inner[i] = (byte) (b ^ 0x36);
            outer[i] = (byte) (b ^ 0x5c);
        }
        sha.update(inner);
        for (byte[] part : parts) {
            sha.update(part);
        }
        byte[] innerHash = sha.digest();
        sha.update(outer);
        return sha.digest(innerHash);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
