package fr.eterrain.bench;

import fr.eterrain.core.Platform;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.mail.EmailMessage;
import fr.eterrain.core.mail.Mailer;
import fr.eterrain.core.newsletters.Newsletter;
import fr.eterrain.core.newsletters.Recipient;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.util.Map;

/**
 * A newsletter to {@code RECIPIENTS} people (100,000) through the real dispatcher, DynamoDB Local and an SES sink
 * that answers as fast as it can; beside it, the sink's ceiling: a bare loop of the same SES call on one thread.
 * Then the same dispatcher held to a configured send rate, against that rate.
 */
final class DispatchBench implements Measurement {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Override
    public String name() {
        return "dispatch";
    }

    @Override
    public void run(BenchContext context, Report report) throws Exception {
        int n = context.recipients();
        try (SesSink sink = new SesSink()) {
            Settings unlimited = context.settings().with(Map.of("AWS_ENDPOINT_URL_SESV2", sink.url(),
                    // One dispatcher run does it all here; in Lambda it hands over every 13 minutes.
                    "DISPATCH_BUDGET", "PT2H", "SES_MAX_SEND_RATE", "1000000"));
            Platform platform = new Platform(unlimited, Clock.systemUTC());

            long t = System.nanoTime();
            Campaigns.seed(platform, "13", "bench", n);
            System.out.printf("   %d contacts seeded in %.1f s%n", n, (System.nanoTime() - t) / 1e9);

            String id = Campaigns.send(platform, "13", "bench");
            // Reference first, so the JIT has warmed the SES client for both.
            int bareCalls = Math.max(5_000, n / 5);
            Bare bare = bareLoop(platform, sink, platform.newsletters().find("13", id).orElseThrow(), bareCalls);
            System.out.printf("   bare loop: %d calls, %.0f/s, %.0f µs CPU each%n", bareCalls, bare.perSecond, bare.cpuMicros);

            sink.reset(0);
            CpuCountingThreads sendThreads = new CpuCountingThreads();
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            Campaigns.dispatch(platform.dispatcher(sendThreads), "13", id);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpuMicros = (THREADS.getCurrentThreadCpuTime() - cpu0 + sendThreads.cpuNanos()) / 1e3 / n;
            context.figures().put("dispatch.seconds.per.recipient", seconds / n);
            Newsletter sent = platform.newsletters().find("13", id).orElseThrow();
            System.out.printf("   dispatch: %d in %.1f s, %.0f µs CPU each%n", n, seconds, cpuMicros);

            Report.Section s = report.section("Dispatch: " + String.format("%,d", n).replace(',', ' ') + " recipients",
                    "One dispatcher run (as one Lambda invocation would; it sends up to DISPATCH_CONCURRENCY="
                            + platform.dispatchSettings().concurrency() + " recipients at once) sends a newsletter to " + n
                            + " confirmed contacts: it draws the audience from the federation's table, claims each recipient under"
                            + " a lease, renders the personalised email, calls SES v2 SendEmail and marks the recipient sent with"
                            + " the counter in one transaction. SES is a sink in this JVM that answers at once. Reference: the"
                            + " same SES call (same client, same rendered email) in a bare loop on one thread, " + bareCalls
                            + " times. CPU is the CPU time of the dispatcher's own threads (DynamoDB Local and the sink run on other threads"
                            + " of this JVM and share the machine's cores with it).");
            s.row("Throughput", n / seconds, "recipients/s", bare.perSecond, "bare SES loop", "end to end, audience drawing included");
            s.row("CPU per recipient", cpuMicros, "µs", bare.cpuMicros, "bare SES call", null);
            s.row("Received by the sink", sink.accepted(), "emails", (double) n, "recipients",
                    sink.distinctRecipients() + " distinct, " + sink.duplicates() + " duplicates");
            s.row("Counted sent by the newsletter", sent.getSent(), "recipients", (double) n, "recipients", null);
            s.row("Wall time", seconds, "s", bareCalls == n ? bare.seconds : null, null, null);
            if (sink.accepted() != n || sink.distinctRecipients() != n || sent.getSent() != n) {
                s.note("**Not exactly once**: " + sink.accepted() + " received for " + n + " recipients.");
            }

            rated(context, report, sink, n / seconds);
        }
    }

    private record Bare(double perSecond, double cpuMicros, double seconds) {
    }

    private static Bare bareLoop(Platform platform, SesSink sink, Newsletter nl, int calls) {
        Mailer mailer = platform.mailer();
        var federation = platform.federations().find("13").orElseThrow();
        EmailMessage message = platform.newsletterRenderer().render(federation, nl,
                new Recipient("c", "bare@example.org", "Camille", true));
        for (int i = 0; i < 500; i++) {
            mailer.send(message);
        }
        sink.reset(0);
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            mailer.send(new EmailMessage(message.from(), "bare-" + i + "@example.org", message.subject(), message.html(),
                    message.text(), message.headers()));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Bare(calls / seconds, (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e3 / calls, seconds);
    }

    /** Held to a rate below what it can do, the dispatcher should reach it without SES refusing a single call. */
    private static void rated(BenchContext context, Report report, SesSink sink, double unlimitedRate) throws Exception {
        int rate = (int) Math.max(10, Math.floor(unlimitedRate / 2 / 10) * 10);
        int seconds = 30;
        int n = rate * seconds;
        Settings limited = context.settings().with(Map.of("AWS_ENDPOINT_URL_SESV2", sink.url(), "DISPATCH_BUDGET", "PT2H",
                "SES_MAX_SEND_RATE", Integer.toString(rate)));
        Platform platform = new Platform(limited, Clock.systemUTC());
        Campaigns.seed(platform, "69", "rated", n);
        String id = Campaigns.send(platform, "69", "rated");
        sink.reset(rate);
        Campaigns.dispatch(platform, "69", id);
        double achieved = (sink.accepted() - 1) / sink.spanSeconds();
        System.out.printf("   rated: %d/s configured, %.1f/s achieved, %d throttled%n", rate, achieved, sink.throttled());
        report.section("Dispatch held to a configured rate", "SES_MAX_SEND_RATE=" + rate + " (half the unlimited"
                        + " throughput above, rounded down), " + n + " recipients (" + seconds + " s at that rate). The sink"
                        + " enforces the same maximum per one-second window, as SES does, and refuses any call beyond it with"
                        + " 429 TooManyRequestsException. Achieved = emails accepted ÷ time between the first and the last.")
                .row("Achieved rate", achieved, "emails/s", (double) rate, "configured", "target ≥ 0.95")
                .row("Throttling errors", sink.throttled(), "calls", null, null, "target 0")
                .row("Received", sink.accepted(), "emails", (double) n, "recipients",
                        sink.distinctRecipients() + " distinct, " + sink.duplicates() + " duplicates");
    }
}
