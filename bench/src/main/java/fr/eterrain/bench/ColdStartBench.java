package fr.eterrain.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.bench.probe.ColdStartProbe;
import fr.eterrain.bench.probe.HelloHandler;
import fr.eterrain.core.Platform;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.wiring.Wiring;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Cold start of every function of the wiring table: a fresh JVM started as Lambda's Java runtime starts one, from
 * the function's own deployable jar, until the first event is answered; beside the same for a hello-world handler
 * started exactly the same way. Also each deployable's size beside the hello-world one.
 *
 * <p>Each run is {@code java <Lambda's flags> -cp <deployable>.jar:bench-probe.jar ColdStartProbe <handler>
 * <event>} with a Lambda-like environment whose settings point at this run's emulators. The wall time is taken
 * here, from just before the process starts to the moment its {@code ANSWERED} line is read. Every function runs
 * {@code COLDSTART_RUNS} times (3 by default), each time next to a hello-world run with the same flags, memory and
 * environment, the order alternating, so that machine noise hits both; medians are reported.
 */
final class ColdStartBench implements Measurement {
    static final String TITLE = "Cold start (fresh JVM, first answered event)";

    /**
     * The JVM options of Lambda's managed Java runtime, as its bootstrap passes them (seen on java17, 2024):
     * MaxHeapSize at 85 % of the function's memory, then these. Tiered compilation stops at C1 by default on
     * java17, java21 and, without SnapStart or provisioned concurrency, java25. Lambda's {@code -Xshare:on} uses
     * its own CDS archive of the runtime; here {@code -Xshare:auto} uses the JDK's default archive. Left out: the
     * Log4Shell hot-patch agent and the runtime interface client's own options.
     */
    static final List<String> LAMBDA_JVM_FLAGS = List.of("-XX:+UseSerialGC", "-Xshare:auto", "-XX:+TieredCompilation",
            "-XX:TieredStopAtLevel=1", "--add-opens=java.base/java.io=ALL-UNNAMED", "-Djava.net.preferIPv4Stack=true",
            "-XX:+ErrorFileToStderr");

    /** The settings the functions read (fr.eterrain.core), passed as environment variables when set in the run. */
    static final List<String> SETTINGS = List.of("STAGE", "TABLE_PREFIX", "PUBLIC_BASE_URL", "EVENT_BUS_NAME",
            "MAIL_DOMAIN", "SES_CONFIGURATION_SET", "CONTENT_BUCKET", "AWS_REGION", "AWS_DEFAULT_REGION",
            "TOKEN_KEYS", "HASH_KEY", "DATA_KEY", "SECRETS_ARN", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
            "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL_SESV2",
            "AWS_ENDPOINT_URL_EVENTBRIDGE", "AWS_ENDPOINT_URL_SECRETS_MANAGER", "AWS_CALL_TIMEOUT_SECONDS",
            "S3_CALL_TIMEOUT_SECONDS", "SES_MAX_SEND_RATE", "STATS_SITE_ORIGINS", "SIGNUP_SOURCE_LIMIT",
            "SIGNUP_SOURCE_WINDOW", "DISPATCH_BUDGET", "DISPATCH_LEASE", "DISPATCH_RECONCILE_AFTER",
            "CONTENT_PART_MB", "CONTENT_MULTIPART_MB");

    /** Where a function's first sample is a refusal by design, the sample of its main path instead. */
    static final Map<String, String> MAIN_PATH_SAMPLES = Map.of("auth", "auth-sign-in.json");

    /** The samples' placeholder key: protected routes refuse it with 401 before doing their work. */
    static final String SAMPLE_BEARER = "Bearer et_sample_key";

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final double MIB = 1024.0 * 1024.0;

    @Override
    public String name() {
        return "coldstart";
    }

