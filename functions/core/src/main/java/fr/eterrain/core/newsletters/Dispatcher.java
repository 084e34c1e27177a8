package fr.eterrain.core.newsletters;

import fr.eterrain.core.contacts.Contact;
import fr.eterrain.core.contacts.ContactStore;
import fr.eterrain.core.events.EventPublisher;
import fr.eterrain.core.federation.Federation;
import fr.eterrain.core.federation.FederationRegistry;
import fr.eterrain.core.log.Log;
import fr.eterrain.core.mail.Mailer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends one newsletter, exactly once per recipient, from a checkpoint. Any number of workers may run it at once
 * and any may die: recipients are materialised idempotently, claimed one by one under a lease (the queue index of
 * pages is the checkpoint), sent, then marked sent, each a conditional write of the recipient (the store keeps the
 * counters: see NewsletterStore). A recipient whose worker
 * died is settled by SES's Send event if the message left (feedback), or sent again after the reconcile delay if
 * it did not.
 */
public final class Dispatcher {
    private static final Log LOG = Log.of("Dispatcher");
    private static final int PAGE = 25;
    private static final int THROTTLE_RETRIES = 8;

    public enum Outcome { SKIPPED, NOT_DUE, WAITING, PAUSED, CONTINUING, IN_FLIGHT, FINISHED }

    private final NewsletterStore store;
    private final ContactStore contacts;
    private final FederationRegistry federations;
    private final Mailer mailer;
    private final NewsletterRenderer renderer;
    private final SendRateLimiter limiter;
    private final Blackouts blackouts;
    private final ActiveSends active;
    private final Reputation reputation;
    private final EventPublisher events;
    private final Clock clock;
    private final DispatchSettings settings;
    private final ThreadFactory threads;

    public Dispatcher(NewsletterStore store, ContactStore contacts, FederationRegistry federations, Mailer mailer,
                      NewsletterRenderer renderer, SendRateLimiter limiter, Blackouts blackouts, ActiveSends active,
                      Reputation reputation, EventPublisher events, Clock clock, DispatchSettings settings) {
        this(store, contacts, federations, mailer, renderer, limiter, blackouts, active, reputation, events, clock, settings,
                sendThreads());
    }

    /** The threads a dispatcher sends with unless told otherwise: named, daemon (a Lambda ends with its handler). */
    public static ThreadFactory sendThreads() {
        return Thread.ofPlatform().name("dispatch-send-", 0).daemon().factory();
    }

    /** @param threads makes the threads that send a page's recipients side by side */
    public Dispatcher(NewsletterStore store, ContactStore contacts, FederationRegistry federations, Mailer mailer,
                      NewsletterRenderer renderer, SendRateLimiter limiter, Blackouts blackouts, ActiveSends active,
                      Reputation reputation, EventPublisher events, Clock clock, DispatchSettings settings,
                      ThreadFactory threads) {
        this.threads = threads;
        this.store = store;
        this.contacts = contacts;
        this.federations = federations;
        this.mailer = mailer;
        this.renderer = renderer;
        this.limiter = limiter;
        this.blackouts = blackouts;
        this.active = active;
        this.reputation = reputation;
        this.events = events;
        this.clock = clock;
        this.settings = settings;
    }

    public Outcome run(String federationId, String newsletterId, String worker) throws InterruptedException {
        Instant deadline = clock.instant().plus(settings.budget());
        Optional<Federation> federation = federations.find(federationId);
        // An unknown federation has no table to read: skipped before any read, not retried forever.
        Optional<Newsletter> found = federation.isEmpty() ? Optional.empty() : store.find(federationId, newsletterId);
        if (federation.isEmpty() || found.isEmpty()) {
            return Outcome.SKIPPED;
        }
        Newsletter nl = found.get();
        if (nl.getState() == NewsletterState.DRAFT || nl.getState().finished()) {
            active.remove(federationId, newsletterId);
            return Outcome.SKIPPED;
        }
        Instant now = clock.instant();
        if (nl.getState() == NewsletterState.SCHEDULED && nl.getScheduledAt() != null && nl.getScheduledAt().isAfter(now)) {
            return Outcome.NOT_DUE;
        }
        Optional<Blackout> blackout = blackouts.covering(federationId, now);
        if (blackout.isPresent()) {
            setReason(federationId, nl, "En attente : aucun envoi pendant « " + blackout.get().reason() + " » (jusqu'au "
                    + blackout.get().end() + ").");
            return Outcome.WAITING;
        }
        Optional<String> paused = reputation.paused(federationId);
        if (paused.isPresent()) {
            nl = transition(federationId, nl, NewsletterState.PAUSED, paused.get());
            return Outcome.PAUSED;
        }
        if (nl.getState() != NewsletterState.SENDING) {
            nl = transition(federationId, nl, NewsletterState.SENDING, null);
            if (nl.getState() != NewsletterState.SENDING) {
                return Outcome.SKIPPED;
            }
        }
        if (!nl.isMaterialized()) {
            materialise(federationId, nl);
        }
        while (true) {
            if (!sendQueued(federation.get(), nl, worker, deadline)) {
                return Outcome.SKIPPED;
            }
            if (clock.instant().isAfter(deadline)) {
                events.publish(List.of(NewsletterService.dispatchEvent(NewsletterService.DISPATCH_CONTINUE, federationId, newsletterId)));
                return Outcome.CONTINUING;
            }
            Instant stalledBefore = clock.instant().minus(settings.reconcileAfter());
            int requeued = 0;
            for (String contactId : store.stalled(federationId, newsletterId, stalledBefore)) {
                requeued += store.requeue(federationId, newsletterId, contactId, stalledBefore) ? 1 : 0;
            }
            if (requeued > 0) {
                LOG.warn("recipients sent again after a dead worker", "federation", federationId, "newsletter", newsletterId,
                        "count", requeued);
                continue;
            }
            if (!store.stalled(federationId, newsletterId, clock.instant().plusSeconds(86_400)).isEmpty()) {
                // Other workers (or dead ones, not yet reconciled) hold recipients: the tick comes back.
                return Outcome.IN_FLIGHT;
            }
            if (!store.queued(federationId, newsletterId, 1).isEmpty()) {
                // Another worker handed a recipient back (SES throttling outlasted its retries, or its lease ran out)
                // after this one found the queue empty and before it looked at the claims: send it, do not finish.
                continue;
            }
            Newsletter latest = store.find(federationId, newsletterId).orElseThrow();
            if (latest.getState() == NewsletterState.SENDING) {
                latest.setFinishedAt(clock.instant());
                transition(federationId, latest, NewsletterState.SENT, null);
            }
            active.remove(federationId, newsletterId);
            LOG.info("newsletter sent", "federation", federationId, "newsletter", newsletterId, "total", latest.getTotal());
            return Outcome.FINISHED;
        }
    }

