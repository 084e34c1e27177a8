package fr.eterrain.core.newsletters;

import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter (the AWS recommendation) for SES throttling. */
public final class Backoff {
    private Backoff() {
    }

    public static long delayMillis(int attempt, long baseMillis, long capMillis) {
        long ceiling = Math.min(capMillis, baseMillis << Math.min(attempt, 20));
        return ThreadLocalRandom.current().nextLong(ceiling + 1);
    }
}
