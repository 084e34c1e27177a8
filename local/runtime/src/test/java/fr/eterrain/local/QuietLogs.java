package fr.eterrain.local;

import fr.eterrain.core.log.Log;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * While a test floods the local stack with thousands of requests, its log lines (one {@code [local] api …} line on
 * stderr and one JSON line per request) would go through Maven's console and throttle the server threads on the
 * stream lock. This swaps both streams for a sink that counts lines and keeps the ones worth looking at (WARN,
 * ERROR, failures), then puts everything back on {@link #close()}.
 */
final class QuietLogs implements AutoCloseable {
    private static final int MAX_KEPT = 200;

    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final Predicate<String> keep;
    private final List<String> kept = new ArrayList<>();
    private long lines;
    private long keptTotal;

    private QuietLogs(Predicate<String> keep) {
        this.keep = keep;
        PrintStream sink = new PrintStream(new LineSink(), true, StandardCharsets.UTF_8);
        System.setErr(sink);
        Log.redirect(sink);
    }

    /** Keeps WARN and ERROR log lines and the local stack's failure messages. */
    static QuietLogs start() {
        return new QuietLogs(line -> line.contains("\"level\":\"WARN\"") || line.contains("\"level\":\"ERROR\"")
                || line.contains(" failed") || line.contains("cannot answer") || line.contains("not counted"));
    }

    /** Keeps the lines matching {@code keep}. */
    static QuietLogs keeping(Predicate<String> keep) {
        return new QuietLogs(keep);
    }

    synchronized long lines() {
        return lines;
    }

    /** The kept lines (at most 200) and how many there were in all. */
    synchronized List<String> kept() {
        return List.copyOf(kept);
    }

    synchronized long keptTotal() {
        return keptTotal;
    }

    private synchronized void line(String line) {
        lines++;
        if (keep.test(line)) {
            keptTotal++;
            if (kept.size() < MAX_KEPT) {
                kept.add(line);
            }
        }
    }

    @Override
    public void close() {
        System.setErr(originalErr);
        Log.redirect(originalOut);
    }

    /** Splits what the PrintStream writes (one println at a time, under its lock) into lines. */
    private final class LineSink extends OutputStream {
        private final ByteArrayOutputStream current = new ByteArrayOutputStream(256);

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                line(current.toString(StandardCharsets.UTF_8));
                current.reset();
            } else {
                current.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                write(bytes[i]);
            }
        }
    }
}
