package fr.eterrain.core.newsletters;

import java.time.Instant;
import java.util.List;

/** A period set by HQ (e.g. the electoral silence before a vote) when no newsletter leaves. */
public record Blackout(String id, Instant start, Instant end, String reason, List<String> federations) {
    public boolean covers(String federation, Instant at) {
        return !at.isBefore(start) && at.isBefore(end) && (federations.isEmpty() || federations.contains(federation));
    }
}
