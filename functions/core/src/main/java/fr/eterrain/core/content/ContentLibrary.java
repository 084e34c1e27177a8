package fr.eterrain.core.content;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Approved contents of every federation (the platform table's projection): what other federations may see.
 * Entries come back as {@link Content} without the proposer, newest approval first.
 */
public interface ContentLibrary {

    /** @param since inclusive, {@code until} exclusive; any filter may be null */
    record Filter(ContentKind kind, String federation, String tag, Instant since, Instant until) {
        public static final Filter NONE = new Filter(null, null, null, null, null);
    }

    ContentPage approved(Filter filter, String cursor, int limit);

    Optional<Content> find(ContentRef ref);

    /** Every content approved in {@code [from, to)}. */
    List<Content> approvedBetween(Instant from, Instant to);
}
