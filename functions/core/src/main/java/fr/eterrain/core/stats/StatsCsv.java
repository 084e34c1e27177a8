package fr.eterrain.core.stats;

import fr.eterrain.core.csv.CsvWriter;
import fr.eterrain.core.tracking.StatsKeys;
import java.util.ArrayList;
import java.util.List;

/**
 * CSV exports (RFC 4180, comma, UTF-8): a newsletter's links, a federation's newsletters, the national table.
 * Written by {@link CsvWriter}: every cell is safe in a spreadsheet (formulas neutralised, separators quoted).
 */
public final class StatsCsv {
    private static final List<String> SUMMARY = List.of("recipients", "sent", "delivered", "measured", "bounced",
            "complaints", "unique_opens", "opens", "machine_opens", "unique_clicks", "clicks", "machine_clicks",
            "unsubscribes", "open_rate", "click_rate", "click_to_open_rate", "unsubscribe_rate");

    private StatsCsv() {
    }

    public static String newsletter(NewsletterReport report) {
        StringBuilder csv = new StringBuilder();
        row(csv, List.of("link_index", "url", "unique_clicks", "clicks", "machine_clicks"));
        NewsletterFigures f = report.figures();
        for (int i = 0; i < f.links().size(); i++) {
            row(csv, List.of(Integer.toString(i), text(f.links().get(i)), Long.toString(f.count(StatsKeys.linkUniqueClicks(i))),
                    Long.toString(f.count(StatsKeys.linkClicks(i))), Long.toString(f.count(StatsKeys.linkMachineClicks(i)))));
        }
        return csv.toString();
    }

    public static String federation(FederationReport report) {
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("newsletter_id", "subject", "sent_at"));
        header.addAll(SUMMARY);
        row(csv, header);
        for (NewsletterReport n : report.newsletters()) {
            List<String> cells = new ArrayList<>(List.of(text(n.figures().id()), text(n.figures().subject()),
                    n.figures().sentAt().toString()));
            cells.addAll(summary(n.summary()));
            row(csv, cells);
        }
        return csv.toString();
    }

    public static String national(NationalReport report) {
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("federation", "name", "rank", "newsletters"));
        header.addAll(SUMMARY);
        header.add("open_rate_lower_bound");
        row(csv, header);
        for (NationalReport.Row r : report.federations()) {
            List<String> cells = new ArrayList<>(List.of(text(r.federation().id()), text(r.federation().displayName()),
                    r.rank() == null ? "" : r.rank().toString(), Long.toString(r.summary().newsletters())));
            cells.addAll(summary(r.summary()));
            cells.add(rate(r.summary().openRateLowerBound()));
            row(csv, cells);
        }
        return csv.toString();
    }

    private static List<String> summary(Summary s) {
        return List.of(Long.toString(s.recipients()), Long.toString(s.sent()), Long.toString(s.delivered()),
                Long.toString(s.measured()), Long.toString(s.bounced()), Long.toString(s.complaints()),
                Long.toString(s.uniqueOpens()), Long.toString(s.opens()), Long.toString(s.machineOpens()),
                Long.toString(s.uniqueClicks()), Long.toString(s.clicks()), Long.toString(s.machineClicks()),
                Long.toString(s.unsubscribes()), rate(s.openRate()), rate(s.clickRate()), rate(s.clickToOpenRate()),
                rate(s.unsubscribeRate()));
    }

    private static String rate(Double value) {
        return value == null ? "" : String.format(java.util.Locale.ROOT, "%.4f", value);
    }

    /** A text cell; {@link CsvWriter} makes every cell safe. */
    static String text(String value) {
        return value == null ? "" : value;
    }

    private static void row(StringBuilder csv, List<String> cells) {
        csv.append(new CsvWriter().row(cells));
    }
}
