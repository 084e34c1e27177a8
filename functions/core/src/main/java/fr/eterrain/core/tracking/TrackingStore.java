package fr.eterrain.core.tracking;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The reads and writes of the public tracking links: one read round trip, then at most one write. */
public interface TrackingStore {

    /** The newsletter as the redirect needs it; links are frozen once the newsletter left the draft state. */
    record NewsletterLinks(List<String> links, String state) {
        public boolean frozen() {
            return state != null && !state.equals("draft");
        }
    }

    /**
     * @param newsletter     null when not asked for, or when the newsletter does not exist
     * @param audienceConsent whether the contact exists and currently holds audience-measurement consent
     * @param recipient      whether the contact was a recipient of the newsletter
     * @param deliveredAt    when the email reached the recipient's server (else when it was sent), or null
     * @param markers        which of the asked per-person markers already exist
     */
    record Snapshot(NewsletterLinks newsletter, boolean audienceConsent, boolean recipient, Instant deliveredAt,
                    Set<String> markers) {
    }

    /**
     * What one hit adds: counters on the newsletter's statistics item and, for a consenting person's first
     * open or click, the per-person markers (created only if absent, in the same transaction) and their last
     * activity (a click is an interaction that counts for retention).
     */
    record Increment(String federation, String newsletterId, Map<String, Long> counters, String contactId,
                     List<String> newMarkers, boolean touchContact, Instant at) {
    }

    Snapshot read(String federation, String newsletterId, String contactId, List<String> markers, boolean withNewsletter);

    /**
     * False when nothing was written: one of the new markers already existed (a concurrent first hit won), or the
     * person no longer exists or, for measurement markers, no longer consents (erased or withdrawn since the read).
     */
    boolean apply(Increment increment);
}
