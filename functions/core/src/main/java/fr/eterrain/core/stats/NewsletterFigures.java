package fr.eterrain.core.stats;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One newsletter's figures as stored: its delivery counters (from the newsletter item: total, sent, failed,
 * suppressed, delivered, bounced, complaints and, when the sender records it, measured: recipients whose email
 * carried the open pixel) and its tracking counters (the statistics item, see StatsKeys).
 *
 * @param sentAt when sending started; null for a newsletter never sent
 */
public record NewsletterFigures(String id, String subject, String state, Instant sentAt, List<String> links,
                                Map<String, Long> delivery, Map<String, Long> counters) {

    public long delivery(String name) {
        return delivery.getOrDefault(name, 0L);
    }

    public boolean hasDelivery(String name) {
        return delivery.containsKey(name);
    }

    public long count(String name) {
        return counters.getOrDefault(name, 0L);
    }
}
