package fr.eterrain.core.newsletters;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;

/**
 * One-second windows: the account may send {@code ratePerSecond}; each federation sending now may take at most
 * its share, {@code rate / federations sending}, so one big send never starves the others. A grant is taken
 * from the federation's window first, then from the account's; what the account refuses is given back.
 */
public final class FairShareLimiter implements SendRateLimiter {
    /** How the limiter waits for the next window; tests replace it with a simulated clock. */
    public interface Sleeper {
        void sleepMillis(long millis) throws InterruptedException;
    }

    /**
     * No grant in a window's last milliseconds: a grant is spent by the send that follows it, and a send that lands
     * in the next window would exceed that window's rate, which SES answers with throttling.
     */
    static final int CLOSING_MILLIS = 50;

    private final WindowCounters counters;
    private final IntSupplier federationsSending;
    private final int ratePerSecond;
    private final Clock clock;
    private final Sleeper sleeper;

    public FairShareLimiter(WindowCounters counters, IntSupplier federationsSending, int ratePerSecond, Clock clock,
                            Sleeper sleeper) {
        if (ratePerSecond < 1) {
            throw new IllegalArgumentException("rate must be at least 1 per second");
        }
        this.counters = counters;
        this.federationsSending = federationsSending;
        this.ratePerSecond = ratePerSecond;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** The most one federation may send per second while {@code sending} federations send. */
    public static int share(int ratePerSecond, int sending) {
        return Math.max(1, ratePerSecond / Math.max(1, sending));
    }

    @Override
    public int acquire(String federation, int wanted) throws InterruptedException {
        while (true) {
            long millis = clock.millis();
            long window = millis / 1000;
            if (millis % 1000 >= 1000 - CLOSING_MILLIS) {
                sleeper.sleepMillis(1000 - millis % 1000);
                continue;
            }
            int share = share(ratePerSecond, federationsSending.getAsInt());
            for (int ask = Math.min(wanted, share); ask >= 1; ask = ask / 2) {
                if (counters.tryAdd("fed:" + federation, window, ask, share)) {
                    if (counters.tryAdd("account", window, ask, ratePerSecond)) {
                        return ask;
                    }
                    counters.subtract("fed:" + federation, window, ask);
                }
            }
            // Next window, with a little jitter so workers do not all wake at the same instant.
            sleeper.sleepMillis(1000 - millis % 1000 + ThreadLocalRandom.current().nextInt(20));
        }
    }
}
