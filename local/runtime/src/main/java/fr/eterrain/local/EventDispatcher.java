package fr.eterrain.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.events.EventFunction;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.wiring.Wiring.Rule;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * EventBridge rules and Lambda asynchronous invocation, in-process: an event matching a rule (source and
 * detail-type lists) is handed to the target in the background; a failed call is retried twice, as Lambda
 * does for async invocations, then reported as dead-lettered. Tests wait on {@link #awaitIdle}.
 */
public final class EventDispatcher implements AutoCloseable {
    /** Lambda's default for asynchronous invocations: the first try and two retries. */
    static final int ATTEMPTS = 3;

    /** An event as put on the bus, before matching. */
    public record Entry(String source, String detailType, JsonNode detail, String eventBusName) {
    }

    private final List<Rule> rules;
    private final Function<String, EventFunction> targets;
    private final String account;
    private final String region;
    private final Duration retryDelay;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, new DaemonThreads("events"));
    private final Object idleLock = new Object();
    private int inFlight;
    private int deadLettered;
    private final Map<String, Integer> attempts = new HashMap<>();

    public EventDispatcher(List<Rule> rules, Function<String, EventFunction> targets, String account, String region,
                           Duration retryDelay) {
        this.rules = rules;
        this.targets = targets;
        this.account = account;
        this.region = region;
        this.retryDelay = retryDelay;
    }

    /** @return the event id; the targets run later */
    public String dispatch(Entry entry) {
        String id = UUID.randomUUID().toString();
        ObjectNode envelope = envelope(id, entry);
        List<Rule> matching = rules.stream().filter(rule -> matches(rule, entry)).toList();
        if (matching.isEmpty()) {
            Console.info("events: no rule for " + entry.source() + " / " + entry.detailType());
        }
        for (Rule rule : matching) {
            started();
            executor.execute(() -> {
                try {
                    deliver(rule, envelope);
                } finally {
                    finished();
                }
            });
        }
        return id;
    }

    static boolean matches(Rule rule, Entry entry) {
        return (rule.source().isEmpty() || rule.source().contains(entry.source()))
                && (rule.detailType().isEmpty() || rule.detailType().contains(entry.detailType()));
    }

    /** The envelope EventBridge gives a Lambda target. */
    private ObjectNode envelope(String id, Entry entry) {
        ObjectNode event = Json.object();
        event.put("version", "0");
        event.put("id", id);
        event.put("detail-type", entry.detailType());
        event.put("source", entry.source());
        event.put("account", account);
        event.put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", region);
        event.putArray("resources");
        event.set("detail", entry.detail());
        return event;
    }

    private void deliver(Rule rule, ObjectNode envelope) {
        String id = envelope.get("id").asText();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            long start = System.nanoTime();
            synchronized (idleLock) {
                attempts.merge(rule.name(), 1, Integer::sum);
            }
            try {
                // A fresh copy each time: a target that mutates its event must not change the retry.
                targets.apply(rule.function()).handleEvent(envelope.deepCopy(), id + "-" + attempt);
                Console.info(String.format("events %s -> %s ok %d ms", rule.name(), rule.function(),
                        (System.nanoTime() - start) / 1_000_000));
                return;
            } catch (Throwable e) {
                Console.info(String.format("events %s -> %s attempt %d/%d failed: %s", rule.name(), rule.function(),
                        attempt, ATTEMPTS, e));
                if (attempt < ATTEMPTS && !sleep(retryDelay.multipliedBy(attempt))) {
                    break;
                }
            }
        }
        synchronized (idleLock) {
            deadLettered++;
        }
        Console.info("events " + rule.name() + " -> " + rule.function() + " DEAD-LETTERED event " + id);
    }

    private static boolean sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void started() {
        synchronized (idleLock) {
            inFlight++;
        }
    }

    private void finished() {
        synchronized (idleLock) {
            inFlight--;
            idleLock.notifyAll();
        }
    }

    /** Waits until every event put so far has been delivered or dead-lettered. */
    public void awaitIdle(Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idleLock) {
            while (inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException(inFlight + " event deliveries still running after " + timeout);
                }
                idleLock.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** Deliveries that failed every attempt since start. */
    public int deadLettered() {
        synchronized (idleLock) {
            return deadLettered;
        }
    }

    /** Calls made to a rule's target so far, retries included: tests check an event reached it. */
    public int attempts(String ruleName) {
        synchronized (idleLock) {
            return attempts.getOrDefault(ruleName, 0);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
