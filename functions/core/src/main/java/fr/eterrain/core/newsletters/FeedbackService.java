package fr.eterrain.core.newsletters;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.contacts.ConfirmationEmails;
import fr.eterrain.core.contacts.Contact;
import fr.eterrain.core.contacts.ContactStore;
import fr.eterrain.core.contacts.EmailAddresses;
import fr.eterrain.core.contacts.EmailEntry;
import fr.eterrain.core.security.KeyedHash;
import fr.eterrain.core.log.Log;
import fr.eterrain.core.newsletters.NewsletterStore.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * SES events (through the configuration set's EventBridge destination): Send settles a recipient whose worker
 * died after SES took the message; deliveries, bounces and complaints are counted once per recipient; a hard
 * bounce or a complaint suppresses the address for good and feeds the federation's reputation. Transactional
 * emails (confirmation, re-confirmation, welcome, test sends) carry the same header with their kind in place of a
 * newsletter: each one sent counts toward the federation's reputation, and a hard bounce or a complaint on one
 * suppresses the address and counts as a problem, once.
 */
public final class FeedbackService {
    private static final Log LOG = Log.of("FeedbackService");

    private final NewsletterStore newsletters;
    private final ContactStore contacts;
    private final Reputation reputation;
    private final Clock clock;
    private final KeyedHash hash;

    public FeedbackService(NewsletterStore newsletters, ContactStore contacts, Reputation reputation, Clock clock, KeyedHash hash) {
        this.newsletters = newsletters;
        this.contacts = contacts;
        this.reputation = reputation;
        this.clock = clock;
        this.hash = hash;
    }

    /** The kinds of transactional email, in the message header where a newsletter's id would be. */
    static final Set<String> TRANSACTIONAL = Set.of(ConfirmationEmails.CONFIRMATION, ConfirmationEmails.RECONFIRMATION,
            ConfirmationEmails.WELCOME, NewsletterService.TEST_KIND);

    /**
     * Which newsletter recipient an SES event is about, from our message header {@code <federation>.<newsletter>.<contact>},
     * with {@code .m} when the email carried the open pixel (measured).
     */
    public record MessageRef(String federation, String newsletterId, String contactId, boolean measured) {
        public MessageRef(String federation, String newsletterId, String contactId) {
            this(federation, newsletterId, contactId, false);
        }

        /** A confirmation, re-confirmation, welcome or test email, not a newsletter's. */
        public boolean transactional() {
            return TRANSACTIONAL.contains(newsletterId);
        }

        public static Optional<MessageRef> of(JsonNode mail) {
            for (JsonNode header : mail.path("headers")) {
                if (NewsletterRenderer.MESSAGE_HEADER.equalsIgnoreCase(header.path("name").asText())) {
                    String[] parts = header.path("value").asText().split("\\.", -1);
                    boolean measured = parts.length == 4 && parts[3].equals("m");
                    if ((parts.length == 3 || measured) && parts[0].matches("[0-9A-Z]{2,3}") && parts[1].matches("[A-Za-z0-9]{1,40}")
                            && parts[2].matches("[A-Za-z0-9]{1,40}")) {
                        return Optional.of(new MessageRef(parts[0], parts[1], parts[2], measured));
                    }
                }
            }
            return Optional.empty();
        }
    }

    /** @param detail the EventBridge event's detail (an SES event record) */
    public String handle(JsonNode detail) {
        String type = detail.path("eventType").asText(detail.path("notificationType").asText());
        Optional<MessageRef> ref = MessageRef.of(detail.path("mail"));
        if (ref.isEmpty()) {
            return "ignored";
        }
        MessageRef m = ref.get();
        Instant at = clock.instant();
        if (m.transactional()) {
            return transactional(type, m, detail, at);
        }
        switch (type) {
            case "Send" -> newsletters.markSent(m.federation(), m.newsletterId(), m.contactId(),
                    detail.path("mail").path("messageId").asText("unknown"), at, m.measured());
            case "Delivery" -> newsletters.recordOutcome(m.federation(), m.newsletterId(), m.contactId(), Outcome.DELIVERED, at);
            case "Bounce" -> {
                if ("Permanent".equals(detail.path("bounce").path("bounceType").asText())
                        && newsletters.recordOutcome(m.federation(), m.newsletterId(), m.contactId(), Outcome.BOUNCED, at)) {
                    suppress(m, "hard-bounce", at);
                    reputation.recordProblem(m.federation(), false);
                }
            }
            case "Complaint" -> {
                if (newsletters.recordOutcome(m.federation(), m.newsletterId(), m.contactId(), Outcome.COMPLAINED, at)) {
                    suppress(m, "complaint", at);
                    reputation.recordProblem(m.federation(), true);
                }
            }
            case "Reject" -> newsletters.markFailed(m.federation(), m.newsletterId(), m.contactId(), false, "rejected by SES");
            default -> {
                return "ignored";
            }
        }
        LOG.info("ses event", "type", type, "federation", m.federation(), "newsletter", m.newsletterId(), "contact", m.contactId());
        return type;
    }

    private String transactional(String type, MessageRef m, JsonNode detail, Instant at) {
        switch (type) {
            case "Send" -> reputation.recordSent(m.federation(), 1);
            case "Bounce" -> {
                if ("Permanent".equals(detail.path("bounce").path("bounceType").asText())
                        && suppressTransactional(m, detail, "hard-bounce", at)) {
                    reputation.recordProblem(m.federation(), false);
                }
            }
            case "Complaint" -> {
                if (suppressTransactional(m, detail, "complaint", at)) {
                    reputation.recordProblem(m.federation(), true);
                }
            }
            case "Delivery", "Reject" -> { }
            default -> {
                return "ignored";
            }
        }
        LOG.info("ses event", "type", type, "federation", m.federation(), "kind", m.newsletterId(), "contact", m.contactId());
        return type;
    }

    /**
     * True the first time: a redelivered event suppresses nothing new and counts nothing. A test email names no
     * contact: its address (SES's destination) is suppressed by its keyed hash.
     */
    private boolean suppressTransactional(MessageRef m, JsonNode detail, String reason, Instant at) {
        if (!m.newsletterId().equals(NewsletterService.TEST_KIND)) {
            return suppress(m, reason, at);
        }
        Optional<String> address = EmailAddresses.normalize(detail.path("mail").path("destination").path(0).asText(null));
        if (address.isEmpty()) {
            return false;
        }
        String emailHash = hash.email(address.get());
        // Under every hash key while HASH_KEY rotates.
        List<String> candidates = hash.emailCandidates(address.get());
        if (contacts.findEmailAny(m.federation(), candidates).map(EmailEntry::isSuppressed).orElse(false)) {
            return false;
        }
        Optional<Contact> contact = contacts.findEmailAny(m.federation(), candidates).map(EmailEntry::getContactId)
                .flatMap(id -> contacts.find(m.federation(), id));
        if (contact.isPresent()) {
            return suppress(new MessageRef(m.federation(), m.newsletterId(), contact.get().getId()), reason, at);
        }
        contacts.suppress(m.federation(), emailHash, reason, at);
        return true;
    }

    /** Suppresses the contact's address and marks the contact; true when it was not suppressed before. */
    private boolean suppress(MessageRef m, String reason, Instant at) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Contact> found = contacts.find(m.federation(), m.contactId());
            if (found.isEmpty()) {
                return false;
            }
            Contact c = found.get();
            contacts.suppress(m.federation(), c.getEmailHash(), reason, at);
            if (c.isSuppressed()) {
                return false;
            }
            c.setSuppressed(true);
            c.setSuppressionReason(reason);
            c.setUpdatedAt(at);
            if (contacts.update(m.federation(), c, List.of())) {
                return true;
            }
        }
        return false;
    }
}
