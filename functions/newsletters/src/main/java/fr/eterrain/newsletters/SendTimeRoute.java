package fr.eterrain.newsletters;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.federation.Federation;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.newsletters.Blackout;
import fr.eterrain.core.newsletters.Blackouts;
import fr.eterrain.core.newsletters.SendTimeAdvice;
import fr.eterrain.core.stats.Engagement;
import fr.eterrain.core.stats.Statistics;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

/**
 * GET …/send-time: what the console's scheduler offers — the suggested time (from the readers' last year of opens and
 * clicks), the night hours it warns about, and the blackout windows still to come for this federation.
 */
final class SendTimeRoute {
    static final Duration HISTORY = Duration.ofDays(365);

    private final Statistics statistics;
    private final Blackouts blackouts;
    private final Clock clock;

    SendTimeRoute(Statistics statistics, Blackouts blackouts, Clock clock) {
        this.statistics = statistics;
        this.blackouts = blackouts;
        this.clock = clock;
    }

    ObjectNode advice(Federation federation) {
        Instant now = clock.instant();
        Engagement readers = statistics.engagement(federation, now.minus(HISTORY), now);
        List<Blackout> windows = blackouts.all().stream()
                .filter(b -> b.end().isAfter(now) && (b.federations().isEmpty() || b.federations().contains(federation.id())))
                .sorted(java.util.Comparator.comparing(Blackout::start))
                .toList();
        SendTimeAdvice.Advice advice = SendTimeAdvice.advise(readers.recommended(), federation.id(), windows, now);
        ObjectNode body = Json.object();
        body.put("timezone", SendTimeAdvice.PARIS.getId());
        ObjectNode recommended = body.putObject("recommended");
        recommended.put("at", advice.at() == null ? null : advice.at().toString());
        recommended.put("weekday", advice.day().getValue());
        recommended.put("day", dayName(advice.day()));
        recommended.put("hour", advice.hour());
        recommended.put("label", "le " + dayName(advice.day()) + " vers " + advice.hour() + " h");
        recommended.put("basis", advice.basis().wire());
        recommended.put("events", advice.events());
        body.putObject("night").put("from", SendTimeAdvice.NIGHT_FROM).put("to", SendTimeAdvice.NIGHT_TO);
        ArrayNode items = body.putArray("blackouts");
        windows.forEach(b -> items.addObject().put("id", b.id()).put("start", b.start().toString()).put("end", b.end().toString())
                .put("reason", b.reason()));
        return body;
    }

    private static String dayName(DayOfWeek day) {
        return day.getDisplayName(TextStyle.FULL, Locale.FRENCH);
    }
}
