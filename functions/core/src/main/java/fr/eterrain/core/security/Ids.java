package fr.eterrain.core.security;

import java.security.SecureRandom;
import java.util.Base64;

/** Random identifiers: unguessable, URL-safe, no personal meaning. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** After a SnapStart restore: containers restored from one snapshot must not draw the same bytes. */
    public static void reseed() {
        RANDOM.setSeed(SecureRandom.getSeed(32));
    }
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private Ids() {
    }

    /** A uniform number in [0, bound), from the same source (reseeded after a SnapStart restore). */
    public static int randomInt(int bound) {
        return RANDOM.nextInt(bound);
    }

    public static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return B64.encodeToString(value);
    }

    /** Contact ids: 96 bits, 16 characters. */
    public static String contact() {
        return "c" + random(12).replace('-', 'x').replace('_', 'y');
    }
}
