package fr.eterrain.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.Platform;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.mail.Mailer;
import fr.eterrain.core.newsletters.DispatchSettings;
import fr.eterrain.core.newsletters.Dispatcher;
import fr.eterrain.core.newsletters.FairShareLimiter;
import fr.eterrain.core.newsletters.Newsletter;
import fr.eterrain.core.newsletters.NewsletterKeys;
import fr.eterrain.core.newsletters.NewsletterRenderer;
import fr.eterrain.core.newsletters.NewsletterService;
import fr.eterrain.core.newsletters.NewsletterState;
import fr.eterrain.core.newsletters.NewsletterStore;
import fr.eterrain.core.store.dynamo.DynamoWindowCounters;
import fr.eterrain.dispatcher.DispatcherFunction;
import fr.eterrain.dispatcher.DispatcherFunctions;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A newsletter reaches every recipient exactly once while things go wrong: duplicate and concurrent triggers,
 * workers killed mid-send, SES and DynamoDB throttling (injected at the HTTP client, see {@link FaultyHttpClient},
 * retried by the SDK and, past its retries, surfacing to our code) and all of it at once.
 *
 * <p>Several worker threads each run the dispatcher in a loop, as Lambda retries and the one-minute
 * {@code dispatch-tick} would: whatever escapes a run is caught and the send run again, with a fresh worker id,
 * while SES's Send and Delivery events reach the (fault-free) feedback function as SES would deliver them. Faults
 * only hit the workers' own platform. Each scenario has its own federation
 * (972, 973, 974, 976 and 2A: no other test sends newsletters there; there is no 975).
 *
 * <p>Set {@code -Dfaults.seed=…} to replay a run (the seed is printed).
 */
@Tag("reliability")
class DispatchFaultsIT {
    /** A dead worker's unsent recipient is sent again this long after its claim: short, so tests see it happen. */
    private static final String RECONCILE_AFTER = "PT8S";
    private static final String LEASE = "PT2S";
    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static final long SEED = Long.getLong("faults.seed", System.nanoTime());

    private final TestStack stack = TestStack.get();
    private final Platform clean = new Platform(stack.settings());

    private record Send(String fed, String id, String subject, List<String> emails) {
    }

    /** What one scenario did and met. */
    private static final class Run {
        final AtomicLong rounds = new AtomicLong();
        final AtomicLong messages = new AtomicLong();
        final AtomicLong escaped = new AtomicLong();
        final AtomicLong diedBeforeSes = new AtomicLong();
        final AtomicLong diedAfterSes = new AtomicLong();
        final AtomicLong sesSurfaced = new AtomicLong();
        final Map<Dispatcher.Outcome, AtomicLong> outcomes = new ConcurrentHashMap<>();
        final Map<String, AtomicLong> escapes = new ConcurrentHashMap<>();
        /** What happened to each recipient (claims, sends, marks, by contact id), for diagnosing a failure. */
        final Map<String, List<String>> history = new ConcurrentHashMap<>();
        final long began = System.nanoTime();
        long millis;

        void log(String message, String event) {
            history.computeIfAbsent(message, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                    .add("+" + (System.nanoTime() - began) / 1_000_000 + "ms " + event);
        }

        @Override
        public String toString() {
            return "rounds=" + rounds + " outcomes=" + new TreeMap<>(outcomes) + " escaped=" + escaped + " " + new TreeMap<>(escapes)
                    + " died(before SES)=" + diedBeforeSes + " died(after SES)=" + diedAfterSes
                    + " SES errors past SDK retries=" + sesSurfaced + " in " + millis + " ms";
        }
    }

    /** Stands for the Lambda process being killed: an Error nothing in the dispatcher catches. */
    private static final class WorkerDied extends Error {
        WorkerDied() {
            super("worker killed", null, false, false);
        }
    }

    // --- scenarios ------------------------------------------------------------------------------------------

    @Test
    void duplicateAndConcurrentTriggersSendEachRecipientOnce() throws Exception {
        Send send = prepare("972", 200);
        // Duplicated requests on the wire: some DynamoDB writes take effect and their answer is lost, so the SDK
        // sends them again (a claim, a mark, a counter).
        FaultyHttpClient.Faults faults = new FaultyHttpClient.Faults(SEED).loseResponses("DYNAMODB", 0.03);
        Platform platform = faulty(faults);
        Run run = new Run();
        // Six workers start at the same instant: three are the dispatcher function itself, handed the same
        // NewsletterSendRequested and NewsletterDispatchContinue events again and again (EventBridge delivers at
        // least once, the tick re-announces every unfinished send), three run the dispatcher directly.
        List<Invoker> invokers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            invokers.add(function(platform, send, i % 2 == 0 ? NewsletterService.SEND_REQUESTED : NewsletterService.DISPATCH_CONTINUE));
            invokers.add(w -> dispatcher(platform, w, run, 0).run(send.fed(), send.id(), w));
        }
        dispatch(send, faults, run, invokers);
        assertDeliveredOnce(send, faults, run);
        assertTrue(faults.counts().of("DYNAMODB", "lost") > 0, faults.counts().toString());
    }

