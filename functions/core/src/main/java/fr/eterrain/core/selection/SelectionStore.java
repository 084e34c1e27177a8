package fr.eterrain.core.selection;

import java.time.Instant;
import java.util.Optional;

/** Selections in the platform table, one per period label, written once. */
public interface SelectionStore {
    /** @return false when the period already has a selection (the stored one stands) */
    boolean create(Selection selection);

    Optional<Selection> find(String period);

    /** The most recent period of this cadence. */
    Optional<Selection> latest(Cadence cadence);

    /** Idempotent: the first time stays. */
    void markPublished(String period, Instant at);
}
