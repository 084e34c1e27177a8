package fr.eterrain.core.people;

import java.time.Instant;

/**
 * Someone who works in the console: an HQ staff member, a coordinator, a volunteer editor, an e-militant. The
 * address is personal data: encrypted at rest, found by keyed hash. home: a federation id, or {@code HQ}.
 * invitedBy: the display name of whoever invited them (shown on the invitation page); createdBy: their actor id.
 * inviteHash/inviteExpiresAt: the keyed hash of the pending invitation's secret, while it lasts.
 */
public record Person(String id, String email, String displayName, String home, String role, boolean send, Status status,
                     String createdBy, String invitedBy, Instant createdAt, Instant lastSignInAt, String inviteHash,
                     Instant inviteExpiresAt) {

    public enum Status { INVITED, ACTIVE, REMOVED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Status parse(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public Person withRole(String role, boolean send, String displayName) {
        return new Person(id, email, displayName, home, role, send, status, createdBy, invitedBy, createdAt, lastSignInAt,
                inviteHash, inviteExpiresAt);
    }

    public Person withStatus(Status status) {
        return new Person(id, email, displayName, home, role, send, status, createdBy, invitedBy, createdAt, lastSignInAt,
                status == Status.INVITED ? inviteHash : null, status == Status.INVITED ? inviteExpiresAt : null);
    }

    public Person withInvitation(String hash, Instant expiresAt) {
        return new Person(id, email, displayName, home, role, send, Status.INVITED, createdBy, invitedBy, createdAt,
                lastSignInAt, hash, expiresAt);
    }

    public Person signedIn(Instant at) {
        return new Person(id, email, displayName, home, role, send, Status.ACTIVE, createdBy, invitedBy, createdAt, at,
                null, null);
    }

    public boolean active() {
        return status == Status.ACTIVE;
    }
}
