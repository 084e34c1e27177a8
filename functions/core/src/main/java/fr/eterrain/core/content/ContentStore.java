package fr.eterrain.core.content;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Contents in their federation's table, with the moderation log and engagement markers next to them, and the
 * projection of approved contents in the platform table that other federations read ({@link ContentLibrary}).
 */
public interface ContentStore {

    enum Engaged { COUNTED, ALREADY_COUNTED, NOT_APPROVED }

    /** A new content; its id is fresh, so a collision is a bug, not a retry. */
    void create(Content content);

    Optional<Content> find(String federation, String id);

    /** Newest first; status and kind may be null (no filter). Cursors we did not issue: IllegalArgumentException. */
    ContentPage list(String federation, ContentStatus status, ContentKind kind, String cursor, int limit);

    /**
     * Saves a new state if nobody saved another since {@code updated.version()} was read (false otherwise), in one
     * transaction with the decision (appended, may be null) and the approved projection (written when approved,
     * removed when a decision takes the approval back). Engagement counters are not touched.
     */
    boolean update(Content updated, Decision decision);

    /** Oldest first. */
    List<Decision> decisions(String federation, String id);

    /**
     * Counts {@code amount} on {@code counter} ("relays", "likes", "clicks") of an approved content, once per
     * marker: a marker already there means this engagement was counted before (a retry, a second like).
     *
     * @param markerExpiresAt when the marker may go (TTL), or null to keep it
     */
    Engaged engage(ContentRef content, String counter, String marker, long amount, Instant at, Instant markerExpiresAt);
}
