package fr.eterrain.core.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Our HMAC is the JCE's, byte for byte: RFC 4231's test vectors, then random keys and messages of every size. */
class HmacSha256Test {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void rfc4231TestCases() {
        // Case 1: a 20-byte key of 0x0b, "Hi There".
        assertEquals("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
                HEX.formatHex(HmacSha256.mac(HEX.parseHex("0b".repeat(20)), "Hi There".getBytes(StandardCharsets.US_ASCII))));
        // Case 2: a key shorter than the block, "Jefe".
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                HEX.formatHex(HmacSha256.mac("Jefe".getBytes(StandardCharsets.US_ASCII),
                        "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII))));
        // Case 6: a 131-byte key (longer than the block: hashed first).
        assertEquals("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
                HEX.formatHex(HmacSha256.mac(HEX.parseHex("aa".repeat(131)),
                        "Test Using Larger Than Block-Size Key - Hash Key First".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void sameBytesAsTheJceForRandomKeysAndMessagesInParts() throws Exception {
        Random random = new Random(42);
        for (int n = 0; n < 300; n++) {
            byte[] key = new byte[random.nextInt(150) + 1];
            byte[] a = new byte[random.nextInt(200)];
            byte[] b = new byte[random.nextInt(3)];
            random.nextBytes(key);
            random.nextBytes(a);
            random.nextBytes(b);
            Mac jce = Mac.getInstance("HmacSHA256");
            jce.init(new SecretKeySpec(key, "HmacSHA256"));
            jce.update(a);
            assertArrayEquals(jce.doFinal(b), HmacSha256.mac(key, a, b), "key " + key.length + ", message " + (a.length + b.length));
        }
    }
}
