package fr.eterrain.bench;

/** One part of the benchmark: measures something and its reference, and adds a section to the report. */
public interface Measurement {
    /** Short name used by {@code make bench ONLY=dispatch,tracking}. */
    String name();

    void run(BenchContext context, Report report) throws Exception;
}
