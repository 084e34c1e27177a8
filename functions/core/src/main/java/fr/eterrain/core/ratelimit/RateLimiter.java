package fr.eterrain.core.ratelimit;

import java.time.Duration;

/** Fixed-window counters shared by every container: true while {@code key} stays within {@code limit}. */
public interface RateLimiter {
    boolean allow(String key, int limit, Duration window);
}