    @Test
    void workersKilledMidSendAreFinishedByOthersWithoutDuplicates() throws Exception {
        Send send = prepare("973", 200);
        FaultyHttpClient.Faults faults = new FaultyHttpClient.Faults(SEED);
        Platform platform = faulty(faults);
        Run run = new Run();
        dispatch(send, faults, run, workers(5, w -> dispatcher(platform, w, run, 15).run(send.fed(), send.id(), w)));
        assertDeliveredOnce(send, faults, run);
        assertTrue(run.diedBeforeSes.get() > 0 && run.diedAfterSes.get() > 0, run.toString());
    }

    @Test
    void sesThrottlingDelaysButNeitherDuplicatesNorLosesAnyone() throws Exception {
        Send send = prepare("974", 200);
        FaultyHttpClient.Faults faults = new FaultyHttpClient.Faults(SEED).throttle("SESV2", 0.4);
        Platform platform = faulty(faults);
        Run run = new Run();
        dispatch(send, faults, run, workers(5, w -> dispatcher(platform, w, run, 0).run(send.fed(), send.id(), w)));
        assertDeliveredOnce(send, faults, run);
        assertTrue(faults.counts().of("SESV2", "throttled") > 0, faults.counts().toString());
        assertTrue(run.sesSurfaced.get() > 0, "some throttling outlasted the SDK's retries: " + run);
    }

    @Test
    void dynamoThrottlingDelaysButNeitherDuplicatesNorLosesAnyone() throws Exception {
        Send send = prepare("2A", 150);
        FaultyHttpClient.Faults faults = new FaultyHttpClient.Faults(SEED).throttle("DYNAMODB", 0.05)
                // A hot partition now and then: every call throttled for a while, past the SDK's retries.
                .throttleBursts("DYNAMODB", Duration.ofSeconds(5), Duration.ofMillis(1500));
        Platform platform = faulty(faults);
        Run run = new Run();
        dispatch(send, faults, run, workers(5, w -> dispatcher(platform, w, run, 0).run(send.fed(), send.id(), w)));
        assertDeliveredOnce(send, faults, run);
        assertTrue(faults.counts().of("DYNAMODB", "throttled") > 0, faults.counts().toString());
        assertTrue(run.escaped.get() > 0, "some throttling outlasted the SDK's retries: " + run);
    }

    @Test
    void everythingAtOnce() throws Exception {
        Send send = prepare("976", 200);
        FaultyHttpClient.Faults faults = new FaultyHttpClient.Faults(SEED)
                .throttle("DYNAMODB", 0.06).loseResponses("DYNAMODB", 0.02)
                .throttle("SESV2", 0.3);
        Platform platform = faulty(faults);
        Run run = new Run();
        List<Invoker> invokers = workers(6, w -> dispatcher(platform, w, run, 40).run(send.fed(), send.id(), w));
        invokers.add(function(platform, send, NewsletterService.SEND_REQUESTED));
        invokers.add(function(platform, send, NewsletterService.DISPATCH_CONTINUE));
        dispatch(send, faults, run, invokers);
        assertDeliveredOnce(send, faults, run);
        assertTrue(faults.counts().of("DYNAMODB", "throttled") > 0 && faults.counts().of("DYNAMODB", "lost") > 0
                && faults.counts().of("SESV2", "throttled") > 0, faults.counts().toString());
        assertTrue(run.diedBeforeSes.get() > 0 && run.diedAfterSes.get() > 0, run.toString());
    }

    // --- the send ---------------------------------------------------------------------------------------------

    /** N active contacts (imported with consent proof) under a fresh tag, and a newsletter to them, due now. */
    private Send prepare(String fed, int n) {
        String tag = "r" + UUID.randomUUID().toString().substring(0, 8);
        StringBuilder csv = new StringBuilder("Courriel;Prénom;Nom;Code postal;Catégorie;Tags;consentWordingVersion;consentDate;consentSource\n");
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String email = TestStack.uniqueEmail("rel" + i);
            emails.add(email);
            csv.append(email).append(";Camille;;06000;sympathisant;").append(tag).append(";papier-2024;2024-05-02;fiabilité\n");
        }
        ObjectNode report = clean.contactImport().importCsv(fed, csv.toString(), "reliability-test");
        assertEquals(n, report.get("active").asInt(), report.toString());

