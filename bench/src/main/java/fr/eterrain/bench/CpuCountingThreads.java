package fr.eterrain.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Makes the dispatcher's send threads and adds up the CPU time each used, once it has ended. */
final class CpuCountingThreads implements ThreadFactory {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private final LongAdder cpuNanos = new LongAdder();
    private final List<Thread> made = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
        Thread t = new Thread(() -> {
            try {
                task.run();
            } finally {
                cpuNanos.add(MX.getCurrentThreadCpuTime());
            }
        }, "dispatch-send-" + count.incrementAndGet());
        t.setDaemon(true);
        made.add(t);
        return t;
    }

    /** CPU of every thread made so far, waiting for them to end (the dispatcher stops them when it returns). */
    long cpuNanos() throws InterruptedException {
        for (Thread t : made) {
            t.join();
        }
        return cpuNanos.sum();
    }
}
