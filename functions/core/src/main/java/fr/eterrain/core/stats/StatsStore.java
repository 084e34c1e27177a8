package fr.eterrain.core.stats;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads newsletters and their statistics items from a federation's table. */
public interface StatsStore {
    Optional<NewsletterFigures> newsletter(String federation, String newsletterId);

    /** Newsletters whose sending started in [from, to), newest first. */
    List<NewsletterFigures> sentBetween(String federation, Instant from, Instant to);
}
