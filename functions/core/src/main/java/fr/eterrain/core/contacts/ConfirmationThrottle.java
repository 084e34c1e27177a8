package fr.eterrain.core.contacts;

import fr.eterrain.core.security.KeyedHash;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How many confirmation emails an inbox may receive, whatever federation sends them and however its address is
 * spelled ({@link CanonicalAddress}): one per {@link #WINDOW}, at most {@link #DAILY_CAP} in 24 hours. Kept in the
 * platform table under a keyed hash of the canonical address, for a day. A signup, an import row or a
 * re-confirmation claims its email before sending it, so a redelivered event mails nobody twice, and gives its
 * claim (by its id) back when the email could not leave, so Lambda's retry can send it.
 */
public interface ConfirmationThrottle {
    Duration WINDOW = Duration.ofMinutes(10);
    int DAILY_CAP = 5;
    Duration DAY = Duration.ofHours(24);

    /** True when this email may leave now, recorded under {@code claimId}. */
    boolean claim(String addressKey, String claimId, Instant now);

    /** The claim given back: the email did not leave. */
    void release(String addressKey, String claimId);

    /** Forgets the address (its erasure). */
    void forget(String addressKey);

    /** The key of an address: a keyed hash of its canonical form, never the address. */
    static String key(KeyedHash hash, String address) {
        return hash.of("confirmation-address", CanonicalAddress.of(address));
    }

    /** One email claimed: when, and by which request. */
    record Claim(String id, Instant at) {
    }

    /** The rule, on the claims of the last day (oldest first): the claims after this one, or empty when refused. */
    static Optional<List<Claim>> decide(List<Claim> claims, String claimId, Instant now) {
        List<Claim> recent = new ArrayList<>(claims.stream().filter(c -> c.at().isAfter(now.minus(DAY))).toList());
        boolean tooSoon = !recent.isEmpty() && recent.get(recent.size() - 1).at().isAfter(now.minus(WINDOW));
        if (tooSoon || recent.size() >= DAILY_CAP) {
            return Optional.empty();
        }
        recent.add(new Claim(claimId, now));
        return Optional.of(recent);
    }
}
