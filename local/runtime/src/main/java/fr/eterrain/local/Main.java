package fr.eterrain.local;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code make run}: the platform on fixed ports, data kept in .local/ between runs, until Ctrl-C.
 * Ports: PORT (API, 3000), EVENTS_PORT (3001), SES_PORT (8005), DYNAMODB_PORT (8000), S3_PORT (8001); with PORT
 * set, the others follow it (see {@link StackOptions#forRun}). Everything listens on 127.0.0.1 only.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        StackOptions options = StackOptions.forRun(System.getenv());
        String busy = busyPorts(options);
        if (!busy.isEmpty()) {
            System.err.println("Port(s) already in use: " + busy + ". Is `make run` already running? "
                    + "Stop it, or choose other ports (PORT, EVENTS_PORT, SES_PORT, DYNAMODB_PORT, S3_PORT).");
            System.exit(1);
        }
        LocalPlatform platform;
        try {
            platform = LocalPlatform.start(options);
        } catch (RuntimeException e) {
            System.err.println("The local stack did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Console.info("stopping");
            platform.close();
        }, "local-platform-shutdown"));
        System.out.println();
        System.out.println("  e-terrain is running (stage " + options.stage() + ")");
        System.out.println("  API ready  " + platform.apiUrl() + "   e.g. curl " + platform.apiUrl() + "/v1/federations");
        platform.settings().endpoint(Emulators.SES).ifPresent(ses ->
                System.out.println("  SES inbox  " + ses.toString().replace(Ports.HOST, "localhost")));
        System.out.println("  Data       " + options.dataDir() + " (make clean-local to start afresh)");
        System.out.println("  Logs       " + options.logDir());
        System.out.println("  API key    make api-key FED=06   (or FED=HQ)");
        System.out.println("  Console    " + platform.apiUrl() + "/   (sign in with a code: it arrives in the SES inbox)");
        System.out.println("  Ctrl-C to stop");
        System.out.println();
        new CountDownLatch(1).await();
    }

    /** Ports we would listen on that something already uses (emulators replaced by the environment excluded). */
    private static String busyPorts(StackOptions options) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("PORT", options.apiPort());
        ports.put("EVENTS_PORT", options.eventsPort());
        Emulators.Config config = options.emulatorConfig();
        if (!config.external(Emulators.SES)) {
            ports.put("SES_PORT", options.sesPort());
        }
        if (!config.external(Emulators.DYNAMODB)) {
            ports.put("DYNAMODB_PORT", options.dynamoPort());
        }
        if (!config.external(Emulators.S3)) {
            ports.put("S3_PORT", options.s3Port());
        }
        StringBuilder busy = new StringBuilder();
        ports.forEach((name, port) -> {
            if (Ports.isOpen(port)) {
                busy.append(busy.isEmpty() ? "" : ", ").append(name).append('=').append(port);
            }
        });
        return busy.toString();
    }
}
