package fr.eterrain.bench;

import fr.eterrain.core.config.Settings;
import fr.eterrain.local.LocalPlatform;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every measurement shares: the local platform on the embedded emulators (stage {@code bench}, in memory,
 * free ports), the project root and the run's options.
 *
 * @param figures    figures measured by earlier parts, by name
 * @param recipients size of the dispatch benchmark's newsletter (100,000 unless {@code RECIPIENTS} says otherwise)
 */
public record BenchContext(LocalPlatform platform, Path root, int recipients, Map<String, Double> figures) {
    public BenchContext(LocalPlatform platform, Path root, int recipients) {
        this(platform, root, recipients, new ConcurrentHashMap<>());
    }

    /** A figure measured by an earlier part of the run, for later parts (the cost model) to reuse. */
    public double figure(String name, double fallback) {
        return figures.getOrDefault(name, fallback);
    }

    public Settings settings() {
        return platform.settings();
    }
}
