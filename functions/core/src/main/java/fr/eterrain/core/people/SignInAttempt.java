package fr.eterrain.core.people;

import java.time.Instant;

/**
 * A pending sign-in: the keyed hashes of its 6-digit code and of its link's secret, until expiresAt; failures counts
 * wrong codes (the attempt locks at the limit); version guards every change against a concurrent one.
 */
public record SignInAttempt(String personId, String codeHash, String linkHash, Instant expiresAt, int failures,
                            long version) {
}
