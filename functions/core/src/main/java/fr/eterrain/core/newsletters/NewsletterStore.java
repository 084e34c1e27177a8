package fr.eterrain.core.newsletters;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Newsletters and their recipients in the federation table ({@link NewsletterKeys}). Every recipient status
 * change and its counter move together in one transaction, so counters are exact under retries.
 */
public interface NewsletterStore {
    void create(String federation, Newsletter newsletter);

    Optional<Newsletter> find(String federation, String id);

    /** Saves the draft fields and state if the version is unchanged; counters are not touched. */
    boolean update(String federation, Newsletter newsletter);

    List<Newsletter> list(String federation, int limit);

    /**
     * One contact's recipient status ("queued", "sending", "sent", "failed", "suppressed") in each of these
     * newsletters it was a recipient of; newsletters it was not sent are absent. For a contact's page.
     */
    default java.util.Map<String, String> recipientStatuses(String federation, String contactId, List<String> newsletterIds) {
        return java.util.Map.of();
    }

    /** Adds a queued recipient unless already there (materialisation is re-runnable). */
    boolean addRecipient(String federation, String newsletterId, String contactId);

    /** Sets the total once materialisation is complete and marks it done. */
    void completeMaterialisation(String federation, String newsletterId, long total);

    /** Up to {@code limit} queued recipients (the sparse queue index: what is left to send). */
    List<String> queued(String federation, String newsletterId, int limit);

    /** queued → sending under this worker's lease; false when another worker has it. */
    boolean claim(String federation, String newsletterId, String contactId, String worker, Instant now);

    /** sending (by this worker, or unclaimed by a dead one) → sent, and sent += 1. False when already sent. */
    boolean markSent(String federation, String newsletterId, String contactId, String messageId, Instant at);

    /**
     * The same, and measured += 1 in the same transaction when the email carried the open pixel: the denominator of
     * open and click rates, exactly once like sent. The stores implement it; this default (for decorators that only
     * wrap the call above) marks the send without counting the measurement.
     */
    default boolean markSent(String federation, String newsletterId, String contactId, String messageId, Instant at,
                             boolean measured) {
        return markSent(federation, newsletterId, contactId, messageId, at);
    }

    /** sending → failed (permanent refusal) or suppressed (address suppressed meanwhile), counted. */
    void markFailed(String federation, String newsletterId, String contactId, boolean suppressed, String reason);

    /** sending (by this worker) → queued again: a retryable failure, tried later. */
    void release(String federation, String newsletterId, String contactId, String worker);

    /** Recipients still "sending" whose lease began before {@code before}: their worker died. */
    List<String> stalled(String federation, String newsletterId, Instant before);

    /** stalled → queued, when no proof of sending arrived within the grace period. */
    boolean requeue(String federation, String newsletterId, String contactId, Instant before);

    /** Counts a delivery, bounce or complaint once per recipient (SES may deliver an event twice). */
    boolean recordOutcome(String federation, String newsletterId, String contactId, Outcome outcome, Instant at);

    enum Outcome { DELIVERED, BOUNCED, COMPLAINED }
}
