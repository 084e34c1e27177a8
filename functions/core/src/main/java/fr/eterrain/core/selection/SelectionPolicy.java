package fr.eterrain.core.selection;

import fr.eterrain.core.content.Content;
import fr.eterrain.core.content.ContentKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The documented score and the diversity rules (README, "Selection score"). Deterministic: the same candidates
 * always give the same selection.
 *
 * <p>score = (1 + 3·relays + 1·likes + 2·clicks) × 2^(−age / half-life), age being the time from the national
 * approval to the end of the period. Then, best first: at most {@link Cadence#perFederation()} items of one federation and
 * {@link Cadence#perKind()} of one kind; if the kind cap leaves places empty, a second pass fills them with the
 * best remaining (the federation cap still holds).
 */
public final class SelectionPolicy {
    public static final String VERSION = "2026-11.1";
    static final int RELAY_WEIGHT = 3;
    static final int LIKE_WEIGHT = 1;
    static final int CLICK_WEIGHT = 2;

    private SelectionPolicy() {
    }

    public static double score(Content c, SelectionPeriod period) {
        Content.Engagement e = c.engagement();
        double engagement = 1 + RELAY_WEIGHT * e.relays() + LIKE_WEIGHT * e.likes() + CLICK_WEIGHT * e.clicks();
        double ageDays = Math.max(0, Duration.between(c.national().approvedAt(), period.end()).toMillis()) / 86_400_000.0;
        double freshness = Math.pow(2, -ageDays / (period.cadence().halfLife().toMillis() / 86_400_000.0));
        return Math.round(engagement * freshness * 1000) / 1000.0;
    }

    public static List<SelectionItem> select(List<Content> candidates, SelectionPeriod period) {
        Cadence cadence = period.cadence();
        record Scored(Content content, double score) {
        }
        List<Scored> ranked = new ArrayList<>(candidates.stream().map(c -> new Scored(c, score(c, period))).toList());
        ranked.sort(Comparator.comparingDouble(Scored::score).reversed()
                .thenComparing(s -> s.content().national().approvedAt(), Comparator.reverseOrder())
                .thenComparing(s -> s.content().federation())
                .thenComparing(s -> s.content().id()));
        List<Scored> chosen = new ArrayList<>();
        Map<String, Integer> perFederation = new HashMap<>();
        Map<ContentKind, Integer> perKind = new EnumMap<>(ContentKind.class);
        for (boolean kindCap : new boolean[] {true, false}) {
            for (Scored s : ranked) {
                if (chosen.size() == cadence.size()) {
                    break;
                }
                Content c = s.content();
                if (chosen.contains(s) || perFederation.getOrDefault(c.federation(), 0) >= cadence.perFederation()
                        || kindCap && perKind.getOrDefault(c.kind(), 0) >= cadence.perKind()) {
                    continue;
                }
                chosen.add(s);
                perFederation.merge(c.federation(), 1, Integer::sum);
                perKind.merge(c.kind(), 1, Integer::sum);
            }
        }
        // Second-pass items join in score order, not at the end.
        chosen.sort(Comparator.comparingInt(ranked::indexOf));
        List<SelectionItem> items = new ArrayList<>();
        for (Scored s : chosen) {
            Content c = s.content();
            items.add(new SelectionItem(items.size() + 1, s.score(), c.ref(), c.title(), c.kind(), c.description(),
                    c.credits(), c.thumbnailKey(), c.national().approvedAt(), c.engagement()));
        }
        return List.copyOf(items);
    }
}
