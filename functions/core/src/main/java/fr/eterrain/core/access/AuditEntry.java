package fr.eterrain.core.access;

import java.time.Instant;

/**
 * Who did what (route and target id) to a federation's data, and when. keyId: the key's id or the person's id, as
 * actorKind says ({@code key} or {@code person}); role: the person's role, or {@code hq}/{@code federation} for a
 * key; onBehalf: HQ acting for the federation; displayName: the person's name at the time.
 */
public record AuditEntry(String federation, Instant at, String keyId, String role, String action, String target,
                         String requestId, String actorKind, String displayName, boolean onBehalf) {
    public AuditEntry(String federation, Instant at, String keyId, String role, String action, String target,
                      String requestId) {
        this(federation, at, keyId, role, action, target, requestId, "key", null, "hq".equals(role));
    }

    public static AuditEntry of(String federation, Instant at, Caller caller, String action, String target,
                                String requestId) {
        return new AuditEntry(federation, at, caller.id(), caller.role(), action, target, requestId,
                caller.kind().label(), caller.displayName(), caller.isHq() && !Caller.HQ.equals(federation));
    }
}
