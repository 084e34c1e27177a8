package fr.eterrain.bench;

import fr.eterrain.local.LocalPlatform;
import fr.eterrain.local.ProjectRoot;
import fr.eterrain.local.StackOptions;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code make bench}: runs every measurement against one local platform and writes bench/report.md and
 * bench/report.json. Options (environment): {@code ONLY=dispatch,tracking,capacity,coldstart,visuals,sessions},
 * {@code RECIPIENTS=100000}.
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = ProjectRoot.find();
        int recipients = Integer.parseInt(env("RECIPIENTS", "100000"));
        Set<String> only = Arrays.stream(env("ONLY", "").split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
        List<Measurement> measurements = List.of(new TrackingBench(), new DispatchBench(), new CapacityBench(),
                new ColdStartBench(), new VisualsBench(), new SessionsBench());

        Report report = new Report();
        report.environment("Date", Instant.now().toString());
        report.environment("Command", "make bench" + (only.isEmpty() ? "" : " ONLY=" + String.join(",", only))
                + (recipients == 100_000 ? "" : " RECIPIENTS=" + recipients));
        report.environment("Commit", Git.head(root));
        report.environment("Java", System.getProperty("java.vm.name") + " " + Runtime.version());
        report.environment("Machine", Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name")
                + " " + System.getProperty("os.arch") + ", heap max " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
        report.environment("Emulators", "DynamoDB Local (in this JVM), SES-compatible sink (in this JVM), s3proxy, aws-ses-v2-local");

        long start = System.nanoTime();
        // Stage "bench" is not a development stage: it needs real keys, made fresh for each run.
        Map<String, String> secrets = Map.of("HASH_KEY", randomKey(), "DATA_KEY", randomKey(), "TOKEN_KEYS", "b1:" + randomKey());
        try (LocalPlatform platform = LocalPlatform.start(StackOptions.inMemory("bench", secrets, Duration.ofMillis(100)))) {
            BenchContext context = new BenchContext(platform, root, recipients);
            for (Measurement m : measurements) {
                if (!only.isEmpty() && !only.contains(m.name())) {
                    continue;
                }
                long t = System.nanoTime();
                System.out.println("== " + m.name());
                m.run(context, report);
                System.out.printf("== %s done in %d s%n", m.name(), Duration.ofNanos(System.nanoTime() - t).toSeconds());
            }
        }
        report.environment("Duration", Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s (JVM up "
                + ManagementFactory.getRuntimeMXBean().getUptime() / 1000 + " s)");
        Path out = root.resolve("bench");
        report.write(out);
        System.out.println();
        System.out.println(report.markdown());
        System.out.println("Written: " + out.resolve("report.md") + " and " + out.resolve("report.json"));
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? System.getProperty(name, fallback) : v.trim();
    }

    /** The commit measured, with a mark when the tree has uncommitted changes. */
    static final class Git {
        static String head(Path root) {
            try {
                String head = run(root, "git", "rev-parse", "--short", "HEAD");
                String dirty = run(root, "git", "status", "--porcelain", "--untracked-files=no");
                return head + (dirty.isBlank() ? "" : " (with uncommitted changes)");
            } catch (Exception e) {
                return "unknown";
            }
        }

        private static String run(Path dir, String... command) throws Exception {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return out;
        }
    }
}
