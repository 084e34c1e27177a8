package fr.eterrain.core.stats;

/** Ratios for people to read, and the cautious lower bound used to rank federations of very different sizes. */
public final class Rates {
    private static final double Z = 1.96;

    private Rates() {
    }

    /** part / whole, or null when there is nothing to divide by (shown as "—", not as 0 %). */
    public static Double ratio(long part, long whole) {
        return whole <= 0 ? null : (double) part / whole;
    }

    /**
     * Lower bound of the 95 % Wilson score interval: 30 opens out of 40 is not better than 3,000 out of 5,000,
     * however the plain ratio looks. Null for an empty sample.
     */
    public static Double wilsonLower(long successes, long trials) {
        if (trials <= 0) {
            return null;
        }
        double n = trials;
        double p = Math.min(1.0, (double) successes / n);
        double z2 = Z * Z;
        double centre = p + z2 / (2 * n);
        double margin = Z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return Math.max(0.0, (centre - margin) / (1 + z2 / n));
    }
}
