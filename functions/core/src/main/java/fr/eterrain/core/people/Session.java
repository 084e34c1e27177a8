package fr.eterrain.core.people;

import java.time.Instant;

/**
 * An open session, stored under its person with only the keyed hash of its token; it carries what a request needs
 * to know of the person (role, home, send right, name), so checking a session is one read. Changing a person's
 * role rewrites their sessions; removing them deletes the sessions.
 */
public record Session(String personId, String tokenHash, String role, String home, boolean send, String displayName,
                      Instant createdAt, Instant lastSeenAt, Instant expiresAt) {
    public Session seen(Instant at) {
        return new Session(personId, tokenHash, role, home, send, displayName, createdAt, at, expiresAt);
    }
}
