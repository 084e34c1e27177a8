package fr.eterrain.core.newsletters;

import java.util.Optional;

/**
 * Each federation's bounce and complaint rates over the last 30 days. Sending pauses itself for a federation
 * that crosses SES's review thresholds, before SES reviews the whole account all 102 federations share.
 */
public interface Reputation {
    double BOUNCE_THRESHOLD = 0.05;
    double COMPLAINT_THRESHOLD = 0.001;
    /** Below this many sends a rate says nothing yet. */
    long MINIMUM_SAMPLE = 200;

    /** Counts {@code count} messages sent (once per page of recipients, not once per message). */
    void recordSent(String federation, int count);

    /** Counts a bounce or complaint and pauses the federation when a threshold is crossed. */
    void recordProblem(String federation, boolean complaint);

    /** Why sending is paused for this federation, if it is. */
    Optional<String> paused(String federation);

    void resume(String federation);

    static Optional<String> verdict(long sent, long bounces, long complaints) {
        if (sent < MINIMUM_SAMPLE) {
            return Optional.empty();
        }
        if ((double) bounces / sent >= BOUNCE_THRESHOLD) {
            return Optional.of(String.format(java.util.Locale.FRENCH,
                    "Envois suspendus : %.1f %% d'adresses en échec sur 30 jours (seuil 5 %%). Nettoyez la liste, puis demandez la reprise au siège.",
                    100.0 * bounces / sent));
        }
        if ((double) complaints / sent >= COMPLAINT_THRESHOLD) {
            return Optional.of(String.format(java.util.Locale.FRENCH,
                    "Envois suspendus : %.2f %% de plaintes pour spam sur 30 jours (seuil 0,1 %%). Vérifiez le consentement de vos contacts, puis demandez la reprise au siège.",
                    100.0 * complaints / sent));
        }
        return Optional.empty();
    }
}
