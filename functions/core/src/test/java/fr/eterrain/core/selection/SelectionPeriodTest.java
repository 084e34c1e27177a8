package fr.eterrain.core.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SelectionPeriodTest {
    @Test
    void mondayNineInParisSelectsTheWeekJustEnded() {
        SelectionPeriod week = SelectionPeriod.justEnded(Cadence.WEEKLY, Instant.parse("2026-11-30T08:00:00Z"));
        assertEquals("2026-W48", week.label());
        assertEquals(Instant.parse("2026-11-22T23:00:00Z"), week.start(), "Monday 23 November, midnight in Paris");
        assertEquals(Instant.parse("2026-11-29T23:00:00Z"), week.end());
        assertTrue(week.endedBy(Instant.parse("2026-11-30T08:00:00Z")));
        assertEquals("2026-W48", SelectionPeriod.justEnded(Cadence.WEEKLY, Instant.parse("2026-11-29T23:30:00Z")).label(),
                "00:30 on Monday in Paris is already the next week");
    }

    @Test
    void theFirstOfTheMonthSelectsTheMonthJustEnded() {
        SelectionPeriod month = SelectionPeriod.justEnded(Cadence.MONTHLY, Instant.parse("2026-12-01T08:00:00Z"));
        assertEquals("2026-11", month.label());
        assertEquals(Instant.parse("2026-10-31T23:00:00Z"), month.start());
        assertEquals(Instant.parse("2026-11-30T23:00:00Z"), month.end());
        assertEquals("2026-12", SelectionPeriod.justEnded(Cadence.MONTHLY, Instant.parse("2027-01-01T08:00:00Z")).label());
    }

    @Test
    void labelsParseBackAndNonsenseDoesNot() {
        assertEquals(SelectionPeriod.justEnded(Cadence.WEEKLY, Instant.parse("2026-11-30T08:00:00Z")),
                SelectionPeriod.parse("2026-W48").orElseThrow());
        assertEquals("2026-W53", SelectionPeriod.parse("2026-W53").orElseThrow().label(), "2026 has 53 ISO weeks");
        assertEquals(Optional.empty(), SelectionPeriod.parse("2027-W53"));
        assertEquals(Optional.empty(), SelectionPeriod.parse("2026-W00"));
        assertEquals(Optional.empty(), SelectionPeriod.parse("2026-13"));
        assertEquals(Optional.empty(), SelectionPeriod.parse("latest"));
        assertEquals(Cadence.MONTHLY, SelectionPeriod.parse("2026-02").orElseThrow().cadence());
    }

    @Test
    void aWeekWithTheClockChangeIsOneHourShorter() {
        SelectionPeriod week = SelectionPeriod.parse("2026-W13").orElseThrow(); // 23–29 March, summer time on the 29th
        assertEquals(Duration.ofHours(167), Duration.between(week.start(), week.end()));
        assertFalse(week.endedBy(week.end().minusSeconds(1)));
    }
}
