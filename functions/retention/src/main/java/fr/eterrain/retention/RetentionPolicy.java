package fr.eterrain.retention;

import fr.eterrain.core.contacts.Contact;
import java.time.Duration;
import java.time.Instant;

/**
 * CNIL's retention for prospects, as a pure decision per contact:
 * <ul>
 *   <li>active, no confirmed interaction for 3 years: asked once to re-confirm; erased 30 days later without a yes;</li>
 *   <li>pending (never confirmed) for 60 days: erased, leaving no trace (they never joined);</li>
 *   <li>unsubscribed for 3 years: erased, keeping only the suppression hash that honours the objection.</li>
 * </ul>
 */
public final class RetentionPolicy {
    public static final Duration INACTIVITY = Duration.ofDays(3 * 365);
    public static final Duration RECONFIRM_GRACE = Duration.ofDays(30);
    public static final Duration PENDING_LIFETIME = Duration.ofDays(60);

    public enum Action { KEEP, ASK_RECONFIRMATION, ERASE, ERASE_KEEP_SUPPRESSION }

    private RetentionPolicy() {
    }

    public static Action decide(Contact c, Instant now) {
        return switch (c.getStatus()) {
            case PENDING -> c.getCreatedAt() != null && c.getCreatedAt().isBefore(now.minus(PENDING_LIFETIME))
                    && c.getUpdatedAt().isBefore(now.minus(PENDING_LIFETIME)) ? Action.ERASE : Action.KEEP;
            case UNSUBSCRIBED -> c.getUnsubscribedAt() != null && c.getUnsubscribedAt().isBefore(now.minus(INACTIVITY))
                    ? Action.ERASE_KEEP_SUPPRESSION : Action.KEEP;
            case ACTIVE -> activeDecision(c, now);
        };
    }

    private static Action activeDecision(Contact c, Instant now) {
        Instant lastActive = c.getLastActiveAt() != null ? c.getLastActiveAt() : c.getCreatedAt();
        if (lastActive == null || lastActive.isAfter(now.minus(INACTIVITY))) {
            return Action.KEEP;
        }
        if (c.getReconfirmRequestedAt() == null) {
            return Action.ASK_RECONFIRMATION;
        }
        return c.getReconfirmRequestedAt().isBefore(now.minus(RECONFIRM_GRACE)) ? Action.ERASE : Action.KEEP;
    }
}
