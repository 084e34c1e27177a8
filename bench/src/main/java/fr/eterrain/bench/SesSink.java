package fr.eterrain.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An SES v2 {@code SendEmail} endpoint that answers as fast as it can, on loopback: it reads the request, notes
 * the recipient and answers a message id. With a rate set it behaves like SES's maximum send rate: more than
 * {@code rate} messages in one second are refused with 429 TooManyRequestsException, and counted.
 */
public final class SesSink implements AutoCloseable {
    private static final byte[] TO = "\"ToAddresses\":[\"".getBytes(StandardCharsets.US_ASCII);

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong firstNanos = new AtomicLong();
    private final AtomicLong lastNanos = new AtomicLong();
    private final Set<String> recipients = ConcurrentHashMap.newKeySet();
    private final AtomicLong duplicates = new AtomicLong();
    // The current one-second window of the rate (guarded by this).
    private long windowSecond = -1;
    private int windowCount;
    private volatile int rate;

    public SesSink() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "ses-sink");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Forgets what was received and sets the send rate (0: unlimited). */
    public void reset(int ratePerSecond) {
        accepted.set(0);
        throttled.set(0);
        duplicates.set(0);
        firstNanos.set(0);
        lastNanos.set(0);
        recipients.clear();
        synchronized (this) {
            windowSecond = -1;
            windowCount = 0;
        }
        rate = ratePerSecond;
    }

    public long accepted() {
        return accepted.get();
    }

    public long throttled() {
        return throttled.get();
    }

    /** Distinct recipients received, and how many messages went to someone already received. */
    public int distinctRecipients() {
        return recipients.size();
    }

    public long duplicates() {
        return duplicates.get();
    }

    /** Seconds between the first and the last accepted message. */
    public double spanSeconds() {
        return (lastNanos.get() - firstNanos.get()) / 1e9;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (rate > 0 && !admit()) {
                throttled.incrementAndGet();
                answer(exchange, 429, "{\"message\":\"Maximum sending rate exceeded.\"}", "TooManyRequestsException");
                return;
            }
            String to = recipient(body);
            if (to != null && !recipients.add(to)) {
                duplicates.incrementAndGet();
            }
            long now = System.nanoTime();
            firstNanos.compareAndSet(0, now);
            lastNanos.accumulateAndGet(now, Math::max);
            long n = accepted.incrementAndGet();
            answer(exchange, 200, "{\"MessageId\":\"sink-" + n + "\"}", null);
        }
    }

    /** Fixed one-second windows, as a per-second maximum send rate is stated. */
    private synchronized boolean admit() {
        long second = System.currentTimeMillis() / 1000;
        if (second != windowSecond) {
            windowSecond = second;
            windowCount = 0;
        }
        if (windowCount >= rate) {
            return false;
        }
        windowCount++;
        return true;
    }

    static String recipient(byte[] body) {
        outer:
        for (int i = 0; i + TO.length <= body.length; i++) {
            for (int j = 0; j < TO.length; j++) {
                if (body[i + j] != TO[j]) {
                    continue outer;
                }
            }
            int start = i + TO.length;
            int end = start;
            while (end < body.length && body[end] != '"') {
                end++;
            }
            return new String(body, start, end - start, StandardCharsets.UTF_8);
        }
        return null;
    }

    private static void answer(HttpExchange exchange, int status, String json, String errorType) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", "application/json");
        if (errorType != null) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