    @Override
    public void run(BenchContext context, Report report) throws Exception {
        int runs = Math.max(1, Integer.parseInt(Bench.env("COLDSTART_RUNS", "3")));
        Path root = context.root();
        Wiring wiring = Wiring.load();
        Map<String, Path> samples = samplePerFunction(wiring, root.resolve("events"));
        Path probeTarget = root.resolve("bench/probe/target");
        Path probeJar = newest(probeTarget, "bench-probe-", ".jar").orElse(null);
        Path helloJar = newest(probeTarget, "bench-probe-", "-lambda.jar").orElse(null);
        Report.Section section = report.section(TITLE, method(runs));
        if (probeJar == null || helloJar == null) {
            section.note("ERROR: no probe jar in " + probeTarget + " (build with `make bench`, which packages bench/probe).");
            return;
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");

        // Functions in name order, each with its jar and sample; those lacking one get an error row, not a run.
        Map<String, Target> targets = new TreeMap<>();
        Map<String, String> errors = new TreeMap<>();
        // COLDSTART_FUNCTIONS=pixel,redirect narrows a run to those functions (all of them by default).
        Set<String> only = Set.of(Bench.env("COLDSTART_FUNCTIONS", "").split(","));
        for (Wiring.FunctionSpec spec : new TreeMap<>(wiring.functions()).values()) {
            if (!only.equals(Set.of("")) && !only.contains(spec.name())) {
                continue;
            }
            Optional<Path> jar = functionJar(root, spec);
            Path sample = MAIN_PATH_SAMPLES.containsKey(spec.name())
                    ? root.resolve("events").resolve(MAIN_PATH_SAMPLES.get(spec.name())) : samples.get(spec.name());
            if (jar.isEmpty()) {
                errors.put(spec.name(), "no deployable: " + spec.module() + "/target/" + spec.name() + "-*-lambda.jar missing");
            } else if (sample == null) {
                errors.put(spec.name(), "no sample in events/");
            } else {
                targets.put(spec.name(), new Target(spec, jar.get(), sample, sample));
            }
        }

        Path events = Files.createTempDirectory("coldstart-events");
        try {
            withRealKey(targets, events, new Platform(context.settings()).apiKeys()
                    .issue("HQ", "coldstart bench", "bench").secret());
            withMainPathEvents(context, targets, events);
            measure(context, report, section, runs, java, probeJar, helloJar, targets, errors);
        } finally {
            try (Stream<Path> files = Files.list(events)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(events);
        }

        double helloMiB = Files.size(helloJar) / MIB;
        for (Wiring.FunctionSpec spec : new TreeMap<>(wiring.functions()).values()) {
            Optional<Path> jar = functionJar(root, spec);
            if (jar.isPresent()) {
                section.row(spec.name() + " deployable", Files.size(jar.get()) / MIB, "MiB", helloMiB, "hello-world jar",
                        jar.get().getFileName().toString());
            }
        }
        section.note(notes(runs, helloJar));
    }

    /**
     * Points each target whose sample carries the placeholder key at a copy with a real HQ key of this run, so
     * that protected routes run past authentication (HQ keys are accepted on federation routes too).
     */
    static void withRealKey(Map<String, Target> targets, Path dir, String secret) throws IOException {
        for (Map.Entry<String, Target> e : targets.entrySet()) {
            Target t = e.getValue();
            String text = Files.readString(t.sample());
            if (text.contains(SAMPLE_BEARER)) {
                Path copy = Files.writeString(dir.resolve(t.sample().getFileName()), text.replace(SAMPLE_BEARER, "Bearer " + secret));
                e.setValue(new Target(t.spec(), t.jar(), t.sample(), copy));
            }
        }
    }

    /**
     * The samples that would be refused here, replaced by requests that succeed through the function's main path:
     * the forged tokens of the pixel, the redirect, the confirmation page and the unsubscribe link by real ones (a
     * newsletter sent in this run, with a link), the contact history's id by a recipient's, the
     * signup form's development token by one signed with this run's keys.
     */
    static void withMainPathEvents(BenchContext context, Map<String, Target> targets, Path dir) throws Exception {
        boolean needsCampaign = List.of("pixel", "redirect", "confirm", "unsubscribe", "contacts").stream().anyMatch(targets::containsKey);
        if (needsCampaign) {
            try (SesSink sink = new SesSink()) {
                Platform platform = new Platform(context.settings().with(Map.of("AWS_ENDPOINT_URL_SESV2", sink.url())));
                Campaign campaign = Campaign.sent(platform, "34", "coldstart", 3);
                String contact = campaign.contacts().get(0);
                rewrite(targets, dir, "pixel", sample -> TrackingBench.withToken(sample,
                        "/v1/o/", TrackingBench.token(platform.trackingLinks().pixel("34", campaign.id(), contact))));
                rewrite(targets, dir, "redirect", sample -> TrackingBench.withToken(sample,
                        "/v1/c/", TrackingBench.token(platform.trackingLinks().click("34", campaign.id(), contact, 0))));
                // The confirmation page of a request since superseded: token checked, contact read and decrypted, page.
                rewrite(targets, dir, "confirm", sample -> withQueryToken(sample,
                        platform.links().confirm("34", campaign.contacts().get(1), "coldstart")));
                // A recipient's one-click unsubscribe (the first run unsubscribes, the others find it done).
                rewrite(targets, dir, "unsubscribe", sample -> withQueryToken(sample,
                        platform.links().unsubscribe("34", campaign.contacts().get(2))));
                rewrite(targets, dir, "contacts", sample -> withPath(sample, "/v1/federations/34/contacts/" + contact + "/history",
                        Map.of("fed", "34", "id", contact)));
            }
        }
        rewrite(targets, dir, "signup", sample -> {
            ObjectNode event = sample.deepCopy();
            String token = new Platform(context.settings()).signupForms().token("06");
            event.put("body", event.path("body").asText().replaceAll("formToken=[^&]*", "formToken=" + token));
            return event;
        });
    }

    private static void rewrite(Map<String, Target> targets, Path dir, String function,
                                java.util.function.UnaryOperator<JsonNode> change) throws IOException {
        Target t = targets.get(function);
        if (t != null) {
            targets.put(function, rewritten(t, dir, change.apply(Json.parse(Files.readString(t.event())))));
        }
    }

    /** The sample with the {@code t} of a link we email (its query string and its parameters). */
    static JsonNode withQueryToken(JsonNode sample, String link) {
        String t = java.net.URLDecoder.decode(link.replaceFirst(".*[?&]t=([^&]*).*", "$1"), java.nio.charset.StandardCharsets.UTF_8);
        ObjectNode event = sample.deepCopy();
        event.remove("_comment");
        event.put("rawQueryString", "t=" + java.net.URLEncoder.encode(t, java.nio.charset.StandardCharsets.UTF_8));
        event.putObject("queryStringParameters").put("t", t);
        return event;
    }

    static JsonNode withPath(JsonNode sample, String path, Map<String, String> parameters) {
        ObjectNode event = sample.deepCopy();
        event.remove("_comment");
        event.put("rawPath", path);
        ObjectNode params = event.putObject("pathParameters");
        parameters.forEach(params::put);
        ((ObjectNode) event.path("requestContext").path("http")).put("path", path);
        return event;
    }

    private static Target rewritten(Target t, Path dir, JsonNode event) throws IOException {
        Path copy = Files.writeString(dir.resolve("main-path-" + t.sample().getFileName()), Json.write(event));
        return new Target(t.spec(), t.jar(), t.sample(), copy);
    }

    private static void measure(BenchContext context, Report report, Report.Section section, int runs, Path java, Path probeJar,
                                Path helloJar, Map<String, Target> targets, Map<String, String> errors)
            throws IOException, InterruptedException {
        Map<String, String> environmentBase = settingsEnvironment(context.settings());
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Map<String, Samples> function = new LinkedHashMap<>();
        Map<String, Samples> hello = new LinkedHashMap<>();
        Map<String, Samples> init = new LinkedHashMap<>();
        Map<String, Samples> invoke = new LinkedHashMap<>();
        Map<String, Integer> statuses = new TreeMap<>();
        Samples helloAll = new Samples();
        String helloError = null;
        // Round 0 is not timed: it brings the JDK and the jars into the page cache, and the emulators (some in
        // this JVM) through their own first calls of each kind, which a Lambda calling AWS does not pay for.
        for (int r = 0; r <= runs; r++) {
            for (Target t : targets.values()) {
                String name = t.spec().name();
                if (errors.containsKey(name)) {
                    continue; // failed once: reported, not retried
                }
                Run fn = null;
                Run ref = null;
                for (int k = 0; k < 2; k++) {
                    // Alternate which of the pair starts first, so that neither always follows the other.
                    if ((k == 0) == (r % 2 == 0)) {
                        ref = probe(java, t, helloJar, probeJar, HelloHandler.class.getName(), environmentBase);
                    } else {
                        fn = probe(java, t, t.jar(), probeJar, t.spec().handler(), environmentBase);
                    }
                }
                if (ref.error() != null) {
                    helloError = helloError != null ? helloError : ref.error();
                } else if (r > 0) {
                    hello.computeIfAbsent(name, n -> new Samples()).add(ref.wallNanos());
                    helloAll.add(ref.wallNanos());
                }
                if (fn.error() != null) {
                    errors.put(name, fn.error());
                    System.out.printf("coldstart %-20s ERROR %s%n", name, fn.error());
                    continue;
                }
                System.out.printf(Locale.ROOT, "coldstart %-20s %s: %6.0f ms (hello-world %4.0f ms) %s%n", name,
                        r == 0 ? "warm-up" : "run " + r + "/" + runs, fn.wallNanos() / 1e6,
                        ref.error() == null ? ref.wallNanos() / 1e6 : Double.NaN, fn.answer().line());
                if (r == 0) {
                    continue;
                }
                function.computeIfAbsent(name, n -> new Samples()).add(fn.wallNanos());
                init.computeIfAbsent(name, n -> new Samples()).add(Math.round(fn.answer().initMs() * 1e6));
                invoke.computeIfAbsent(name, n -> new Samples()).add(Math.round(fn.answer().invokeMs() * 1e6));
                statuses.put(name, fn.answer().status());
            }
        }

        for (Target t : targets.values()) {
            String name = t.spec().name();
            if (errors.containsKey(name) || !function.containsKey(name)) {
                continue;
            }
            Samples h = hello.get(name);
            int status = statuses.get(name);
            section.row(name, function.get(name).medianMillis(), "ms", h == null ? null : h.medianMillis(),
                    "hello-world", String.format(Locale.ROOT, "of which init %.0f ms, first invocation %.0f ms; %s → %s",
                            init.get(name).medianMillis(), invoke.get(name).medianMillis(),
                            t.sample().getFileName(), status < 0 ? "answered" : String.valueOf(status)));
        }
        errors.forEach((name, error) -> section.row(name + " — ERROR", 0, "ms", null, null, cell(error)));
        primedAndTargets(report, runs, java, probeJar, targets, errors, function, hello, environmentBase);
        if (helloAll.size() > 0) {
            section.row("hello-world (all runs)", helloAll.medianMillis(), "ms", null, null,
                    helloAll.size() + " runs; the reference of each row above is the median of its own paired runs");
        }
        if (helloError != null) {
            section.note("ERROR: the hello-world reference failed at least once: " + cell(helloError));
        }
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        if (loadBefore >= 0) {
            section.note(String.format(Locale.ROOT, "Machine load while measuring: 1-minute load average %.1f before,"
                    + " %.1f after, on %d cores (every start is a single JVM; a load above the core count means other"
                    + " work shared the CPU, which lengthens both columns and blurs the ratios).", loadBefore, loadAfter,
                    Runtime.getRuntime().availableProcessors()));
        }
    }

    /** Issue 15's targets: pixel and redirect within 3× hello-world and 6 MiB, every other within 6× and 12 MiB. */
    static boolean publicLink(String function) {
        return function.equals("pixel") || function.equals("redirect");
    }

    /**
     * The first answer after a SnapStart-style priming (the function's CRaC hooks run in a fresh JVM, then its sample
     * timed), beside the same container's warm answer; then every target of issue 15 that this section measures,
     * each beside its target.
     */
    private static void primedAndTargets(Report report, int runs, Path java, Path probeJar, Map<String, Target> targets,
                                         Map<String, String> errors, Map<String, Samples> function,
                                         Map<String, Samples> hello, Map<String, String> environment)
            throws IOException, InterruptedException {
        Report.Section primed = report.section("First answer after SnapStart-style priming",
                "For each function, a fresh JVM started as above runs the function's CRaC hooks in-process (the"
                        + " org.crac global context's beforeCheckpoint, then afterRestore: fr.eterrain.core.aws.Priming runs"
                        + " the handler once on a harmless request and reads a missing key through each DynamoDB client, then"
                        + " reseeds the random sources), as the local stand-in for a snapshot and a restore; then the function's"
                        + " sample is timed once (first answer) and " + 9 + " more times in the same JVM (warm: their median)."
                        + " With SnapStart Lambda also keeps C2; these runs keep Lambda's TieredStopAtLevel=1, which makes"
                        + " the warm figure slower, not the ratio better. Target: first ≤ 3× warm.");
        Map<String, Double> primedRatio = new TreeMap<>();
        for (Target t : targets.values()) {
            String name = t.spec().name();
            if (errors.containsKey(name)) {
                continue;
            }
            Run run = probe(java, t, t.jar(), probeJar, t.spec().handler(), environment, true);
            if (run.error() != null || run.answer().warmMs() < 0) {
                primed.row(name + " — ERROR", 0, "ms", null, null, cell(String.valueOf(run.error())));
                continue;
            }
            ColdStartProbe.Answer a = run.answer();
            // A warm answer under the probe's 0.1 ms resolution (a tick with nothing to send) counts as 0.1 ms.
            double warm = Math.max(a.warmMs(), 0.1);
            double ratio = a.invokeMs() / warm;
            primedRatio.put(name, ratio);
            System.out.printf(Locale.ROOT, "primed    %-20s first %6.1f ms, warm %6.1f ms (priming %5.0f ms)%n", name,
                    a.invokeMs(), a.warmMs(), a.primeMs());
            primed.row(name, a.invokeMs(), "ms", warm, "warm", String.format(Locale.ROOT,
                    "priming took %.0f ms; %s → %s; target ≤ 3×: %s", a.primeMs(), t.sample().getFileName(),
                    a.status() < 0 ? "answered" : String.valueOf(a.status()), ratio <= 3 ? "met" : "MISSED"));
        }

        Report.Section goals = report.section("Targets of issue 15 measured here (lean functions)",
                "Each measured figure beside its target, from the two sections above and the deployables' sizes (the"
                        + " tracking and capacity sections carry their own target rows). Ratio = figure ÷ target: ≤ 1 is met.");
        for (Target t : targets.values()) {
            String name = t.spec().name();
            boolean link = publicLink(name);
            double sizeTarget = link ? 6 : 12;
            double size = Files.size(t.jar()) / MIB;
            goals.row(name + ": deployable", size, "MiB", sizeTarget, "target", size <= sizeTarget ? "met" : "MISSED");
            if (function.containsKey(name) && hello.containsKey(name)) {
                double ratio = function.get(name).medianMillis() / hello.get(name).medianMillis();
                double target = link ? 3 : 6;
                goals.row(name + ": cold start ÷ hello-world", ratio, "×", target, "target", ratio <= target ? "met" : "MISSED");
            }
            if (primedRatio.containsKey(name)) {
                double ratio = primedRatio.get(name);
                goals.row(name + ": first answer after priming ÷ warm", ratio, "×", 3.0, "target", ratio <= 3 ? "met" : "MISSED");
            }
        }
    }

    private static String method(int runs) {
        return "For each function of functions/wiring.json, a fresh JVM (`java` of this run, " + Runtime.version().feature()
                + ") is started as Lambda's managed Java runtime starts one: `java -XX:MaxHeapSize=<85 % of the function's"
                + " memory> " + String.join(" ", LAMBDA_JVM_FLAGS) + " -cp <function>-lambda.jar:bench-probe.jar"
                + " ColdStartProbe <handler> <sample event>`, with a Lambda-like environment (AWS_LAMBDA_FUNCTION_NAME,"
                + " AWS_LAMBDA_FUNCTION_MEMORY_SIZE, AWS_EXECUTION_ENV, TZ, _HANDLER…) and the settings of this run's"
                + " stack (stage bench: table prefix, event bus, public URL, keys, AWS_ENDPOINT_URL_* of the emulators)."
                + " The probe constructs the handler with its public no-arg constructor, as Lambda does (so it reads its"
                + " settings from the environment), hands it the function's first sample of events/ (alphabetically)"
                + " once (its placeholder bearer replaced by an HQ key issued for this run, so that protected routes run past"
                + " authentication; the forged tokens of the pixel, the redirect, the confirmation page and the unsubscribe"
                + " link by real ones of a newsletter sent in this run, the contact history's id by one of its recipients, the"
                + " signup form's token by one signed with this run's keys, auth's sample by its sign-in request, so that"
                + " these run their main path; the status of each answer is in its row), and prints `ANSWERED init_ms=… invoke_ms=… status=…`. The figure is the wall time measured by"
                + " the parent, from process start to that line: JVM start, class loading, construction, and the first"
                + " invocation with its first AWS client calls. Median of " + runs + " runs (COLDSTART_RUNS), after one untimed"
                + " round (page cache, the emulators' own first calls). Reference:"
                + " HelloHandler (a stream handler answering a constant payload 2.0 response, nothing but"
                + " aws-lambda-java-core) started exactly the same way, with the same flags, memory, environment and event,"
                + " each run paired with one of the function's, the order alternating. A 4xx answer counts as answered"
                + " (the samples are not all valid requests); a 5xx, an exception or no ANSWERED line within "
                + TIMEOUT.toSeconds() + " s is an ERROR row.";
    }

    private static String notes(int runs, Path helloJar) {
        return "Notes. (1) Production uses SnapStart (infra/: Java 25, SnapStart on published versions): a cold start"
                + " there restores a snapshot taken after init, so JVM start, class loading and construction are mostly"
                + " gone and real cold starts are shorter than these; with SnapStart Lambda also keeps the JVM's default"
                + " tiered compilation (C2), which matters for the invocations after the restore, not for this figure."
                + " These figures are what a version without SnapStart (or the first start before a snapshot) costs."
                + " (2) The first invocation's AWS calls go to the emulators over loopback (DynamoDB Local, s3proxy, the"
                + " SES emulator, the local event bus, some of them in the benchmark's own JVM), so they are faster than"
                + " calls to AWS from a Lambda; the emulators' own first-call costs are left in the untimed first round. In AWS"
                + " the keys come from Secrets Manager (TOKEN_KEYS_ARN, HASH_KEY_ARN, DATA_KEY_ARN), one direct call each at init; here they are environment"
                + " variables. (3) Lambda extracts the jar into /var/task and gives a 1 GiB function about 0.6 vCPU;"
                + " here the JVM reads the jar itself and has every core of this machine, so absolute figures are lower"
                + " than in Lambda; the ratio to hello-world is the figure to follow. (4) Deployable: the shaded"
                + " <function>-0.1.0-SNAPSHOT-lambda.jar uploaded by infra/; the hello-world one is "
                + helloJar.getFileName() + " (HelloHandler and aws-lambda-java-core, shaded the same way; the probe"
                + " classes are left out of it), i.e. the smallest Java deployable there is.";
    }

    /**
     * A function with what it runs from.
     *
     * @param sample the sample of events/ it answers
     * @param event  the file handed to it: the sample, or a copy with a real key
     */
    record Target(Wiring.FunctionSpec spec, Path jar, Path sample, Path event) {
    }

    /** One probe run: the wall time to its ANSWERED line, or why there was none. */
    record Run(long wallNanos, ColdStartProbe.Answer answer, String error) {
    }

    private static Run probe(Path java, Target t, Path deployable, Path probeJar, String handler,
                             Map<String, String> settings) throws IOException, InterruptedException {
        return probe(java, t, deployable, probeJar, handler, settings, false);
    }

    private static Run probe(Path java, Target t, Path deployable, Path probeJar, String handler,
                             Map<String, String> settings, boolean primed) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add("-XX:MaxHeapSize=" + heapKiB(t.spec().memoryMb()) + "k");
        command.addAll(LAMBDA_JVM_FLAGS);
        // COLDSTART_JVM_OPTIONS: extra flags for a diagnosis (say -Xlog:class+load:file=/tmp/cl-%p.txt), never in a
        // figure that is reported.
        for (String flag : Bench.env("COLDSTART_JVM_OPTIONS", "").split(" ")) {
            if (!flag.isBlank()) {
                command.add(flag);
            }
        }
        command.add("-cp");
        command.add(deployable + File.pathSeparator + probeJar);
        command.add(ColdStartProbe.class.getName());
        command.add(handler);
        command.add(t.event().toString());
        if (primed) {
            command.add(ColdStartProbe.PRIMED);
        }
        return run(command, lambdaEnvironment(settings, t.spec(), handler));
    }

    /** 85 % of the function's memory, in KiB, as Lambda's Java runtime sets MaxHeapSize. */
    static long heapKiB(int memoryMb) {
        return Math.round(memoryMb * 1024 * 0.85);
    }

    /** Starts the command and waits for its ANSWERED (or FAILED) line; always leaves the process ended. */
    static Run run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        BlockingQueue<Object[]> lines = new LinkedBlockingQueue<>();
        long start = System.nanoTime();
        Process process = builder.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(new Object[] {System.nanoTime(), line});
                }
            } catch (IOException e) {
                // the process went away: the end marker below says so
            }
            lines.add(new Object[] {System.nanoTime(), null});
        }, "coldstart-reader");
        reader.setDaemon(true);
        reader.start();
        Deque<String> tail = new ArrayDeque<>();
        long deadline = start + TIMEOUT.toNanos();
        try {
            while (true) {
                Object[] item = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (item == null) {
                    return new Run(0, null, "no ANSWERED line within " + TIMEOUT.toSeconds() + " s" + lastLines(tail));
                }
                String line = (String) item[1];
                if (line == null) {
                    process.waitFor(5, TimeUnit.SECONDS);
                    return new Run(0, null, "exited" + (process.isAlive() ? "" : " with " + process.exitValue())
                            + " without an ANSWERED line" + lastLines(tail));
                }
                ColdStartProbe.Answer answer = ColdStartProbe.Answer.parse(line);
                if (answer != null) {
                    long wall = (long) item[0] - start;
                    return answer.status() >= 500
                            ? new Run(wall, answer, "answered " + answer.status() + lastLines(tail))
                            : new Run(wall, answer, null);
                }
                int failed = line.indexOf(ColdStartProbe.FAILED);
                if (failed >= 0) {
                    return new Run(0, null, line.substring(failed).trim());
                }
                tail.addLast(line);
                if (tail.size() > 6) {
                    tail.removeFirst();
                }
            }
        } finally {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static String lastLines(Deque<String> tail) {
        if (tail.isEmpty()) {
            return "";
        }
        String text = String.join(" ⏎ ", tail);
        return "; last output: " + (text.length() > 600 ? "…" + text.substring(text.length() - 600) : text);
    }

    /** Text that can stand in one Markdown table cell. */
    static String cell(String text) {
        return text.replace('|', '/').replace('\n', ' ').replace('\r', ' ');
    }

    /** What Lambda puts in a function's environment, plus the function's settings. */
    static Map<String, String> lambdaEnvironment(Map<String, String> settings, Wiring.FunctionSpec spec, String handler) {
        Map<String, String> env = new TreeMap<>();
        String path = System.getenv("PATH");
        env.put("PATH", path != null ? path : "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("_HANDLER", handler);
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java" + Runtime.version().feature());
        env.put("AWS_LAMBDA_FUNCTION_NAME", "eterrain-bench-" + spec.name());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(spec.memoryMb()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("COLDSTART_TIMEOUT_SECONDS", String.valueOf(spec.timeoutSeconds()));
        // Lambda's role credentials; the emulators take any.
        env.put("AWS_ACCESS_KEY_ID", "bench");
        env.put("AWS_SECRET_ACCESS_KEY", "bench");
        env.putAll(settings);
        env.putIfAbsent("AWS_DEFAULT_REGION", env.getOrDefault("AWS_REGION", "eu-west-3"));
        return env;
    }

    /** The settings of this run that the functions read, as environment variables (the Lambda way). */
    static Map<String, String> settingsEnvironment(Settings settings) {
        Map<String, String> env = new TreeMap<>();
        for (String name : SETTINGS) {
            settings.optional(name).ifPresent(value -> env.put(name, value));
        }
        env.putIfAbsent("AWS_REGION", settings.region());
        return env;
    }

    /**
     * The sample of each function: the first file of events/ (in name order) that maps to it, as
     * local/runtime's EventSamplesIT maps them ({@code _function}, else routeKey → route, else detail-type →
     * rule, else the first schedule).
     */
    static Map<String, Path> samplePerFunction(Wiring wiring, Path eventsDir) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(eventsDir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        Map<String, Path> samples = new TreeMap<>();
        for (Path file : files) {
            String function = functionOf(wiring, Json.parse(Files.readString(file)));
            if (function != null && wiring.functions().containsKey(function)) {
                samples.putIfAbsent(function, file);
            }
        }
        return samples;
    }

    static String functionOf(Wiring wiring, JsonNode event) {
        if (event.hasNonNull("_function")) {
            return event.get("_function").asText();
        }
        if (event.hasNonNull("routeKey")) {
            String routeKey = event.get("routeKey").asText();
            return wiring.routes().stream().filter(r -> r.routeKey().equals(routeKey)).map(Wiring.Route::function)
                    .findFirst().orElse(null);
        }
        if (event.hasNonNull("detail-type")) {
            String type = event.get("detail-type").asText();
            return wiring.rules().stream().filter(r -> r.detailType().contains(type)).map(Wiring.Rule::function)
                    .findFirst().orElse(null);
        }
        return wiring.schedules().isEmpty() ? null : wiring.schedules().get(0).function();
    }

    /** functions/&lt;name&gt;/target/&lt;name&gt;-&lt;version&gt;-lambda.jar (the module is named after the function). */
    static Optional<Path> functionJar(Path root, Wiring.FunctionSpec spec) throws IOException {
        return newest(root.resolve(spec.module()).resolve("target"), spec.name() + "-", "-lambda.jar");
    }

    /**
     * The newest file of {@code dir} named {@code prefix…suffix}; for a plain {@code .jar} suffix, classified jars
     * ({@code -lambda}, {@code -sources}, {@code -tests}) do not count.
     */
    static Optional<Path> newest(Path dir, String prefix, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> {
                String n = p.getFileName().toString();
                if (!n.startsWith(prefix) || !n.endsWith(suffix) || n.length() <= prefix.length() + suffix.length()) {
                    return false;
                }
                // What lies between is the version: "bench-probe-" must not take "bench-probe-extra-0.1.jar".
                String version = n.substring(prefix.length(), n.length() - suffix.length());
                boolean classified = version.endsWith("-lambda") || version.endsWith("-sources")
                        || version.endsWith("-tests") || version.endsWith("-javadoc");
                return Character.isDigit(version.charAt(0)) && !(suffix.equals(".jar") && classified);
            }).max(Comparator.comparingLong(p -> p.toFile().lastModified()));
        }
    }
}
