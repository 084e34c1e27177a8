package fr.eterrain.core.newsletters;

import fr.eterrain.core.contacts.ContactStore;
import fr.eterrain.core.federation.Federation;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.ratelimit.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many contacts an audience counts, for the editor (the audience routes): counting reads the federation's
 * whole contact table, so a count is kept {@link #CACHE} per federation and segment in the container, and a
 * federation may start at most {@value #SCANS_PER_MINUTE} counts a minute across containers; beyond, a 429
 * {@code audience_rate_limited} until the next minute. Sending counts afresh (NewsletterService).
 */
public final class AudienceCounts {
    static final Duration CACHE = Duration.ofSeconds(30);
    static final int SCANS_PER_MINUTE = 10;
    private static final int MAX_CACHED = 1000;

    private final ContactStore contacts;
    private final RateLimiter limiter;
    private final Clock clock;
    private final Map<Key, Counted> cache = new ConcurrentHashMap<>();

    private record Key(String federation, Segment segment) {
    }

    private record Counted(long count, Instant until) {
    }

    public AudienceCounts(ContactStore contacts, RateLimiter limiter, Clock clock) {
        this.contacts = contacts;
        this.limiter = limiter;
        this.clock = clock;
    }

    public long count(Federation federation, Segment segment) {
        Key key = new Key(federation.id(), segment);
        Instant now = clock.instant();
        Counted cached = cache.get(key);
        if (cached != null && cached.until().isAfter(now)) {
            return cached.count();
        }
        if (!limiter.allow("audience#" + federation.id(), SCANS_PER_MINUTE, Duration.ofMinutes(1))) {
            throw new ApiException(429, "audience_rate_limited", "Counting an audience reads every contact: at most "
                    + SCANS_PER_MINUTE + " counts a minute per federation. Retry in a minute.", null);
        }
        AtomicLong count = new AtomicLong();
        contacts.forEach(federation.id(), c -> {
            if (segment.includes(c)) {
                count.incrementAndGet();
            }
        });
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(key, new Counted(count.get(), clock.instant().plus(CACHE)));
        return count.get();
    }
}
