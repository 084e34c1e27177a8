package fr.eterrain.core.selection;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A selection's period in Paris time: an ISO week ({@code 2026-W48}, Monday 00:00 to the next Monday) or a
 * calendar month ({@code 2026-11}). {@code start} is inclusive, {@code end} exclusive.
 */
public record SelectionPeriod(Cadence cadence, String label, Instant start, Instant end) {
    public static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");

    /** The period that ended last before {@code now}: on Monday 09:00, last week; on the 1st, last month. */
    public static SelectionPeriod justEnded(Cadence cadence, Instant now) {
        return containing(cadence, containing(cadence, now).start().minusSeconds(1));
    }

    public static SelectionPeriod containing(Cadence cadence, Instant at) {
        LocalDate day = at.atZone(PARIS).toLocalDate();
        return cadence == Cadence.WEEKLY ? week(day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)))
                : month(YearMonth.from(day));
    }

    /** {@code 2026-W48} or {@code 2026-11}; empty for anything else (a week 54, a month 13…). */
    public static Optional<SelectionPeriod> parse(String label) {
        if (label == null) {
            return Optional.empty();
        }
        Matcher w = WEEK.matcher(label);
        if (w.matches()) {
            int year = Integer.parseInt(w.group(1));
            int week = Integer.parseInt(w.group(2));
            LocalDate mid = LocalDate.of(year, 6, 1);
            if (week < 1 || week > mid.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
                return Optional.empty();
            }
            return Optional.of(week(mid.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week).with(DayOfWeek.MONDAY)));
        }
        Matcher m = MONTH.matcher(label);
        if (m.matches()) {
            int month = Integer.parseInt(m.group(2));
            return month < 1 || month > 12 ? Optional.empty()
                    : Optional.of(month(YearMonth.of(Integer.parseInt(m.group(1)), month)));
        }
        return Optional.empty();
    }

    public boolean endedBy(Instant now) {
        return !end.isAfter(now);
    }

    private static SelectionPeriod week(LocalDate monday) {
        String label = String.format("%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        return new SelectionPeriod(Cadence.WEEKLY, label, startOf(monday), startOf(monday.plusWeeks(1)));
    }

    private static SelectionPeriod month(YearMonth month) {
        return new SelectionPeriod(Cadence.MONTHLY, month.toString(), startOf(month.atDay(1)), startOf(month.plusMonths(1).atDay(1)));
    }

    private static Instant startOf(LocalDate day) {
        return ZonedDateTime.of(day.atStartOfDay(), PARIS).toInstant();
    }
}
