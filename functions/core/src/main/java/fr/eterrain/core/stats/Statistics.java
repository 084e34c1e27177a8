package fr.eterrain.core.stats;

import fr.eterrain.core.federation.Federation;
import fr.eterrain.core.federation.FederationRegistry;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.tracking.StatsKeys;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** Builds the statistics reports: per newsletter, per federation over time, and the national roll-up for HQ. */
public final class Statistics {
    /** Federations that measured fewer recipients than this over the period are listed but not ranked. */
    public static final long MIN_RANKED_AUDIENCE = 30;

    private final StatsStore store;
    private final FederationRegistry federations;

    public Statistics(StatsStore store, FederationRegistry federations) {
        this.store = store;
        this.federations = federations;
    }

    public NewsletterReport newsletter(Federation federation, String newsletterId) {
        if (newsletterId == null || !newsletterId.matches("[A-Za-z0-9]{1,40}")) {
            throw ApiException.notFound("No such newsletter.");
        }
        NewsletterFigures figures = store.newsletter(federation.id(), newsletterId)
                .orElseThrow(() -> ApiException.notFound("No such newsletter."));
        return new NewsletterReport(federation.id(), figures, Summary.of(figures));
    }

    /** Readers' opens and clicks by weekday and hour over the newsletters sent in [from, to). */
    public Engagement engagement(Federation federation, java.time.Instant from, java.time.Instant to) {
        Engagement engagement = new Engagement();
        store.sentBetween(federation.id(), from, to).forEach(f -> engagement.add(f.counters()));
        return engagement;
    }

    public FederationReport federation(Federation federation, Period period) {
        Summary totals = new Summary();
        SortedMap<YearMonth, Summary> months = new TreeMap<>();
        period.months().forEach(m -> months.put(m, new Summary()));
        List<NewsletterReport> newsletters = new ArrayList<>();
        for (NewsletterFigures figures : store.sentBetween(federation.id(), period.start(), period.end())) {
            Summary one = Summary.of(figures);
            newsletters.add(new NewsletterReport(federation.id(), figures, one));
            totals.add(one);
            months.computeIfAbsent(YearMonth.from(figures.sentAt().atZone(StatsKeys.PARIS)), m -> new Summary()).add(one);
        }
        return new FederationReport(federation, period, totals, months, newsletters);
    }

    /**
     * Ranks on the lower bound of the open rate's 95 % interval (then of the click rate): human activity only,
     * and a small federation with a lucky newsletter does not outrank a large one with a steady audience.
     */
    public NationalReport national(Period period) {
        Summary totals = new Summary();
        List<Federation> all = federations.all();
        List<Summary> summaries = new ArrayList<>();
        for (Federation federation : all) {
            Summary summary = new Summary();
            store.sentBetween(federation.id(), period.start(), period.end()).forEach(summary::add);
            summaries.add(summary);
            totals.add(summary);
        }
        List<Integer> ranked = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (summaries.get(i).measured() >= MIN_RANKED_AUDIENCE) {
                ranked.add(i);
            }
        }
        ranked.sort(Comparator.comparing((Integer i) -> summaries.get(i).openRateLowerBound())
                .thenComparing(i -> summaries.get(i).clickRateLowerBound()).reversed());
        Integer[] ranks = new Integer[all.size()];
        for (int r = 0; r < ranked.size(); r++) {
            ranks[ranked.get(r)] = r + 1;
        }
        List<NationalReport.Row> rows = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            rows.add(new NationalReport.Row(all.get(i), summaries.get(i), ranks[i]));
        }
        rows.sort(Comparator.comparing((NationalReport.Row r) -> r.rank() == null ? Integer.MAX_VALUE : r.rank())
                .thenComparing(r -> r.federation().id()));
        return new NationalReport(period, totals, rows);
    }
}
