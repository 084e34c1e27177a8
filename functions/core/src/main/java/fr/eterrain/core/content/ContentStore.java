package fr.eterrain.core.content;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Contents in their federation's table, with the moderation log and engagement markers next to them, and the
 * projection of approved contents in the platform table that other federations read ({@link ContentLibrary}).
 */
public interface ContentStore {

    enum Engaged { COUNTED, ALREADY_COUNTED, NOT_APPROVED, OVER_QUOTA }

    /**
     * At most {@code max} engagements counted under this quota marker of the content (e.g. one federation's
     * likes): the marker holds the count, in the same transaction as the engagement.
     */
    record Quota(String marker, int max) {
    }

    /** A new content; its id is fresh, so a collision is a bug, not a retry. */
    void create(Content content);

    Optional<Content> find(String federation, String id);

    /** Newest first; status and kind may be null (no filter). Cursors we did not issue: IllegalArgumentException. */
    ContentPage list(String federation, ContentStatus status, ContentKind kind, String cursor, int limit);

    /**
     * Saves a new state if nobody saved another since {@code updated.version()} was read (false otherwise), in one
     * transaction with the decision (appended, may be null) and the projection in the platform table: in the
     * national library when {@link Content#inLibrary()}, in HQ's review queue when
     * {@link Content#awaitingNationalReview()}, removed when a decision takes either back. Engagement counters are
     * not touched.
     */
    boolean update(Content updated, Decision decision);

    /** Oldest first. */
    List<Decision> decisions(String federation, String id);

    /**
     * Counts one more intake attempt on a content still awaiting its file (version untouched).
     *
     * @return the attempts so far, this one included; 0 when the content is no longer awaiting its file
     */
    int intakeAttempt(ContentRef ref);

    /**
     * Counts {@code amount} on {@code counter} ("relays", "likes", "clicks") of a content in the national library,
     * once per marker: a marker already there means this engagement was counted before (a retry, a second like).
     *
     * @param markerExpiresAt when the marker may go (TTL), or null to keep it
     * @param quota           a bound this engagement also counts against, or null
     */
    Engaged engage(ContentRef content, String counter, String marker, long amount, Instant at, Instant markerExpiresAt,
                   Quota quota);
}
