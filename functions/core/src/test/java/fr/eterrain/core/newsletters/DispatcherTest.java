package fr.eterrain.core.newsletters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.eterrain.core.contacts.Contact;
import fr.eterrain.core.contacts.ContactStatus;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.mail.Mailer;
import fr.eterrain.core.testing.Fakes;
import fr.eterrain.core.testing.InMemoryContactStore;
import fr.eterrain.core.testing.InMemoryNewsletterStore;
import fr.eterrain.core.testing.TestCore;
import fr.eterrain.core.tracking.TrackingLinks;
import fr.eterrain.core.tracking.TrackingTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The dispatcher's claims under a lease: a worker never sends a recipient once its claim's lease is over. */
class DispatcherTest {
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration RECONCILE_AFTER = Duration.ofMinutes(10);

    private final TestCore core = new TestCore();
    private final Fakes.MutableClock clock = core.clock;
    private final InMemoryNewsletterStore store = new InMemoryNewsletterStore();
    private final InMemoryContactStore contacts = new InMemoryContactStore();
    private final NewsletterRenderer renderer = new NewsletterRenderer(core.links,
            new TrackingLinks(TestCore.BASE_URL, new TrackingTokens(Map.of("k1", TestCore.key("token")))), "e-terrain.test");
    /** Every message that left, as "worker contact at". */
    private final List<String> sent = Collections.synchronizedList(new ArrayList<>());

    private Dispatcher dispatcher(Mailer mailer) {
        return dispatcher(mailer, new DispatchSettings(14, LEASE, RECONCILE_AFTER, Duration.ofMinutes(13)), (federation, wanted) -> wanted,
                new java.util.concurrent.atomic.AtomicLong());
    }

    private Dispatcher dispatcher(Mailer mailer, DispatchSettings settings, SendRateLimiter limiter,
                                  java.util.concurrent.atomic.AtomicLong reputationSent) {
        return dispatcher(store, mailer, settings, limiter, reputationSent);
    }

    private Dispatcher dispatcher(NewsletterStore store, Mailer mailer, DispatchSettings settings, SendRateLimiter limiter,
                                  java.util.concurrent.atomic.AtomicLong reputationSent) {
        Blackouts noBlackout = new Fakes.ListBlackouts();
        ActiveSends active = new Fakes.NoActiveSends();
        Reputation good = new Reputation() {
            @Override
            public void recordSent(String federation, int count) {
                reputationSent.addAndGet(count);
            }

            @Override
            public void recordProblem(String federation, boolean complaint) {
            }

            @Override
            public Optional<String> paused(String federation) {
                return Optional.empty();
            }

            @Override
            public void resume(String federation) {
            }
        };
        return new Dispatcher(store, contacts, core.federations, mailer, renderer, limiter, noBlackout,
                active, good, events -> { }, clock, settings);
    }

    @Test
    void aWorkerSendsSeveralAtOnceYetEachRecipientOnceAndOnlyAsTheLimiterGrants() throws Exception {
        int people = 180;
        for (int i = 0; i < people; i++) {
            subscribed("c" + i, "p" + i + "@exemple.fr");
        }
        newsletter("n9");

        java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger widest = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicLong granted = new java.util.concurrent.atomic.AtomicLong();
        Mailer slow = message -> {
            widest.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sent.add(message.to());
            inFlight.decrementAndGet();
            return "m-" + message.to();
        };
        SendRateLimiter sevenAtATime = (federation, wanted) -> {
            int grant = Math.min(7, wanted);
            granted.addAndGet(grant);
            return grant;
        };
        java.util.concurrent.atomic.AtomicLong reputationSent = new java.util.concurrent.atomic.AtomicLong();
        Dispatcher dispatcher = dispatcher(slow, new DispatchSettings(14, LEASE, RECONCILE_AFTER, Duration.ofMinutes(13), 8),
                sevenAtATime, reputationSent);

        assertEquals(Dispatcher.Outcome.FINISHED, dispatcher.run("06", "n9", "A"));
        assertEquals(people, sent.size());
        assertEquals(people, new java.util.HashSet<>(sent).size(), "someone got two");
        assertEquals(people, store.find("06", "n9").orElseThrow().getSent());
        assertEquals(people, reputationSent.get(), "the reputation counter sees every send, once per page");
        assertEquals(people, granted.get(), "each send took exactly one grant");
        assertTrue(widest.get() > 1 && widest.get() <= 8, "in flight at once: " + widest.get());
    }

    @Test
    void aSendWithoutAnswerIsNotRetriedButLeftForSesOwnRecord() throws Exception {
        String id = oneRecipient();
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        Mailer lostAnswer = message -> {
            attempts.incrementAndGet();
            throw Mailer.MailException.ambiguous("no answer from SES", null);
        };
        assertEquals(Dispatcher.Outcome.IN_FLIGHT, dispatcher(lostAnswer).run("06", id, "A"));
        assertEquals(1, attempts.get(), "a maybe-delivered message must not be sent again at once");
        assertEquals(List.of("c1"), store.stalled("06", id, clock.instant().plusSeconds(1)), "left claimed for reconciliation");
    }

