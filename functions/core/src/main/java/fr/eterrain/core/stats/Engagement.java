package fr.eterrain.core.stats;

import fr.eterrain.core.tracking.StatsKeys;
import java.time.DayOfWeek;
import java.util.Map;
import java.util.Optional;

/**
 * Human opens and clicks by weekday and hour (Europe/Paris), and the send time they suggest: the start of the
 * three-hour stretch in which readers are most active, so the email is on top of the inbox when they look.
 */
public final class Engagement {
    /** Below this many events a recommendation would be noise. */
    public static final long MIN_EVENTS = 20;
    private static final int WINDOW_HOURS = 3;

    private final long[][] cells = new long[7][24];

    public record SendTime(DayOfWeek day, int hour, long events) {
    }

    public void add(Map<String, Long> counters) {
        for (DayOfWeek day : DayOfWeek.values()) {
            for (int hour = 0; hour < 24; hour++) {
                Long value = counters.get(StatsKeys.engagement(day, hour));
                if (value != null) {
                    cells[day.getValue() - 1][hour] += value;
                }
            }
        }
    }

    public void add(Engagement other) {
        for (int d = 0; d < 7; d++) {
            for (int h = 0; h < 24; h++) {
                cells[d][h] += other.cells[d][h];
            }
        }
    }

    /** Events on that weekday at that hour. */
    public long at(DayOfWeek day, int hour) {
        return cells[day.getValue() - 1][hour];
    }

    public long total() {
        long total = 0;
        for (long[] day : cells) {
            for (long cell : day) {
                total += cell;
            }
        }
        return total;
    }

    public Optional<SendTime> recommended() {
        if (total() < MIN_EVENTS) {
            return Optional.empty();
        }
        SendTime best = null;
        for (DayOfWeek day : DayOfWeek.values()) {
            for (int start = 0; start + WINDOW_HOURS <= 24; start++) {
                long events = 0;
                for (int h = start; h < start + WINDOW_HOURS; h++) {
                    events += at(day, h);
                }
                if (best == null || events > best.events()) {
                    best = new SendTime(day, start, events);
                }
            }
        }
        return Optional.of(best);
    }
}
