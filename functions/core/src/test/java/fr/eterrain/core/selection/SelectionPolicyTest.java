package fr.eterrain.core.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.eterrain.core.content.Content;
import fr.eterrain.core.content.ContentKind;
import fr.eterrain.core.content.ContentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectionPolicyTest {
    private static final SelectionPeriod WEEK = SelectionPeriod.parse("2026-W48").orElseThrow();

    static Content content(String federation, String id, ContentKind kind, Instant approvedAt, long relays, long likes, long clicks) {
        return new Content(id, federation, "Titre " + id, kind, null, List.of(), "Crédits", new Content.Rights("x", "own-work"),
                null, new Content.FileSpec("f", "image/png", 1, "0".repeat(64), "u", null), ContentStatus.APPROVED, "k", null,
                null, approvedAt, approvedAt, approvedAt, approvedAt, null, new Content.Engagement(relays, likes, clicks),
                new Content.National(approvedAt, null), 1);
    }

    @Test
    void theScoreWeighsEngagementAndHalvesOverAHalfLife() {
        Instant end = WEEK.end();
        assertEquals(1.0, SelectionPolicy.score(content("06", "a", ContentKind.GRAPHIC, end, 0, 0, 0), WEEK));
        assertEquals(1 + 3 * 2 + 5 + 2 * 4, SelectionPolicy.score(content("06", "a", ContentKind.GRAPHIC, end, 2, 5, 4), WEEK));
        assertEquals(10.0, SelectionPolicy.score(content("06", "a", ContentKind.GRAPHIC, end.minus(Duration.ofDays(7)), 3, 10, 0), WEEK),
                "a week old: half of 20");
        assertEquals(10.0, SelectionPolicy.score(content("06", "a", ContentKind.GRAPHIC,
                SelectionPeriod.parse("2026-11").orElseThrow().end().minus(Duration.ofDays(15)), 3, 10, 0),
                SelectionPeriod.parse("2026-11").orElseThrow()), "the monthly half-life is 15 days");
    }

    @Test
    void atMostTwoPerFederationAndKindsBalancedUnlessNothingElseIsLeft() {
        Instant at = WEEK.end().minus(Duration.ofDays(1));
        List<Content> candidates = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            candidates.add(content("06", "g06" + i, ContentKind.GRAPHIC, at, 10 - i, 0, 0)); // 06 dominates the score
        }
        for (String fed : List.of("13", "33", "69", "75", "2A")) {
            candidates.add(content(fed, "g" + fed, ContentKind.GRAPHIC, at, 5, 0, 0));
        }
        candidates.add(content("971", "v971", ContentKind.VIDEO, at, 0, 0, 0));
        List<SelectionItem> items = SelectionPolicy.select(candidates, WEEK);
        assertEquals(Cadence.WEEKLY.size(), items.size());
        assertEquals(2, items.stream().filter(i -> i.content().federation().equals("06")).count());
        assertEquals(List.of("g060", "g061"), items.subList(0, 2).stream().map(i -> i.content().id()).toList());
        assertEquals(1, items.stream().filter(i -> i.kind() == ContentKind.VIDEO).count(), "the lone video makes it in");
        // Seven graphics from different federations for 8 places: the kind cap (4) gives way in the second pass.
        assertEquals(7, items.stream().filter(i -> i.kind() == ContentKind.GRAPHIC).count());
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), items.stream().map(SelectionItem::rank).toList());
        List<Double> scores = items.stream().map(SelectionItem::score).toList();
        List<Double> sorted = new ArrayList<>(scores);
        sorted.sort((a, b) -> Double.compare(b, a));
        assertEquals(sorted, scores, "in score order");
    }

    @Test
    void theKindCapMakesRoomForOtherKinds() {
        Instant at = WEEK.end().minus(Duration.ofDays(1));
        List<Content> candidates = new ArrayList<>();
        for (String fed : List.of("01", "02", "03", "04", "05", "06", "07", "08")) {
            candidates.add(content(fed, "g" + fed, ContentKind.GRAPHIC, at, 9, 0, 0));
        }
        for (String fed : List.of("11", "12", "13", "14")) {
            candidates.add(content(fed, "p" + fed, ContentKind.PODCAST, at, 1, 0, 0));
        }
        List<SelectionItem> items = SelectionPolicy.select(candidates, WEEK);
        assertEquals(4, items.stream().filter(i -> i.kind() == ContentKind.GRAPHIC).count());
        assertEquals(4, items.stream().filter(i -> i.kind() == ContentKind.PODCAST).count());
        assertEquals(items, SelectionPolicy.select(List.copyOf(candidates.reversed()), WEEK), "the order of candidates does not matter");
    }
}
