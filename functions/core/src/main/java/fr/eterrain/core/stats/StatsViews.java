package fr.eterrain.core.stats;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.tracking.StatsKeys;
import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

/** The JSON of the statistics API. Rates are fractions (0.4123 = 41.23 %), null when there is no denominator. */
public final class StatsViews {
    private StatsViews() {
    }

    public static ObjectNode newsletter(NewsletterReport report) {
        NewsletterFigures f = report.figures();
        ObjectNode out = Json.object();
        out.put("federation", report.federation());
        out.set("newsletter", newsletterHeader(f));
        summary(out, report.summary());
        ArrayNode links = out.putArray("links");
        List<String> urls = f.links();
        for (int i = 0; i < urls.size(); i++) {
            ObjectNode link = links.addObject();
            link.put("index", i);
            link.put("url", urls.get(i));
            link.put("uniqueClicks", f.count(StatsKeys.linkUniqueClicks(i)));
            link.put("clicks", f.count(StatsKeys.linkClicks(i)));
            link.put("machineClicks", f.count(StatsKeys.linkMachineClicks(i)));
        }
        out.set("engagement", engagement(report.summary().engagement()));
        return out;
    }

    public static ObjectNode federation(FederationReport report) {
        ObjectNode out = Json.object();
        ObjectNode federation = out.putObject("federation");
        federation.put("id", report.federation().id());
        federation.put("name", report.federation().displayName());
        out.set("period", period(report.period()));
        summary(out.putObject("totals"), report.totals());
        ArrayNode months = out.putArray("months");
        report.months().forEach((month, summary) -> {
            ObjectNode m = months.addObject();
            m.put("month", month.toString());
            summary(m, summary);
        });
        ArrayNode newsletters = out.putArray("newsletters");
        report.newsletters().forEach(n -> {
            ObjectNode row = newsletters.addObject();
            row.setAll(newsletterHeader(n.figures()));
            summary(row, n.summary());
        });
        out.set("engagement", engagement(report.totals().engagement()));
        return out;
    }

    public static ObjectNode national(NationalReport report) {
        ObjectNode out = Json.object();
        out.set("period", period(report.period()));
        summary(out.putObject("totals"), report.totals());
        out.put("minimumMeasuredToRank", Statistics.MIN_RANKED_AUDIENCE);
        ArrayNode federations = out.putArray("federations");
        report.federations().forEach(row -> {
            ObjectNode f = federations.addObject();
            f.put("id", row.federation().id());
            f.put("name", row.federation().displayName());
            if (row.rank() == null) {
                f.putNull("rank");
            } else {
                f.put("rank", row.rank());
            }
            summary(f, row.summary());
            rate((ObjectNode) f.get("rates"), "openLowerBound", row.summary().openRateLowerBound());
        });
        out.set("engagement", engagement(report.totals().engagement()));
        return out;
    }

    private static ObjectNode newsletterHeader(NewsletterFigures f) {
        ObjectNode n = Json.object();
        n.put("id", f.id());
        n.put("subject", f.subject());
        n.put("state", f.state());
        n.put("sentAt", f.sentAt() == null ? null : f.sentAt().toString());
        return n;
    }

    private static ObjectNode period(Period period) {
        ObjectNode p = Json.object();
        p.put("from", period.from().toString());
        p.put("to", period.to().toString());
        p.put("timezone", StatsKeys.PARIS.getId());
        return p;
    }

    static void summary(ObjectNode out, Summary s) {
        out.put("newsletters", s.newsletters());
        ObjectNode delivery = out.putObject("delivery");
        delivery.put("recipients", s.recipients());
        delivery.put("sent", s.sent());
        delivery.put("delivered", s.delivered());
        delivery.put("reached", s.reached());
        delivery.put("measured", s.measured());
        delivery.put("bounced", s.bounced());
        delivery.put("complaints", s.complaints());
        ObjectNode opens = out.putObject("opens");
        opens.put("unique", s.uniqueOpens());
        opens.put("total", s.opens());
        opens.put("anonymous", s.anonymousOpens());
        opens.put("machine", s.machineOpens());
        ObjectNode clicks = out.putObject("clicks");
        clicks.put("unique", s.uniqueClicks());
        clicks.put("total", s.clicks());
        clicks.put("anonymous", s.anonymousClicks());
        clicks.put("machine", s.machineClicks());
        out.put("unsubscribes", s.unsubscribes());
        ObjectNode rates = out.putObject("rates");
        rate(rates, "open", s.openRate());
        rate(rates, "click", s.clickRate());
        rate(rates, "clickToOpen", s.clickToOpenRate());
        rate(rates, "unsubscribe", s.unsubscribeRate());
        rate(rates, "complaint", s.complaintRate());
        rate(rates, "bounce", s.bounceRate());
    }

    private static void rate(ObjectNode node, String name, Double value) {
        if (value == null) {
            node.putNull(name);
        } else {
            node.put(name, Math.round(value * 10_000) / 10_000.0);
        }
    }

    static ObjectNode engagement(Engagement e) {
        ObjectNode out = Json.object();
        out.put("timezone", StatsKeys.PARIS.getId());
        out.put("events", e.total());
        ArrayNode days = out.putArray("days");
        ArrayNode cells = out.putArray("cells");
        for (DayOfWeek day : DayOfWeek.values()) {
            days.add(dayName(day));
            ArrayNode hours = cells.addArray();
            for (int h = 0; h < 24; h++) {
                hours.add(e.at(day, h));
            }
        }
        e.recommended().ifPresentOrElse(t -> {
            ObjectNode r = out.putObject("recommendedSendTime");
            r.put("weekday", t.day().getValue());
            r.put("day", dayName(t.day()));
            r.put("hour", t.hour());
            r.put("label", "le " + dayName(t.day()) + " vers " + t.hour() + " h");
            r.put("events", t.events());
        }, () -> out.putNull("recommendedSendTime"));
        return out;
    }

    static String dayName(DayOfWeek day) {
        return day.getDisplayName(TextStyle.FULL, Locale.FRENCH);
    }
}
