package fr.eterrain.core.access;

import java.util.List;

public interface AuditLog {
    void record(AuditEntry entry);

    /** Newest first. */
    List<AuditEntry> recent(String federation, int limit);
}
