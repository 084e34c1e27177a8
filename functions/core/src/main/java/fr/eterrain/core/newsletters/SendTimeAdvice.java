package fr.eterrain.core.newsletters;

import fr.eterrain.core.stats.Engagement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Optional;

/**
 * When to schedule a newsletter: the next occurrence of the weekday and hour its readers are most active (from
 * their opens and clicks, {@link Engagement#recommended()}), or of a common habit (Tuesday 18:00) while there is too
 * little activity to say, never at night nor inside a blackout window of the federation.
 */
public final class SendTimeAdvice {
    public static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** Night in Paris: from 21:00 to 08:00 an email sinks under the morning's mail, and sounds like spam. */
    public static final int NIGHT_FROM = 21;
    public static final int NIGHT_TO = 8;
    static final DayOfWeek HABIT_DAY = DayOfWeek.TUESDAY;
    static final int HABIT_HOUR = 18;
    /** Time to read the preview and test-send before the suggested time. */
    static final Duration LEAD = Duration.ofMinutes(30);
    static final int WEEKS_AHEAD = 12;

    public enum Basis {
        READERS, HABIT;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** @param at the suggested local time in Paris, null when every occurrence of the coming weeks is in a blackout */
    public record Advice(DayOfWeek day, int hour, Basis basis, long events, LocalDateTime at) {
    }

    private SendTimeAdvice() {
    }

    public static boolean night(int hour) {
        return hour >= NIGHT_FROM || hour < NIGHT_TO;
    }

    public static Advice advise(Optional<Engagement.SendTime> readers, String federation, List<Blackout> blackouts, Instant now) {
        DayOfWeek day = HABIT_DAY;
        int hour = HABIT_HOUR;
        Basis basis = Basis.HABIT;
        long events = 0;
        if (readers.isPresent() && !night(readers.get().hour())) {
            day = readers.get().day();
            hour = readers.get().hour();
            basis = Basis.READERS;
            events = readers.get().events();
        }
        ZonedDateTime earliest = now.plus(LEAD).atZone(PARIS);
        ZonedDateTime candidate = earliest.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.nextOrSame(day))
                .withHour(hour);
        if (candidate.isBefore(earliest)) {
            candidate = candidate.plusWeeks(1);
        }
        for (int week = 0; week < WEEKS_AHEAD; week++, candidate = candidate.plusWeeks(1)) {
            Instant at = candidate.toInstant();
            if (blackouts.stream().noneMatch(b -> b.covers(federation, at))) {
                return new Advice(day, hour, basis, events, candidate.toLocalDateTime());
            }
        }
        return new Advice(day, hour, basis, events, null);
    }
}
