package fr.eterrain.core.contacts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.events.EventPublisher;
import fr.eterrain.core.federation.Federation;
import fr.eterrain.core.federation.FederationRegistry;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.log.Log;
import fr.eterrain.core.mail.Mailer;
import fr.eterrain.core.ratelimit.RateLimiter;
import fr.eterrain.core.security.Ids;
import fr.eterrain.core.security.KeyedHash;
import fr.eterrain.core.security.TokenCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The public side of consent: signup with double opt-in, confirmation, one-click withdrawal. Every step is
 * safe to repeat (Lambda delivers at least once, people double-click) and never reveals whether an address
 * is known: a signup is answered once stored, the same way and after the same work whatever the address's past,
 * and what depends on the address happens afterwards ({@link #processSignup}), where nobody is waiting for it.
 */
public final class ContactService {
    public static final String EVENT_SOURCE = ContactImport.EVENT_SOURCE;
    /** A signup stored and waiting to be handled: detail {@code {federation, requestId}}. */
    public static final String SIGNUP_REQUESTED = "SignupRequested";
    private static final Log LOG = Log.of("ContactService");

    private final ContactStore store;
    private final FederationRegistry federations;
    private final Mailer mailer;
    private final ConfirmationEmails emails;
    private final RateLimiter rateLimiter;
    private final KeyedHash hash;
    private final TokenCodec tokens;
    private final Clock clock;
    private final int perSourceLimit;
    private final Duration perSourceWindow;
    private final SignupRequests signups;
    private final ConfirmationThrottle throttle;
    private final EventPublisher events;

    public ContactService(ContactStore store, FederationRegistry federations, Mailer mailer, ConfirmationEmails emails,
                          RateLimiter rateLimiter, KeyedHash hash, TokenCodec tokens, Clock clock,
                          int perSourceLimit, Duration perSourceWindow, SignupRequests signups,
                          ConfirmationThrottle throttle, EventPublisher events) {
        this.store = store;
        this.federations = federations;
        this.mailer = mailer;
        this.emails = emails;
        this.rateLimiter = rateLimiter;
        this.hash = hash;
        this.tokens = tokens;
        this.clock = clock;
        this.perSourceLimit = perSourceLimit;
        this.perSourceWindow = perSourceWindow;
        this.signups = signups;
        this.throttle = throttle;
        this.events = events;
    }

    /** What the caller sees is the same in every case (202); this is for logs and tests only. */
    public enum SignupOutcome { ACCEPTED, IGNORED_HONEYPOT }

    /** What handling a stored signup did; nobody sees it but logs and tests. */
    public enum ProcessOutcome { EMAIL_SENT, IGNORED_SUPPRESSED, IGNORED_THROTTLED, MAIL_REFUSED, ALREADY_HANDLED }

    /**
     * Checks the request (400s are about what was typed, never about the address's past) and the per-source limit
     * (the one 429), then stores it and announces it: the same two writes whatever the address. A per-address limit
     * is silent: the request is accepted, and no email leaves.
     */
    public SignupOutcome signup(Federation federation, SignupRequest request, String sourceIp, String userAgent) {
        if (request.honeypotFilled()) {
            return SignupOutcome.IGNORED_HONEYPOT;
        }
        String email = EmailAddresses.normalize(request.email())
                .orElseThrow(() -> ApiException.badRequest("invalid_email", "This email address is not valid.", "email"));
        if (!ConsentWordings.exists(request.wordingVersion())) {
            throw ApiException.badRequest("unknown_wording_version", "Unknown consent wording version.", "consent.wordingVersion");
        }
        PersonNames.require("firstName", request.firstName());
        PersonNames.require("lastName", request.lastName());
        String ipHash = hash.nullable("ip", sourceIp);
        if (ipHash != null && !rateLimiter.allow("signup-source:" + ipHash, perSourceLimit, perSourceWindow)) {
            throw ApiException.tooMany("Too many signups from this network. Please try again in a few minutes.");
        }
        PendingSignup pending = new PendingSignup(Ids.random(12), request.category(), request.firstName(), request.lastName(),
                request.postalCode(), request.audienceMeasurement(), request.wordingVersion(), request.source(), clock.instant(),
                ipHash, hash.nullable("user-agent", userAgent), PendingSignup.SIGNUP);
        String requestId = Ids.random(12);
        signups.save(federation.id(), requestId, new SignupRequests.Stored(email, pending));
        ObjectNode detail = Json.object();
        detail.put("federation", federation.id());
        detail.put("requestId", requestId);
        events.publish(List.of(new EventPublisher.DomainEvent(EVENT_SOURCE, SIGNUP_REQUESTED, detail)));
        return SignupOutcome.ACCEPTED;
    }

    /**
     * Handles a stored signup (event SignupRequested): nothing for a suppressed address or one whose confirmation
     * emails are throttled ({@link ConfirmationThrottle}, across federations); otherwise the pending request is
     * recorded on the contact and the double opt-in email sent. The request is deleted once handled; a retryable or
     * unanswered email failure leaves it (and gives the throttle claim back) for Lambda's retry.
     */
    public ProcessOutcome processSignup(String federationId, String requestId) {
        Federation federation = federations.require(federationId);
        Optional<SignupRequests.Stored> stored = signups.find(federationId, requestId);
        if (stored.isEmpty()) {
            return ProcessOutcome.ALREADY_HANDLED;
        }
        String email = stored.get().email();
        PendingSignup pending = stored.get().pending();
        String emailHash = hash.email(email);
        // Under every hash key: an address suppressed under the previous key stays suppressed during a rotation.
        if (store.findEmailAny(federationId, hash.emailCandidates(email)).map(EmailEntry::isSuppressed).orElse(false)) {
            signups.delete(federationId, requestId);
            return ProcessOutcome.IGNORED_SUPPRESSED;
        }
        String addressKey = ConfirmationThrottle.key(hash, email);
        if (!throttle.claim(addressKey, requestId, clock.instant())) {
            signups.delete(federationId, requestId);
            LOG.info("confirmation email throttled", "federation", federationId);
            return ProcessOutcome.IGNORED_THROTTLED;
        }
        Contact contact;
        try {
            contact = recordPending(federationId, email, emailHash, pending, "signup");
        } catch (RuntimeException e) {
            throttle.release(addressKey, requestId);
            throw e;
        }
        try {
            mailer.send(emails.build(federation, contact, pending));
        } catch (Mailer.MailException e) {
            throttle.release(addressKey, requestId);
            if (e.retryable() || e.ambiguous()) {
                // Retried by Lambda: a second copy of a maybe-sent email harms no one, a lost one loses the signup.
                LOG.warn("confirmation email not sent yet", "federation", federationId, "contact", contact.getId());
                throw e;
            }
            signups.delete(federationId, requestId);
            LOG.warn("confirmation email refused", "federation", federationId, "contact", contact.getId());
            return ProcessOutcome.MAIL_REFUSED;
        }
        signups.delete(federationId, requestId);
        LOG.info("confirmation email sent", "federation", federationId, "contact", contact.getId());
        return ProcessOutcome.EMAIL_SENT;
    }

    /** Creates the pending contact, or attaches the pending request to the existing one. */
    Contact recordPending(String federationId, String email, String emailHash, PendingSignup pending, String origin) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Contact> existing = store.findEmailAny(federationId, hash.emailCandidates(email))
                    .filter(e -> e.getContactId() != null)
                    .flatMap(e -> store.find(federationId, e.getContactId()));
            if (existing.isEmpty()) {
                Contact contact = newPendingContact(email, emailHash, pending, origin);
                if (store.create(federationId, contact, List.of())) {
                    return contact;
                }
                continue; // someone indexed the address meanwhile: take the existing path
            }
            Contact contact = existing.get();
            contact.setPending(pending);
            if (contact.getStatus() == ContactStatus.PENDING) {
                applyProfile(contact, pending);
            }
            contact.setUpdatedAt(pending.requestedAt());
            if (store.update(federationId, contact, List.of())) {
                return contact;
            }
        }
        throw new IllegalStateException("contact kept changing under a signup");
    }

    private Contact newPendingContact(String email, String emailHash, PendingSignup pending, String origin) {
        Contact contact = new Contact();
        contact.setId(Ids.contact());
        contact.setEmail(email);
        contact.setEmailHash(emailHash);
        contact.setStatus(ContactStatus.PENDING);
        contact.setOrigin(origin);
        contact.setCreatedAt(pending.requestedAt());
        contact.setUpdatedAt(pending.requestedAt());
        contact.setPending(pending);
        applyProfile(contact, pending);
        return contact;
    }

    private static void applyProfile(Contact contact, PendingSignup pending) {
        if (pending.category() != null) {
            contact.setCategory(pending.category());
        }
        if (pending.firstName() != null) {
            contact.setFirstName(pending.firstName());
        }
        if (pending.lastName() != null) {
            contact.setLastName(pending.lastName());
        }
        if (pending.postalCode() != null) {
            contact.setPostalCode(pending.postalCode());
        }
        if (pending.source() != null && contact.getSource() == null) {
            contact.setSource(pending.source());
        }
    }

    /** Best effort: the confirmation stands even if the welcome email cannot leave now. */
    private void sendWelcome(Federation federation, Contact contact) {
        try {
            mailer.send(emails.welcome(federation, contact));
        } catch (Mailer.MailException e) {
            LOG.warn("welcome email not sent", "federation", federation.id(), "contact", contact.getId());
        }
    }

    /**
     * Sends the double opt-in email for a contact whose pending request carries {@code nonce} (imports,
     * re-confirmation). Skips quietly when the request was superseded or an email went out within the window.
     */
    public boolean sendPendingConfirmation(String federationId, String contactId, String nonce) {
        Federation federation = federations.require(federationId);
        Optional<Contact> found = store.find(federationId, contactId);
        if (found.isEmpty() || found.get().getPending() == null || !found.get().getPending().nonce().equals(nonce)) {
            return false;
        }
        Contact contact = found.get();
        Optional<EmailEntry> entry = store.findEmail(federationId, contact.getEmailHash());
        if (entry.isPresent() && entry.get().isSuppressed()) {
            return false;
        }
        String addressKey = ConfirmationThrottle.key(hash, contact.getEmail());
        if (!throttle.claim(addressKey, nonce, clock.instant())) {
            return false;
        }
        try {
            mailer.send(emails.build(federation, contact, contact.getPending()));
            return true;
        } catch (Mailer.MailException e) {
            throttle.release(addressKey, nonce);
            throw e;
        }
    }

    /** AWAITING: the link is good and the page asks the person to confirm; the rest end the flow. */
    public enum ConfirmOutcome { AWAITING, CONFIRMED, ALREADY_CONFIRMED, SUPERSEDED, SUPPRESSED, INVALID, EXPIRED }

    /** What a confirmation would do, for the page to say it: subscribe, come back, update the preferences, stay. */
    public enum ConfirmKind { SIGNUP, RESUBSCRIBE, UPDATE, RECONFIRM }

    /** @param kind and {@code pending} only while AWAITING (what the person is asked to confirm) */
    public record ConfirmResult(ConfirmOutcome outcome, Federation federation, Contact contact, ConfirmKind kind,
                                PendingSignup pending) {
        ConfirmResult(ConfirmOutcome outcome, Federation federation, Contact contact) {
            this(outcome, federation, contact, null, null);
        }
    }

    /**
     * GET of the emailed link: checks it and says what confirming would do, and changes nothing. Mail security
     * gateways fetch every link of an incoming email, so a link followed is nobody's consent.
     */
    public ConfirmResult checkConfirmation(String token) {
        ConfirmResult found = resolve(token);
        if (found.outcome() != ConfirmOutcome.AWAITING) {
            return found;
        }
        Contact contact = found.contact();
        PendingSignup pending = contact.getPending();
        ConfirmKind kind = PendingSignup.RECONFIRM.equals(pending.purpose()) ? ConfirmKind.RECONFIRM
                : switch (contact.getStatus()) {
                    case PENDING -> ConfirmKind.SIGNUP;
                    case UNSUBSCRIBED -> ConfirmKind.RESUBSCRIBE;
                    case ACTIVE -> ConfirmKind.UPDATE;
                };
        return new ConfirmResult(ConfirmOutcome.AWAITING, found.federation(), contact, kind, pending);
    }

    /** The token's contact with its matching pending request (AWAITING), or why there is nothing to confirm. */
    private ConfirmResult resolve(String token) {
        TokenCodec.Verified verified = tokens.verify(token, Links.CONFIRM);
        if (!verified.ok()) {
            return new ConfirmResult(verified.failure() == TokenCodec.Failure.EXPIRED ? ConfirmOutcome.EXPIRED
                    : ConfirmOutcome.INVALID, null, null);
        }
        TokenCodec.Token t = verified.token();
        Optional<Federation> federation = federations.find(t.federation());
        if (federation.isEmpty() || t.nonce() == null) {
            return new ConfirmResult(ConfirmOutcome.INVALID, null, null);
        }
        Optional<Contact> found = store.find(t.federation(), t.contact());
        if (found.isEmpty()) {
            return new ConfirmResult(ConfirmOutcome.INVALID, federation.get(), null);
        }
        Contact contact = found.get();
        if (t.nonce().equals(contact.getLastConfirmedNonce())) {
            return new ConfirmResult(ConfirmOutcome.ALREADY_CONFIRMED, federation.get(), contact);
        }
        PendingSignup pending = contact.getPending();
        if (pending == null || !pending.nonce().equals(t.nonce())) {
            return new ConfirmResult(ConfirmOutcome.SUPERSEDED, federation.get(), contact);
        }
        // A hard bounce, a complaint or an erasure is for good: not even the person's own click undoes it.
        if (contact.isSuppressed() || store.findEmail(t.federation(), contact.getEmailHash()).map(EmailEntry::isSuppressed).orElse(false)) {
            return new ConfirmResult(ConfirmOutcome.SUPPRESSED, federation.get(), contact);
        }
        return new ConfirmResult(ConfirmOutcome.AWAITING, federation.get(), contact);
    }

    /**
     * POST from the confirmation page: the explicit act of the address's owner. Applies the pending request (its
     * profile, its consents) to a new, unsubscribed or active contact, and logs it in the consent log with the proof
     * of this very request (its IP and user agent, as keyed hashes). Safe to repeat.
     */
    public ConfirmResult confirm(String token, String ip, String userAgent) {
        for (int attempt = 0; attempt < 5; attempt++) {
            ConfirmResult found = resolve(token);
            if (found.outcome() != ConfirmOutcome.AWAITING) {
                return found;
            }
            Contact contact = found.contact();
            PendingSignup pending = contact.getPending();
            boolean wasActive = contact.getStatus() == ContactStatus.ACTIVE;
            Instant now = clock.instant();
            applyProfile(contact, pending);
            contact.setStatus(ContactStatus.ACTIVE);
            contact.setNewsletterConsent(true);
            contact.setAudienceConsent(pending.audienceMeasurement());
            contact.setWordingVersion(pending.wordingVersion());
            if (pending.source() != null) {
                contact.setSource(pending.source());
            }
            contact.setConfirmedAt(now);
            contact.setLastActiveAt(now);
            contact.setReconfirmRequestedAt(null);
            contact.setUnsubscribedAt(null);
            contact.setPending(null);
            contact.setLastConfirmedNonce(pending.nonce());
            contact.setUpdatedAt(now);
            ConsentEvent proof = new ConsentEvent();
            proof.setContactId(contact.getId());
            proof.setEventId(pending.nonce());
            proof.setAt(now);
            proof.setType(ConsentEvent.CONFIRMED);
            proof.setWordingVersion(pending.wordingVersion());
            proof.setSource(pending.source());
            proof.setSignupAt(pending.requestedAt());
            proof.setConfirmedAt(now);
            proof.setNewsletter(true);
            proof.setAudienceMeasurement(pending.audienceMeasurement());
            proof.setSignupIpHash(pending.ipHash());
            proof.setSignupUserAgentHash(pending.userAgentHash());
            proof.setActionIpHash(hash.nullable("ip", ip));
            proof.setActionUserAgentHash(hash.nullable("user-agent", userAgent));
            proof.setChannel(pending.purpose());
            if (store.update(found.federation().id(), contact, List.of(proof))) {
                LOG.info("contact confirmed", "federation", found.federation().id(), "contact", contact.getId());
                if (!wasActive) {
                    sendWelcome(found.federation(), contact);
                }
                return new ConfirmResult(ConfirmOutcome.CONFIRMED, found.federation(), contact);
            }
        }
        throw new IllegalStateException("contact kept changing under a confirmation");
    }

    public enum WithdrawScope { NEWSLETTER, AUDIENCE_MEASUREMENT }

    public enum WithdrawOutcome { WITHDRAWN, ALREADY_WITHDRAWN, INVALID, EXPIRED }

    public record WithdrawResult(WithdrawOutcome outcome, Federation federation) {
    }

    /** Checks a withdrawal link without acting on it (the page with one button). */
    public WithdrawResult checkWithdrawal(String token) {
        TokenCodec.Verified verified = tokens.verify(token, Links.UNSUBSCRIBE);
        if (!verified.ok()) {
            return new WithdrawResult(verified.failure() == TokenCodec.Failure.EXPIRED ? WithdrawOutcome.EXPIRED
                    : WithdrawOutcome.INVALID, null);
        }
        return federations.find(verified.token().federation())
                .map(f -> new WithdrawResult(WithdrawOutcome.WITHDRAWN, f))
                .orElse(new WithdrawResult(WithdrawOutcome.INVALID, null));
    }

    /** RFC 8058 one-click: acts at once, idempotently; recorded in the consent log when something changed. */
    public WithdrawResult withdraw(String token, WithdrawScope scope, String ip, String userAgent, String channel) {
        WithdrawResult check = checkWithdrawal(token);
        if (check.outcome() != WithdrawOutcome.WITHDRAWN) {
            return check;
        }
        TokenCodec.Token t = tokens.read(token, Links.UNSUBSCRIBE).orElseThrow();
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Contact> found = store.find(t.federation(), t.contact());
            if (found.isEmpty()) {
                // Erased: there is nothing left to mail, which is what the person wants.
                return new WithdrawResult(WithdrawOutcome.ALREADY_WITHDRAWN, check.federation());
            }
            Contact contact = found.get();
            Instant now = clock.instant();
            ConsentEvent event = new ConsentEvent();
            event.setContactId(contact.getId());
            event.setEventId(Ids.random(9));
            event.setAt(now);
            event.setActionIpHash(hash.nullable("ip", ip));
            event.setActionUserAgentHash(hash.nullable("user-agent", userAgent));
            event.setChannel(channel);
            if (scope == WithdrawScope.NEWSLETTER) {
                if (contact.getStatus() == ContactStatus.UNSUBSCRIBED && contact.getPending() == null) {
                    return new WithdrawResult(WithdrawOutcome.ALREADY_WITHDRAWN, check.federation());
                }
                contact.setStatus(ContactStatus.UNSUBSCRIBED);
                contact.setNewsletterConsent(false);
                contact.setAudienceConsent(false);
                contact.setUnsubscribedAt(now);
                contact.setPending(null);
                event.setType(ConsentEvent.NEWSLETTER_WITHDRAWN);
                event.setNewsletter(false);
                event.setAudienceMeasurement(false);
            } else {
                if (!contact.isAudienceConsent()) {
                    return new WithdrawResult(WithdrawOutcome.ALREADY_WITHDRAWN, check.federation());
                }
                contact.setAudienceConsent(false);
                event.setType(ConsentEvent.AUDIENCE_WITHDRAWN);
                event.setAudienceMeasurement(false);
            }
            contact.setUpdatedAt(now);
            if (store.update(t.federation(), contact, List.of(event))) {
                LOG.info("consent withdrawn", "federation", t.federation(), "contact", contact.getId(), "scope", scope);
                return new WithdrawResult(WithdrawOutcome.WITHDRAWN, check.federation());
            }
        }
        throw new IllegalStateException("contact kept changing under a withdrawal");
    }
}
