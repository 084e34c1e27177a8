package fr.eterrain.core.contacts;

import java.util.Optional;

/**
 * Signups received and not yet handled: the public answer is given once the request is stored, and everything
 * that depends on the address (suppressed? throttled? known?) happens afterwards, out of sight (see
 * {@link ContactService#processSignup}). Stored encrypted in the federation's table for a day at most, deleted
 * once handled.
 */
public interface SignupRequests {
    /** The address as typed (normalized) and what the person asked for. */
    record Stored(String email, PendingSignup pending) {
    }

    void save(String federation, String requestId, Stored request);

    Optional<Stored> find(String federation, String requestId);

    void delete(String federation, String requestId);
}