    /** Re-runnable: adding a recipient twice is a no-op, and the total is set once everyone is in. */
    private void materialise(String federationId, Newsletter nl) {
        AtomicLong total = new AtomicLong();
        contacts.forEach(federationId, c -> {
            if (nl.getSegment().includes(c)) {
                store.addRecipient(federationId, nl.getId(), c.getId());
                total.incrementAndGet();
            }
        });
        store.completeMaterialisation(federationId, nl.getId(), total.get());
        nl.setMaterialized(true);
        nl.setTotal(total.get());
    }

    /** Sends pages of queued recipients until none is left or the budget is spent; false if the send was stopped. */
    private boolean sendQueued(Federation federation, Newsletter nl, String worker, Instant deadline) throws InterruptedException {
        ExecutorService sends = settings.concurrency() > 1 ? Executors.newFixedThreadPool(settings.concurrency(), threads) : null;
        try {
            while (clock.instant().isBefore(deadline)) {
                Newsletter current = store.find(federation.id(), nl.getId()).orElseThrow();
                if (current.getState() != NewsletterState.SENDING || blackouts.covering(federation.id(), clock.instant()).isPresent()
                        || reputation.paused(federation.id()).isPresent()) {
                    return false;
                }
                List<String> page = store.queued(federation.id(), nl.getId(), PAGE);
                if (page.isEmpty()) {
                    return true;
                }
                List<Claim> claimed = new ArrayList<>();
                for (String contactId : page) {
                    Instant claimedAt = clock.instant();
                    if (store.claim(federation.id(), nl.getId(), contactId, worker, claimedAt)) {
                        claimed.add(new Claim(contactId, claimedAt));
                    } // else another worker has it
                }
                int sent = sendPage(sends, federation, current, worker, claimed);
                if (sent > 0) {
                    reputation.recordSent(federation.id(), sent);
                }
            }
            return true;
        } finally {
            if (sends != null) {
                sends.shutdownNow();
            }
        }
    }

    private record Claim(String contactId, Instant at) {
    }

    /** Grants from the rate limiter, spent one per send and only within the one-second window they were given for. */
    private final class Grants {
        private final String federation;
        private int left;
        private long window;

        Grants(String federation) {
            this.federation = federation;
        }

        void take(int wanted) throws InterruptedException {
            if (left > 0 && clock.millis() / 1000 != window) {
                left = 0; // a grant from a past window would land in this one, over its rate
            }
            if (left == 0) {
                left = limiter.acquire(federation, wanted);
                window = clock.millis() / 1000;
            }
            left--;
        }
    }