    @Test
    void aRecipientHandedBackAfterTheQueueLookedEmptyIsSentBeforeTheNewsletterFinishes() throws Exception {
        String id = oneRecipient();
        // The worker reads its page while another worker holds the only recipient (an empty page), and that worker
        // hands it back (SES throttled it past its retries) before this one looks at the claims: none is left.
        java.util.concurrent.atomic.AtomicInteger pages = new java.util.concurrent.atomic.AtomicInteger();
        NewsletterStore racing = (NewsletterStore) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {NewsletterStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("queued") && pages.getAndIncrement() == 0) {
                        return List.of();
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Dispatcher a = dispatcher(racing, recording("A"), new DispatchSettings(14, LEASE, RECONCILE_AFTER,
                Duration.ofMinutes(13)), (federation, wanted) -> wanted, new java.util.concurrent.atomic.AtomicLong());
        assertEquals(Dispatcher.Outcome.FINISHED, a.run("06", id, "A"));
        assertEquals(1, sent.size(), "the handed-back recipient is mailed, once: " + sent);
        assertEquals(1, store.find("06", id).orElseThrow().getSent());
    }

    /** One confirmed contact and a newsletter to everyone, due now. */
    private String oneRecipient() {
        subscribed("c1", "marie@exemple.fr");
        return newsletter("n1");
    }

    private void subscribed(String id, String email) {
        Contact c = new Contact();
        c.setId(id);
        c.setEmailHash("h-" + id);
        c.setEmail(email);
        c.setFirstName("Marie");
        c.setStatus(ContactStatus.ACTIVE);
        c.setNewsletterConsent(true);
        c.setCreatedAt(clock.instant());
        c.setUpdatedAt(clock.instant());
        contacts.create("06", c, List.of());
    }

    /** A newsletter to everyone, being sent. */
    private String newsletter(String id) {
        Newsletter nl = new Newsletter();
        nl.setId(id);
        nl.setSubject("La lettre");
        nl.setBlocks(Json.parse("[{\"type\":\"heading\",\"text\":\"Bonjour {{firstName}}\"}]"));
        nl.setLinks(Blocks.links(nl.getBlocks()));
        nl.setState(NewsletterState.SENDING);
        nl.setCreatedAt(clock.instant());
        nl.setUpdatedAt(clock.instant());
        store.create("06", nl);
        return nl.getId();
    }

    private Mailer recording(String worker) {
        return message -> {
            sent.add(worker + " " + message.to() + " " + clock.instant());
            return "m-" + sent.size();
        };
    }

    private static Mailer.MailException throttled() {
        return new Mailer.MailException("SES refused the message: TooManyRequestsException", true, null);
    }

    @Test
    void aWorkerThrottledPastItsLeaseDoesNotSendWhatAnotherWorkerSentMeanwhile() throws Exception {
        String id = oneRecipient();
        Dispatcher b = dispatcher(recording("B"));
        // Worker A's first SES call is throttled, and while A backs off the reconcile delay passes: worker B takes
        // the recipient for a dead worker's, sends it and finishes the newsletter.
        Mailer aMailer = new Mailer() {
            private int calls;

            @Override
            public String send(fr.eterrain.core.mail.EmailMessage message) {
                if (calls++ == 0) {
                    clock.advance(RECONCILE_AFTER.plusMinutes(1));
                    try {
                        assertEquals(Dispatcher.Outcome.FINISHED, b.run("06", id, "B"));
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    throw throttled();
                }
                return recording("A").send(message);
            }
        };
        dispatcher(aMailer).run("06", id, "A");

        assertEquals(1, sent.size(), "one message only: " + sent);
        assertTrue(sent.get(0).startsWith("B "));
        Newsletter nl = store.find("06", id).orElseThrow();
        assertEquals(NewsletterState.SENT, nl.getState());
        assertEquals(1, nl.getSent());
    }

    @Test
    void aRecipientWhoseLeaseRunsOutWhileThrottledIsHandedBackAndSentWithinAFreshClaim() throws Exception {
        String id = oneRecipient();
        List<Instant> claims = new ArrayList<>();
        Mailer slowlyThrottled = new Mailer() {
            private int calls;

            @Override
            public String send(fr.eterrain.core.mail.EmailMessage message) {
                claims.add(store.recipients.get("06/" + id).get("c1").claimedAt);
                if (calls++ < 3) {
                    clock.advance(Duration.ofMinutes(1)); // each throttled call takes a minute
                    throw throttled();
                }
                return recording("A").send(message);
            }
        };
        assertEquals(Dispatcher.Outcome.FINISHED, dispatcher(slowlyThrottled).run("06", id, "A"));

        assertEquals(1, sent.size(), sent.toString());
        Instant sentAt = Instant.parse(sent.get(0).substring(sent.get(0).lastIndexOf(' ') + 1));
        Instant claimedAt = claims.get(claims.size() - 1);
        assertFalse(sentAt.isAfter(claimedAt.plus(LEASE)), "sent within its claim's lease: claimed " + claimedAt + ", sent " + sentAt);
        assertEquals(2, claims.stream().distinct().count(), "handed back once its lease was over, then claimed again");
        assertEquals(1, store.find("06", id).orElseThrow().getSent());
    }

    @Test
    void theRecipientsWhoseEmailCarriedThePixelAreCountedMeasuredOnceWithTheirSend() throws Exception {
        subscribed("c1", "a@exemple.fr");
        subscribed("c2", "b@exemple.fr");
        subscribed("c3", "c@exemple.fr");
        Contact consenting = contacts.find("06", "c2").orElseThrow();
        consenting.setAudienceConsent(true);
        contacts.update("06", consenting, List.of());
        String id = newsletter("n3");
        assertEquals(Dispatcher.Outcome.FINISHED, dispatcher(recording("A")).run("06", id, "A"));
        Newsletter nl = store.find("06", id).orElseThrow();
        assertEquals(3, nl.getSent());
        assertEquals(1, nl.getMeasured(), "only the email with the pixel is measured");
        assertEquals(Dispatcher.Outcome.SKIPPED, dispatcher(recording("B")).run("06", id, "B"));
        assertEquals(1, store.find("06", id).orElseThrow().getMeasured(), "once");
    }
}
