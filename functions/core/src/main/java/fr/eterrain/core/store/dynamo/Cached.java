package fr.eterrain.core.store.dynamo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** A value read from the table at most once per {@code ttl} per container; {@link #invalidate} after a write. */
final class Cached<T> {
    private final Supplier<T> loader;
    private final Duration ttl;
    private final Clock clock;
    private volatile T value;
    private volatile Instant loadedAt = Instant.EPOCH;

    Cached(Supplier<T> loader, Duration ttl, Clock clock) {
        this.loader = loader;
        this.ttl = ttl;
        this.clock = clock;
    }

    T get() {
        T current = value;
        if (current != null && loadedAt.plus(ttl).isAfter(clock.instant())) {
            return current;
        }
        T loaded = loader.get();
        value = loaded;
        loadedAt = clock.instant();
        return loaded;
    }

    void invalidate() {
        value = null;
    }
}