    /**
     * Sends claimed recipients, each once the rate limiter grants it, several at a time when an executor is given;
     * waits for all of them. A failure of any (an Error stands for the process dying) is rethrown once the others
     * have finished, as their outcome is already recorded. Returns how many were sent.
     */
    private int sendPage(ExecutorService sends, Federation federation, Newsletter nl, String worker, List<Claim> claimed)
            throws InterruptedException {
        // One read for the page's people: unsubscribed, suppressed or erased since the audience was drawn shows here.
        java.util.Map<String, Contact> people = claimed.isEmpty() ? java.util.Map.of()
                : contacts.findAll(federation.id(), claimed.stream().map(Claim::contactId).toList());
        AtomicInteger sent = new AtomicInteger();
        AtomicReference<Throwable> died = new AtomicReference<>();
        List<Future<?>> inFlight = new ArrayList<>();
        Semaphore slots = new Semaphore(settings.concurrency());
        Throwable failure = null;
        Grants grants = new Grants(federation.id());
        try {
            // After a failure nothing more leaves: the claimed rest waits for reconciliation, as after a real crash.
            for (int i = 0; i < claimed.size() && died.get() == null; i++) {
                Claim claim = claimed.get(i);
                Contact person = people.get(claim.contactId());
                if (sends == null) {
                    grants.take(claimed.size() - i);
                    if (sendOne(federation, nl, claim.contactId(), person, worker, claim.at())) {
                        sent.incrementAndGet();
                    }
                    continue;
                }
                // A free slot first, then the grant: the send follows its grant at once, inside the grant's window.
                slots.acquire();
                try {
                    grants.take(claimed.size() - i);
                } catch (RuntimeException | Error | InterruptedException e) {
                    slots.release();
                    throw e;
                }
                inFlight.add(sends.submit(() -> {
                    try {
                        if (sendOne(federation, nl, claim.contactId(), person, worker, claim.at())) {
                            sent.incrementAndGet();
                        }
                    } catch (Throwable t) {
                        died.compareAndSet(null, t);
                        throw t;
                    } finally {
                        slots.release();
                    }
                    return null;
                }));
            }
        } catch (RuntimeException | Error | InterruptedException e) {
            failure = e;
        }
        for (Future<?> f : inFlight) {
            try {
                f.get();
            } catch (ExecutionException e) {
                failure = failure == null ? e.getCause() : failure;
            }
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure instanceof InterruptedException e) {
            throw e;
        }
        return sent.get();
    }

    /**
     * Sends to a recipient claimed at {@code claimedAt}, only while the claim's lease lasts: once it is over, another
     * worker may take the recipient for a dead one's and send it again (after the reconcile delay, which must exceed
     * the lease plus one SES call), so this worker hands it back instead of sending it late — throttling, a long
     * wait for the send rate or slow storage calls must not make it a duplicate.
     */
    private boolean sendOne(Federation federation, Newsletter nl, String contactId, Contact c, String worker, Instant claimedAt)
            throws InterruptedException {
        if (c == null || !Segment.EVERYONE.includes(c)) {
            // Unsubscribed, suppressed or erased since the audience was drawn: not mailed, counted apart.
            store.markFailed(federation.id(), nl.getId(), contactId, true, "no longer subscribed");
            return false;
        }
        Recipient recipient = new Recipient(c.getId(), c.getEmail(), c.getFirstName(), c.isAudienceConsent());
        var message = renderer.render(federation, nl, recipient);
        boolean measured = NewsletterRenderer.measures(recipient);
        Instant leaseEnd = claimedAt.plus(settings.lease());
        for (int attempt = 0; ; attempt++) {
            if (clock.instant().isAfter(leaseEnd)) {
                LOG.warn("lease over before sending: recipient handed back", "federation", federation.id(),
                        "newsletter", nl.getId(), "contact", contactId);
                store.release(federation.id(), nl.getId(), contactId, worker);
                return false;
            }
            try {
                String messageId = mailer.send(message);
                return store.markSent(federation.id(), nl.getId(), contactId, messageId, clock.instant(), measured);
            } catch (Mailer.MailException e) {
                if (e.ambiguous()) {
                    // Maybe sent: left claimed. SES's Send event marks it sent; without one it is sent again after
                    // the reconcile delay. Retrying now could deliver it twice.
                    LOG.warn("no answer from SES: left for reconciliation", "federation", federation.id(),
                            "newsletter", nl.getId(), "contact", contactId);
                    return false;
                }
                if (!e.retryable()) {
                    store.markFailed(federation.id(), nl.getId(), contactId, false, e.getMessage());
                    return false;
                }
                if (attempt >= THROTTLE_RETRIES) {
                    store.release(federation.id(), nl.getId(), contactId, worker);
                    return false;
                }
                Thread.sleep(Backoff.delayMillis(attempt, 100, 5_000));
            }
        }
    }

    private void setReason(String federationId, Newsletter nl, String reason) {
        if (!reason.equals(nl.getStateReason())) {
            nl.setStateReason(reason);
            nl.setUpdatedAt(clock.instant());
            store.update(federationId, nl);
        }
    }

    private Newsletter transition(String federationId, Newsletter nl, NewsletterState to, String reason) {
        for (int attempt = 0; attempt < 5; attempt++) {
            if (nl.getState().finished()) {
                return nl;
            }
            nl.setState(to);
            nl.setStateReason(reason);
            nl.setUpdatedAt(clock.instant());
            if (to == NewsletterState.SENDING && nl.getStartedAt() == null) {
                nl.setStartedAt(clock.instant());
            }
            if (store.update(federationId, nl)) {
                return nl;
            }
            nl = store.find(federationId, nl.getId()).orElseThrow();
        }
        throw new IllegalStateException("newsletter kept changing under the dispatcher");
    }
}
