package fr.eterrain.core.newsletters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.eterrain.core.stats.Engagement;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SendTimeAdviceTest {
    /** Wednesday 2 December 2026, 10:00 in Paris. */
    private static final Instant WEDNESDAY_MORNING = Instant.parse("2026-12-02T09:00:00Z");

    @Test
    void theReadersBusiestHoursComeNextOnTheirWeekday() {
        SendTimeAdvice.Advice advice = SendTimeAdvice.advise(Optional.of(new Engagement.SendTime(DayOfWeek.THURSDAY, 12, 80)),
                "06", List.of(), WEDNESDAY_MORNING);
        assertEquals(SendTimeAdvice.Basis.READERS, advice.basis());
        assertEquals(LocalDateTime.parse("2026-12-03T12:00"), advice.at());
        assertEquals(80, advice.events());
    }

    @Test
    void withoutEnoughActivityTheHabitIsTuesdayEvening() {
        SendTimeAdvice.Advice advice = SendTimeAdvice.advise(Optional.empty(), "06", List.of(), WEDNESDAY_MORNING);
        assertEquals(SendTimeAdvice.Basis.HABIT, advice.basis());
        assertEquals(LocalDateTime.parse("2026-12-08T18:00"), advice.at(), "next Tuesday, in Paris time");
    }

    @Test
    void theSameDayLaterCountsButNotAPassedHourNorOneTooCloseToPrepare() {
        Instant wednesday1740 = Instant.parse("2026-12-02T16:40:00Z");
        SendTimeAdvice.Advice soon = SendTimeAdvice.advise(Optional.of(new Engagement.SendTime(DayOfWeek.WEDNESDAY, 18, 50)),
                "06", List.of(), wednesday1740);
        assertEquals(LocalDateTime.parse("2026-12-09T18:00"), soon.at(), "18:00 is 20 minutes away: a week later");
        SendTimeAdvice.Advice later = SendTimeAdvice.advise(Optional.of(new Engagement.SendTime(DayOfWeek.WEDNESDAY, 18, 50)),
                "06", List.of(), WEDNESDAY_MORNING);
        assertEquals(LocalDateTime.parse("2026-12-02T18:00"), later.at());
    }

    @Test
    void readersActiveAtNightAreNotFollowedThere() {
        SendTimeAdvice.Advice advice = SendTimeAdvice.advise(Optional.of(new Engagement.SendTime(DayOfWeek.FRIDAY, 22, 90)),
                "06", List.of(), WEDNESDAY_MORNING);
        assertEquals(SendTimeAdvice.Basis.HABIT, advice.basis());
        assertTrue(SendTimeAdvice.night(22) && SendTimeAdvice.night(7) && !SendTimeAdvice.night(8) && !SendTimeAdvice.night(20));
    }

    @Test
    void aBlackoutPushesTheSuggestionToTheFirstFreeWeek() {
        Blackout silence = new Blackout("b1", Instant.parse("2026-12-05T00:00:00Z"), Instant.parse("2026-12-14T00:00:00Z"),
                "Silence électoral", List.of("06"));
        SendTimeAdvice.Advice advice = SendTimeAdvice.advise(Optional.empty(), "06", List.of(silence), WEDNESDAY_MORNING);
        assertEquals(LocalDateTime.parse("2026-12-15T18:00"), advice.at());
        SendTimeAdvice.Advice elsewhere = SendTimeAdvice.advise(Optional.empty(), "2B", List.of(silence), WEDNESDAY_MORNING);
        assertEquals(LocalDateTime.parse("2026-12-08T18:00"), elsewhere.at(), "another federation's blackout does not count");
        Blackout long_ = new Blackout("b2", WEDNESDAY_MORNING, WEDNESDAY_MORNING.plusSeconds(200L * 86_400), "Long", List.of());
        assertNull(SendTimeAdvice.advise(Optional.empty(), "06", List.of(long_), WEDNESDAY_MORNING).at());
    }
}
