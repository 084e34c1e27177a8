package fr.eterrain.core.access;

import java.time.Instant;

/** Who (key id and role) did what (route and target id) to a federation's data, and when. */
public record AuditEntry(String federation, Instant at, String keyId, String role, String action, String target,
                         String requestId) {
}
