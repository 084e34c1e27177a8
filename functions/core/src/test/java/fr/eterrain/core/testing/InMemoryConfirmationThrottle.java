package fr.eterrain.core.testing;

import fr.eterrain.core.contacts.ConfirmationThrottle;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The confirmation throttle in memory, with the same rule as the DynamoDB one ({@link ConfirmationThrottle#decide}). */
public final class InMemoryConfirmationThrottle implements ConfirmationThrottle {
    public final Map<String, List<Claim>> claims = new HashMap<>();

    @Override
    public synchronized boolean claim(String addressKey, String claimId, Instant now) {
        Optional<List<Claim>> after = ConfirmationThrottle.decide(claims.getOrDefault(addressKey, List.of()), claimId, now);
        after.ifPresent(list -> claims.put(addressKey, List.copyOf(list)));
        return after.isPresent();
    }

    @Override
    public synchronized void release(String addressKey, String claimId) {
        claims.computeIfPresent(addressKey, (k, list) -> list.stream().filter(c -> !c.id().equals(claimId)).toList());
    }

    @Override
    public synchronized void forget(String addressKey) {
        claims.remove(addressKey);
    }

    /** Time passing: every claim forgotten, as after a day. */
    public synchronized void clear() {
        claims.clear();
    }
}
