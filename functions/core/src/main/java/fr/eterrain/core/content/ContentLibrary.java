package fr.eterrain.core.content;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The national library (the platform table's projection): contents approved by their federation and by HQ, what
 * other federations see and the national selection draws from. Entries come back as {@link Content} without the
 * proposer, newest national approval first. Beside it, HQ's review queue: contents their federation approved,
 * awaiting HQ's decision.
 */
public interface ContentLibrary {

    /** @param since inclusive, {@code until} exclusive; any filter may be null */
    record Filter(ContentKind kind, String federation, String tag, Instant since, Instant until) {
        public static final Filter NONE = new Filter(null, null, null, null, null);
    }

    ContentPage approved(Filter filter, String cursor, int limit);

    /** A content of the national library (not one awaiting review). */
    Optional<Content> find(ContentRef ref);

    /** Every content approved for the national library in {@code [from, to)}. */
    List<Content> approvedBetween(Instant from, Instant to);

    /** HQ's review queue: approved by their federation, not yet decided nationally; oldest approval first. */
    ContentPage awaitingReview(String cursor, int limit);
}
