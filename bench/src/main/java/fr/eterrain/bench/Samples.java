package fr.eterrain.bench;

import java.util.Arrays;

/** Durations collected in nanoseconds, summarised as percentiles in microseconds or milliseconds. */
public final class Samples {
    private long[] values = new long[1024];
    private int size;

    public void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    public int size() {
        return size;
    }

    /** Nearest-rank percentile, {@code p} in (0, 100]. */
    public long percentile(double p) {
        if (size == 0) {
            throw new IllegalStateException("no samples");
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
    }

    public double medianMicros() {
        return percentile(50) / 1_000.0;
    }

    public double p99Micros() {
        return percentile(99) / 1_000.0;
    }

    public double medianMillis() {
        return percentile(50) / 1_000_000.0;
    }
}
