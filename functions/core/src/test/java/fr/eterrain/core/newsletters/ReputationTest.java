package fr.eterrain.core.newsletters;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReputationTest {
    @Test
    void sendingPausesAtSesReviewThresholdsOnlyOnceTheSampleSaysSomething() {
        assertTrue(Reputation.verdict(199, 100, 10).isEmpty(), "too few sends to judge");
        assertTrue(Reputation.verdict(1000, 49, 0).isEmpty());
        assertTrue(Reputation.verdict(1000, 50, 0).orElseThrow().contains("5 %"));
        assertTrue(Reputation.verdict(1000, 0, 0).isEmpty());
        assertTrue(Reputation.verdict(1000, 0, 1).orElseThrow().contains("plaintes"));
        assertTrue(Reputation.verdict(10_000, 0, 9).isEmpty());
    }
}
