package fr.eterrain.core.tracking;

import fr.eterrain.core.contacts.Links;
import fr.eterrain.core.security.TokenCodec;
import fr.eterrain.core.tracking.TrackingStore.Increment;
import fr.eterrain.core.tracking.TrackingStore.Snapshot;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Counts an unsubscribe for the newsletter whose link was used ({@code &n=<newsletterId>}, appended unsigned by
 * the renderer). Since {@code n} is unsigned it counts only for a newsletter of the token's own federation that
 * the person actually received, and once per person and newsletter.
 */
public final class UnsubscribeCounter {
    private final TokenCodec tokens;
    private final TrackingStore store;
    private final Clock clock;

    public UnsubscribeCounter(TokenCodec tokens, TrackingStore store, Clock clock) {
        this.tokens = tokens;
        this.store = store;
        this.clock = clock;
    }

    /** Call only after a withdrawal that changed something. True when counted now. */
    public boolean count(String unsubscribeToken, String newsletterId) {
        if (newsletterId == null || !newsletterId.matches("[A-Za-z0-9]{1,40}")) {
            return false;
        }
        Optional<TokenCodec.Token> token = tokens.read(unsubscribeToken, Links.UNSUBSCRIBE);
        if (token.isEmpty()) {
            return false;
        }
        String federation = token.get().federation();
        String contactId = token.get().contact();
        String marker = StatsKeys.unsubscribeMarker(newsletterId);
        Snapshot snapshot = store.read(federation, newsletterId, contactId, List.of(marker), true);
        if (snapshot.newsletter() == null || !snapshot.recipient() || snapshot.markers().contains(marker)) {
            return false;
        }
        Instant now = clock.instant();
        return store.apply(new Increment(federation, newsletterId, Map.of(StatsKeys.UNSUBSCRIBES, 1L), contactId,
                List.of(marker), false, now));
    }
}
