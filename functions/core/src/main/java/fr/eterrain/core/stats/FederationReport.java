package fr.eterrain.core.stats;

import fr.eterrain.core.federation.Federation;
import java.time.YearMonth;
import java.util.List;
import java.util.SortedMap;

/** A federation over a period: totals, month by month (by sending date), and each newsletter. */
public record FederationReport(Federation federation, Period period, Summary totals, SortedMap<YearMonth, Summary> months,
                               List<NewsletterReport> newsletters) {
}
