package fr.eterrain.core.stats;

import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.tracking.StatsKeys;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The days a report covers, both included, in Paris time; by default the last twelve months. */
public record Period(LocalDate from, LocalDate to) {
    public static final int MAX_MONTHS = 60;

    /** From the {@code from} and {@code to} query parameters (YYYY-MM-DD), each optional. */
    public static Period parse(String from, String to, Clock clock) {
        LocalDate end = to == null ? LocalDate.now(clock.withZone(StatsKeys.PARIS)) : date(to, "to");
        LocalDate start = from == null ? end.minusMonths(12).plusDays(1) : date(from, "from");
        if (start.isAfter(end)) {
            throw ApiException.badRequest("invalid_period", "from must not be after to.", "from");
        }
        if (start.isBefore(end.minusMonths(MAX_MONTHS))) {
            throw ApiException.badRequest("invalid_period", "A report covers at most " + MAX_MONTHS + " months.", "from");
        }
        return new Period(start, end);
    }

    /** Years 1970 to 9999: java.time parses others (+999999999-12-31) that no report can be computed for. */
    private static LocalDate date(String text, String field) {
        try {
            LocalDate date = LocalDate.parse(text);
            if (date.getYear() >= 1970 && date.getYear() <= 9999) {
                return date;
            }
        } catch (DateTimeParseException e) {
            // refused below
        }
        throw ApiException.badRequest("invalid_date", field + " must be a date written YYYY-MM-DD.", field);
    }

    public Instant start() {
        return from.atStartOfDay(StatsKeys.PARIS).toInstant();
    }

    /** Exclusive. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(StatsKeys.PARIS).toInstant();
    }

    public List<YearMonth> months() {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
            months.add(m);
        }
        return months;
    }
}
