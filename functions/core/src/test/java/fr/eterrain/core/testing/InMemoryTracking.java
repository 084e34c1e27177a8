package fr.eterrain.core.testing;

import fr.eterrain.core.stats.NewsletterFigures;
import fr.eterrain.core.stats.StatsStore;
import fr.eterrain.core.tracking.StatsKeys;
import fr.eterrain.core.tracking.TrackingStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Newsletters, consent, markers and counters in memory: the tracking and statistics stores for unit tests. */
public final class InMemoryTracking implements TrackingStore, StatsStore {
    public record Meta(String subject, String state, Instant sentAt, List<String> links, Map<String, Long> delivery) {
    }

    public final Map<String, Meta> newsletters = new HashMap<>();
    public final Map<String, Instant> recipients = new HashMap<>();
    public final Map<String, Boolean> consent = new HashMap<>();
    public final Set<String> markers = new HashSet<>();
    public final Map<String, Map<String, Long>> counters = new HashMap<>();
    public final Map<String, Instant> lastActive = new HashMap<>();
    public int reads;
    public int writes;
    public int newsletterReads;
    /** Makes the next apply() behave as if a concurrent first hit had created a marker just before. */
    public boolean loseNextRace;
    /** Runs once at the start of the next apply(), as something happening between a hit's read and its write. */
    public Runnable beforeNextApply;

    private static String k(String... parts) {
        return String.join("|", parts);
    }

    public void newsletter(String fed, String id, String state, Instant sentAt, List<String> links, Map<String, Long> delivery) {
        newsletters.put(k(fed, id), new Meta("Sujet " + id, state, sentAt, List.copyOf(links), Map.copyOf(delivery)));
    }

    public void recipient(String fed, String nl, String contact, Instant deliveredAt, boolean audienceConsent) {
        recipients.put(k(fed, nl, contact), deliveredAt);
        consent.put(k(fed, contact), audienceConsent);
    }

    public void setConsent(String fed, String contact, boolean audienceConsent) {
        consent.put(k(fed, contact), audienceConsent);
    }

    public long count(String fed, String nl, String counter) {
        return counters.getOrDefault(k(fed, nl), Map.of()).getOrDefault(counter, 0L);
    }

    public Map<String, Long> counters(String fed, String nl) {
        return counters.getOrDefault(k(fed, nl), Map.of());
    }

    /** Every per-person marker of a contact. */
    public List<String> markersOf(String fed, String contact) {
        String prefix = k(fed, contact) + "|";
        return markers.stream().filter(m -> m.startsWith(prefix)).map(m -> m.substring(prefix.length())).sorted().toList();
    }

    @Override
    public synchronized Snapshot read(String federation, String newsletterId, String contactId, List<String> wanted,
                                      boolean withNewsletter) {
        reads++;
        NewsletterLinks newsletter = null;
        if (withNewsletter) {
            newsletterReads++;
            Meta meta = newsletters.get(k(federation, newsletterId));
            newsletter = meta == null ? null : new NewsletterLinks(meta.links(), meta.state());
        }
        Set<String> existing = new HashSet<>();
        wanted.forEach(m -> {
            if (markers.contains(k(federation, contactId, m))) {
                existing.add(m);
            }
        });
        String recipient = k(federation, newsletterId, contactId);
        return new Snapshot(newsletter, consent.getOrDefault(k(federation, contactId), false),
                recipients.containsKey(recipient), recipients.get(recipient), existing);
    }

    public void erase(String fed, String contact) {
        consent.remove(k(fed, contact));
        markers.removeIf(m -> m.startsWith(k(fed, contact) + "|"));
        recipients.keySet().removeIf(r -> r.startsWith(fed + "|") && r.endsWith("|" + contact));
    }

    @Override
    public synchronized boolean apply(Increment inc) {
        writes++;
        if (beforeNextApply != null) {
            Runnable meanwhile = beforeNextApply;
            beforeNextApply = null;
            meanwhile.run();
        }
        if (!inc.newMarkers().isEmpty()) {
            // As the table does: markers only for a contact still there and, for measurement, still consenting.
            Boolean consenting = consent.get(k(inc.federation(), inc.contactId()));
            boolean measured = inc.newMarkers().stream().anyMatch(StatsKeys::needsConsent);
            if (consenting == null || (measured && !consenting)) {
                return false;
            }
        }
        if (loseNextRace && !inc.newMarkers().isEmpty()) {
            loseNextRace = false;
            inc.newMarkers().forEach(m -> markers.add(k(inc.federation(), inc.contactId(), m)));
            return false;
        }
        for (String m : inc.newMarkers()) {
            if (markers.contains(k(inc.federation(), inc.contactId(), m))) {
                return false;
            }
        }
        inc.newMarkers().forEach(m -> markers.add(k(inc.federation(), inc.contactId(), m)));
        Map<String, Long> c = counters.computeIfAbsent(k(inc.federation(), inc.newsletterId()), x -> new LinkedHashMap<>());
        inc.counters().forEach((name, value) -> c.merge(name, value, Long::sum));
        if (inc.touchContact()) {
            lastActive.put(k(inc.federation(), inc.contactId()), inc.at());
        }
        return true;
    }

    @Override
    public synchronized Optional<NewsletterFigures> newsletter(String federation, String newsletterId) {
        Meta meta = newsletters.get(k(federation, newsletterId));
        return meta == null ? Optional.empty() : Optional.of(figures(federation, newsletterId, meta));
    }

    @Override
    public synchronized List<NewsletterFigures> sentBetween(String federation, Instant from, Instant to) {
        List<NewsletterFigures> found = new ArrayList<>();
        newsletters.forEach((key, meta) -> {
            String[] parts = key.split("\\|");
            if (parts[0].equals(federation) && meta.sentAt() != null && !meta.sentAt().isBefore(from) && meta.sentAt().isBefore(to)) {
                found.add(figures(federation, parts[1], meta));
            }
        });
        found.sort(Comparator.comparing(NewsletterFigures::sentAt).reversed());
        return found;
    }

    private NewsletterFigures figures(String federation, String id, Meta meta) {
        return new NewsletterFigures(id, meta.subject(), meta.state(), meta.sentAt(), meta.links(), meta.delivery(),
                Map.copyOf(counters(federation, id)));
    }
}
