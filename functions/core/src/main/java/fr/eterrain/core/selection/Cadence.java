package fr.eterrain.core.selection;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The two selections and their knobs (see the README's "Selection score"): how many items, at most how many
 * from one federation and of one kind, and the freshness half-life.
 */
public enum Cadence {
    WEEKLY("weekly", 8, 2, 4, Duration.ofDays(7)),
    MONTHLY("monthly", 12, 3, 6, Duration.ofDays(15));

    private final String wire;
    private final int size;
    private final int perFederation;
    private final int perKind;
    private final Duration halfLife;

    Cadence(String wire, int size, int perFederation, int perKind, Duration halfLife) {
        this.wire = wire;
        this.size = size;
        this.perFederation = perFederation;
        this.perKind = perKind;
        this.halfLife = halfLife;
    }

    public String wire() {
        return wire;
    }

    public int size() {
        return size;
    }

    public int perFederation() {
        return perFederation;
    }

    public int perKind() {
        return perKind;
    }

    public Duration halfLife() {
        return halfLife;
    }

    public static Optional<Cadence> parse(String value) {
        return Arrays.stream(values()).filter(c -> c.wire.equals(value)).findFirst();
    }
}
