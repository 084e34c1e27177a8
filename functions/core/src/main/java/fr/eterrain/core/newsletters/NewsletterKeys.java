package fr.eterrain.core.newsletters;

/**
 * Key layout of newsletters in the federation table (see TableLayout):
 * <ul>
 *   <li>{@code NEWSLETTER#<id>} / {@code META}: the newsletter (subject, blocks, segment, state, {@code links}: the
 *   newsletter's own list of link targets, indexed by tracking tokens) and its counters (total, sent, failed,
 *   suppressed, delivered, bounced, complaints); listed through gsi1 {@code NEWSLETTERS} / {@code <createdAt>#<id>};</li>
 *   <li>{@code NEWSLETTER#<id>} / {@code RCPT#<contactId>}: one recipient: status queued → sending → sent | failed,
 *   the worker's lease, the SES message id, delivery/bounce/complaint times;</li>
 *   <li>{@code NEWSLETTER#<id>} / {@code PAGE#…}: a page of up to 25 recipients still to send, in the sparse gsi1
 *   {@code QUEUE#<id>} / {@code PAGE#…}, which is the dispatch checkpoint; deleted once none of them is queued.</li>
 *   <li>{@code NEWSLETTER#<id>} / {@code STATS}: tracking's aggregate counters (opens, clicks per link, machine
 *   traffic, unsubscribes, engagement per weekday and hour), kept for good; per-person tracking markers live in the
 *   contact's partition, {@code CONTACT#<id>} / {@code TRACK#<newsletterId>#…}, TTL 13 months (see StatsKeys).</li>
 * </ul>
 */
public final class NewsletterKeys {
    public static final String META = "META";
    public static final String LIST = "NEWSLETTERS";

    private NewsletterKeys() {
    }

    public static String pk(String newsletterId) {
        return "NEWSLETTER#" + newsletterId;
    }

    public static String recipient(String contactId) {
        return "RCPT#" + contactId;
    }

    /** A page of the queue index: up to 25 recipients still to send (see DynamoNewsletterStore). */
    public static String page(String name) {
        return "PAGE#" + name;
    }

    public static String queue(String newsletterId) {
        return "QUEUE#" + newsletterId;
    }
}