        String key = stack.issueKey(fed);
        String subject = "Fiabilité " + fed + " " + tag;
        String draft = """
                {"subject":"%s","segment":{"tags":["%s"]},
                 "blocks":[{"type":"heading","text":"Bonjour {{firstName}}"},
                           {"type":"text","markdown":"Une fois, [une seule](https://exemple.fr/programme)."}]}
                """.formatted(subject, tag);
        HttpResponse<String> created = stack.post("/v1/federations/" + fed + "/newsletters", "application/json", draft,
                TestStack.bearer(key));
        assertEquals(201, created.statusCode(), created.body());
        String id = Json.parse(created.body()).get("id").asText();
        // Due now, without announcing it on the bus: the test runs the workers itself.
        clean.newsletterService(events -> { }).send(clean.federations().require(fed), id, null);
        return new Send(fed, id, subject, emails);
    }

    /** The workers' platform: its AWS clients go through the fault injector; the account rate is no bottleneck. */
    private Platform faulty(FaultyHttpClient.Faults faults) {
        return new Platform(dispatchSettings(stack.settings()), Clock.systemUTC(), faults);
    }

    /** Short lease and reconcile delay, so that dead workers' recipients are sent again within the test. */
    private static Settings dispatchSettings(Settings settings) {
        return settings.with(Map.of("DISPATCH_RECONCILE_AFTER", RECONCILE_AFTER, "DISPATCH_LEASE", LEASE, "SES_MAX_SEND_RATE", "1000"));
    }

    /**
     * The dispatcher of {@link Platform#dispatcher()}, with a mailer that counts the SES errors reaching our code
     * and, once every {@code deathEvery} messages (0: never), kills the worker before SES takes the message, or
     * after (alternately).
     */
    private static Dispatcher dispatcher(Platform p, String worker, Run run, int deathEvery) {
        Mailer ses = p.mailer();
        Mailer mailer = message -> {
            String ref = message.headers().getOrDefault(NewsletterRenderer.MESSAGE_HEADER, "?");
            String contact = ref.substring(ref.lastIndexOf('.') + 1);
            long n = run.messages.incrementAndGet();
            int fate = deathEvery > 0 && n % deathEvery == 0 ? (int) (n / deathEvery % 2) + 1 : 0;
            if (fate == 1) {
                run.log(contact, worker + " died before SES");
                run.diedBeforeSes.incrementAndGet();
                throw new WorkerDied();
            }
            String messageId;
            try {
                messageId = ses.send(message);
            } catch (Mailer.MailException e) {
                run.log(contact, worker + " " + e.getMessage());
                run.sesSurfaced.incrementAndGet();
                throw e;
            }
            run.log(contact, worker + " sent " + messageId);
            if (fate == 2) {
                run.log(contact, worker + " died after SES");
                run.diedAfterSes.incrementAndGet();
                throw new WorkerDied();
            }
            return messageId;
        };
        DispatchSettings settings = p.dispatchSettings();
        FairShareLimiter limiter = new FairShareLimiter(new DynamoWindowCounters(p.clients().dynamo(), p.layout()),
                () -> p.activeSends().federationsSending(), settings.ratePerSecond(), p.clock(), Thread::sleep);
        return new Dispatcher(new Recorded(p.newsletters(), worker, run), p.contacts(), p.federations(), mailer, p.newsletterRenderer(), limiter,
                p.blackouts(), p.activeSends(), p.reputation(), p.events(), p.clock(), settings);
    }

    /** The workers' store, noting each recipient's claims, marks, releases and requeues in the run's history. */
    private record Recorded(NewsletterStore store, String worker, Run run) implements NewsletterStore {
        private <T> T note(String contactId, String what, java.util.function.Supplier<T> call) {
            try {
                T result = call.get();
                run.log(contactId, worker + " " + what + " → " + result);
                return result;
            } catch (RuntimeException e) {
                run.log(contactId, worker + " " + what + " → " + e.getClass().getSimpleName());
                throw e;
            }
        }

        @Override
        public void create(String federation, Newsletter newsletter) {
            store.create(federation, newsletter);
        }

        @Override
        public java.util.Optional<Newsletter> find(String federation, String id) {
            return store.find(federation, id);
        }

        @Override
        public boolean update(String federation, Newsletter newsletter) {
            return store.update(federation, newsletter);
        }

        @Override
        public List<Newsletter> list(String federation, int limit) {
            return store.list(federation, limit);
        }

        @Override
        public boolean addRecipient(String federation, String newsletterId, String contactId) {
            return store.addRecipient(federation, newsletterId, contactId);
        }

        @Override
        public void completeMaterialisation(String federation, String newsletterId, long total) {
            store.completeMaterialisation(federation, newsletterId, total);
        }

        @Override
        public List<String> queued(String federation, String newsletterId, int limit) {
            return store.queued(federation, newsletterId, limit);
        }

        @Override
        public boolean claim(String federation, String newsletterId, String contactId, String worker, Instant now) {
            return note(contactId, "claim@" + now, () -> store.claim(federation, newsletterId, contactId, worker, now));
        }

        @Override
        public boolean markSent(String federation, String newsletterId, String contactId, String messageId, Instant at) {
            return note(contactId, "markSent", () -> store.markSent(federation, newsletterId, contactId, messageId, at));
        }

        @Override
        public void markFailed(String federation, String newsletterId, String contactId, boolean suppressed, String reason) {
            note(contactId, "markFailed", () -> {
                store.markFailed(federation, newsletterId, contactId, suppressed, reason);
                return "";
            });
        }

        @Override
        public void release(String federation, String newsletterId, String contactId, String worker) {
            note(contactId, "release", () -> {
                store.release(federation, newsletterId, contactId, worker);
                return "";
            });
        }

        @Override
        public List<String> stalled(String federation, String newsletterId, Instant before) {
            return store.stalled(federation, newsletterId, before);
        }

        @Override
        public boolean requeue(String federation, String newsletterId, String contactId, Instant before) {
            return note(contactId, "requeue<" + before, () -> store.requeue(federation, newsletterId, contactId, before));
        }

        @Override
        public boolean recordOutcome(String federation, String newsletterId, String contactId, Outcome outcome, Instant at) {
            return store.recordOutcome(federation, newsletterId, contactId, outcome, at);
        }
    }

    /** One invocation of a dispatcher, as the given worker; what it returned. */
    private interface Invoker {
        Dispatcher.Outcome invoke(String worker) throws InterruptedException;
    }

    private static List<Invoker> workers(int count, Invoker invoker) {
        List<Invoker> invokers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            invokers.add(invoker);
        }
        return invokers;
    }

    /** The deployed dispatcher function (its handler) on this platform, handed this event for the newsletter. */
    private static Invoker function(Platform platform, Send send, String detailType) {
        DispatcherFunction function = DispatcherFunctions.on(platform);
        return worker -> {
            ObjectNode event = Json.object();
            event.put("id", worker);
            event.put("source", NewsletterService.EVENT_SOURCE);
            event.put("detail-type", detailType);
            event.set("detail", NewsletterService.dispatchEvent(detailType, send.fed(), send.id()).detail());
            return Dispatcher.Outcome.valueOf(function.handleEvent(event, worker).get("outcome").asText().toUpperCase(java.util.Locale.ROOT));
        };
    }

    /**
     * Runs one thread per invoker until the newsletter is sent: each invokes the dispatcher again and again (a fresh
     * worker id each time, as each Lambda invocation), catching whatever escapes, pausing as the retry or the tick
     * would; meanwhile SES's events are delivered. All threads start at the same instant.
     */
    private void dispatch(Send send, FaultyHttpClient.Faults faults, Run run, List<Invoker> invokers) throws InterruptedException {
        AtomicBoolean done = new AtomicBoolean();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        long began = System.nanoTime();
        for (int t = 0; t < invokers.size(); t++) {
            String name = "w" + t;
            Invoker invoker = invokers.get(t);
            workers.add(Thread.ofPlatform().name("dispatch-" + send.fed() + "-" + name).start(() -> {
                try {
                    start.await();
                    for (int round = 0; !done.get(); round++) {
                        run.rounds.incrementAndGet();
                        Dispatcher.Outcome outcome = null;
                        try {
                            outcome = invoker.invoke(name + "-" + round + "-" + UUID.randomUUID().toString().substring(0, 8));
                            run.outcomes.computeIfAbsent(outcome, o -> new AtomicLong()).incrementAndGet();
                        } catch (RuntimeException | WorkerDied e) {
                            run.escaped.incrementAndGet();
                            String what = e.getClass().getSimpleName() + (e instanceof WorkerDied ? ""
                                    : ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
                            run.escapes.computeIfAbsent(what.length() > 100 ? what.substring(0, 100) : what, k -> new AtomicLong())
                                    .incrementAndGet();
                        }
                        if (state(send) == NewsletterState.SENT) {
                            done.set(true);
                        } else if (outcome != Dispatcher.Outcome.CONTINUING) {
                            Thread.sleep(150); // the retry or the next tick
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        Thread ses = Thread.ofPlatform().name("ses-events-" + send.fed()).start(() -> {
            while (!done.get()) {
                try {
                    stack.awaitEvents();
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException | AssertionError e) {
                    // a slow bus: try again
                }
            }
        });
        start.countDown();
        long deadline = began + LIMIT.toNanos();
        for (Thread worker : workers) {
            worker.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        boolean finished = done.get();
        done.set(true);
        for (Thread worker : workers) {
            worker.join(30_000);
        }
        ses.interrupt();
        ses.join(30_000);
        run.millis = (System.nanoTime() - began) / 1_000_000;
        faults.enabled(false);
        stack.awaitEvents();
        System.out.printf("[reliability] %s (seed %d): %s; injected %d faults %s%n", send.fed(), SEED, run, faults.counts().total(),
                faults.counts());
        assertTrue(finished, "not sent within " + LIMIT + ": " + describe(send) + "; " + run + "; faults " + faults.counts());
    }

    private NewsletterState state(Send send) {
        return clean.newsletters().find(send.fed(), send.id()).orElseThrow().getState();
    }

    // --- what arrived -----------------------------------------------------------------------------------------

    private void assertDeliveredOnce(Send send, FaultyHttpClient.Faults faults, Run run) {
        Map<String, Integer> perAddress = new HashMap<>();
        Map<String, List<String>> details = new HashMap<>();
        int total = 0;
        for (JsonNode email : stack.sentEmails().path("emails")) {
            if (email.path("subject").asText().equals(send.subject())) {
                total++;
                String ref = Emails.header(email, NewsletterRenderer.MESSAGE_HEADER).orElse("?");
                email.path("destination").path("to").forEach(to -> {
                    String address = to.asText().replaceAll(".*<|>.*", "");
                    perAddress.merge(address, 1, Integer::sum);
                    details.computeIfAbsent(address, k -> new ArrayList<>()).add(email.path("messageId").asText() + " " + ref);
                });
            }
        }
        List<String> wrong = new ArrayList<>();
        for (String email : send.emails()) {
            int count = perAddress.getOrDefault(email, 0);
            if (count != 1) {
                wrong.add(email + "×" + count);
                List<String> mails = details.getOrDefault(email, List.of());
                String contact = mails.isEmpty() ? "?" : mails.get(0).substring(mails.get(0).lastIndexOf('.') + 1);
                System.out.println("[reliability] " + email + " emails " + mails + " history " + run.history.get(contact)
                        + " item " + recipient(send, contact));
            }
        }
        String context = "; " + describe(send) + "; " + run + "; faults " + faults.counts();
        assertEquals(List.of(), wrong, "recipients not mailed exactly once" + context);
        assertEquals(send.emails().size(), total, "emails of " + send.subject() + context);
        Newsletter nl = clean.newsletters().find(send.fed(), send.id()).orElseThrow();
        assertEquals(NewsletterState.SENT, nl.getState());
        assertEquals(send.emails().size(), nl.getTotal(), "total" + context);
        assertEquals(send.emails().size(), nl.getSent(), "sent counter" + context);
        assertEquals(0, nl.getFailed() + nl.getSuppressed(), "failed or suppressed" + context);
        assertTrue(faults.counts().total() + run.diedBeforeSes.get() + run.diedAfterSes.get() > 0, "faults were injected");
    }

    private Map<String, AttributeValue> recipient(Send send, String contactId) {
        return clean.clients().dynamo().getItem(r -> r.tableName(clean.layout().federationTable(send.fed())).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(NewsletterKeys.pk(send.id())),
                        "sk", AttributeValue.fromS(NewsletterKeys.recipient(contactId))))).item();
    }

    /** The recipients' statuses, to see where a send stands. */
    private String describe(Send send) {
        Map<String, Integer> statuses = new TreeMap<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = clean.clients().dynamo().query(r -> r.tableName(clean.layout().federationTable(send.fed())).consistentRead(true)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :r)")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(NewsletterKeys.pk(send.id())),
                            ":r", AttributeValue.fromS("RCPT#")))
                    .exclusiveStartKey(from));
            page.items().forEach(item -> statuses.merge(item.get("status").s(), 1, Integer::sum));
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        Newsletter nl = clean.newsletters().find(send.fed(), send.id()).orElseThrow();
        return "newsletter " + send.id() + " " + nl.getState().wire() + " total=" + nl.getTotal() + " sent=" + nl.getSent()
                + " recipients " + statuses;
    }
}
