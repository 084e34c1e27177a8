package fr.eterrain.core.content;

import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.security.KeyedHash;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Relays, likes and newsletter clicks on contents of the national library: the engagement the selection scores.
 * Each is counted once: a relay once per relaying federation, a like once per person (the federation's opaque id
 * for them, kept only as a keyed hash), a click report once per report id. Retries are therefore free.
 *
 * <p>The score cannot be bought: a federation's relays and likes of its own contents are refused, and the likes
 * of one federation count at most {@value #LIKES_PER_FEDERATION} per content, because {@code person} is an id the
 * federation chooses (until people have identities on the platform, it proves nothing).
 */
public final class Engagements {
    /** Click report markers only need to outlive the sender's retries. */
    static final Duration CLICK_MARKER_KEPT = Duration.ofDays(30);
    /** The likes of one federation's people that count on one content. */
    public static final int LIKES_PER_FEDERATION = 3;

    /** What became of a like. */
    public enum Like {
        COUNTED, ALREADY_COUNTED, FEDERATION_LIMIT;

        public boolean counted() {
            return this == COUNTED;
        }
    }

    private final ContentStore store;
    private final KeyedHash hash;
    private final Clock clock;

    public Engagements(ContentStore store, KeyedHash hash, Clock clock) {
        this.store = store;
        this.hash = hash;
        this.clock = clock;
    }

    /** @return true when counted now, false when this federation's relay was counted before */
    public boolean relay(ContentRef content, String byFederation) {
        refuseOwn(content, byFederation, "relay");
        return switch (store.engage(content, "relays", "RELAY#" + byFederation, 1, clock.instant(), null, null)) {
            case COUNTED -> true;
            case ALREADY_COUNTED -> false;
            case NOT_APPROVED, OVER_QUOTA -> throw notInLibrary(content);
        };
    }

    /** @param person the federation's own opaque, stable id for the person who liked (never an address) */
    public Like like(ContentRef content, String byFederation, String person) {
        refuseOwn(content, byFederation, "like");
        String marker = "LIKE#" + hash.of("content-like", byFederation + ":" + person);
        return switch (store.engage(content, "likes", marker, 1, clock.instant(), null,
                new ContentStore.Quota("LIKES#" + byFederation, LIKES_PER_FEDERATION))) {
            case COUNTED -> Like.COUNTED;
            case ALREADY_COUNTED -> Like.ALREADY_COUNTED;
            case OVER_QUOTA -> Like.FEDERATION_LIMIT;
            case NOT_APPROVED -> throw notInLibrary(content);
        };
    }

    /**
     * Clicks on this content's links in a sent newsletter, counted once per report. Nothing calls it yet: the
     * newsletters do not report clicks per content (README).
     *
     * @param reportId stable for one report (e.g. newsletter id + hour), so a redelivered report is not counted twice
     */
    public boolean clicks(ContentRef content, String reportId, long clicks) {
        if (clicks < 1) {
            return false;
        }
        Instant now = clock.instant();
        return switch (store.engage(content, "clicks", "CLICKS#" + reportId, clicks, now, now.plus(CLICK_MARKER_KEPT), null)) {
            case COUNTED -> true;
            case ALREADY_COUNTED -> false;
            case NOT_APPROVED, OVER_QUOTA -> throw notInLibrary(content);
        };
    }

    private static void refuseOwn(ContentRef content, String byFederation, String what) {
        if (content.federation().equals(byFederation)) {
            throw new ApiException(403, "own_content", "A federation cannot " + what + " its own content into the "
                    + "national selection's score.", "content.federation");
        }
    }

    private static ApiException notInLibrary(ContentRef content) {
        return ApiException.notFound("No content " + content + " in the national library.");
    }
}
