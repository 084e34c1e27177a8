package fr.eterrain.core.store.dynamo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A value read from the table at most once per {@code ttl} per container; {@link #invalidate} after a write. A
 * read that fails is not kept (it is thrown), nor one that {@code keep} refuses (e.g. an empty registry read while
 * the stage is being provisioned): the next call reads again.
 */
final class Cached<T> {
    private final Supplier<T> loader;
    private final Duration ttl;
    private final Clock clock;
    private final Predicate<T> keep;
    private volatile T value;
    private volatile Instant loadedAt = Instant.EPOCH;

    Cached(Supplier<T> loader, Duration ttl, Clock clock) {
        this(loader, ttl, clock, v -> true);
    }

    Cached(Supplier<T> loader, Duration ttl, Clock clock, Predicate<T> keep) {
        this.loader = loader;
        this.ttl = ttl;
        this.clock = clock;
        this.keep = keep;
    }

    T get() {
        T current = value;
        if (current != null && loadedAt.plus(ttl).isAfter(clock.instant())) {
            return current;
        }
        T loaded = loader.get();
        if (keep.test(loaded)) {
            value = loaded;
            loadedAt = clock.instant();
        } else {
            value = null;
        }
        return loaded;
    }

    void invalidate() {
        value = null;
    }
}
