package fr.eterrain.core.content;

import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.security.KeyedHash;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Relays, likes and newsletter clicks on approved contents: the engagement the selection scores. Each is
 * counted once: a relay once per relaying federation, a like once per person (the federation's opaque id for
 * them, kept only as a keyed hash), a click report once per report id. Retries are therefore free.
 */
public final class Engagements {
    /** Click report markers only need to outlive the sender's retries. */
    static final Duration CLICK_MARKER_KEPT = Duration.ofDays(30);

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
        return counted(store.engage(content, "relays", "RELAY#" + byFederation, 1, clock.instant(), null), content);
    }

    /** @param person the federation's own opaque, stable id for the person who liked (never an address) */
    public boolean like(ContentRef content, String byFederation, String person) {
        String marker = "LIKE#" + hash.of("content-like", byFederation + ":" + person);
        return counted(store.engage(content, "likes", marker, 1, clock.instant(), null), content);
    }

    /**
     * For the newsletter side: clicks on this content's links in a sent newsletter, counted once per report.
     *
     * @param reportId stable for one report (e.g. newsletter id + hour), so a redelivered report is not counted twice
     */
    public boolean clicks(ContentRef content, String reportId, long clicks) {
        if (clicks < 1) {
            return false;
        }
        Instant now = clock.instant();
        return counted(store.engage(content, "clicks", "CLICKS#" + reportId, clicks, now, now.plus(CLICK_MARKER_KEPT)), content);
    }

    private static boolean counted(ContentStore.Engaged result, ContentRef content) {
        return switch (result) {
            case COUNTED -> true;
            case ALREADY_COUNTED -> false;
            case NOT_APPROVED -> throw ApiException.notFound("No approved content " + content + ".");
        };
    }
}
