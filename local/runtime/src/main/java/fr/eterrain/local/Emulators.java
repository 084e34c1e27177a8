package fr.eterrain.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * DynamoDB Local, s3proxy and the SES emulator, started together (in parallel: s3proxy's JVM is the slow one)
 * and stopped together, also when the JVM exits.
 *
 * <p>A service is not started when the environment already points the SDK elsewhere, with
 * {@code AWS_ENDPOINT_URL_<SERVICE>} or the general {@code AWS_ENDPOINT_URL}: e.g. with LocalStack running,
 * {@code AWS_ENDPOINT_URL=http://localhost:4566 make run} uses it for DynamoDB, S3 and SES and starts none of
 * the three. The functions then read those same variables through their settings.
 */
public final class Emulators implements AutoCloseable {
    /** Settings suffixes, as in {@code AWS_ENDPOINT_URL_<SUFFIX>}. */
    public static final String DYNAMODB = "DYNAMODB";
    public static final String S3 = "S3";
    public static final String SES = "SESV2";

    private final List<AutoCloseable> started = new ArrayList<>();
    private final Map<String, String> endpoints = new LinkedHashMap<>();
    private final Thread shutdownHook = new Thread(this::close, "emulators-shutdown");

    public record Config(Path projectRoot, Path dataDir, Path logDir, int dynamoPort, int s3Port, int sesPort,
                         Map<String, String> environment) {
        /** dataDir null: everything in memory (tests). Ports 0: free ones. */
        boolean external(String service) {
            return present(environment.get("AWS_ENDPOINT_URL_" + service)) || present(environment.get("AWS_ENDPOINT_URL"));
        }

        Path data(String name) {
            return dataDir == null ? null : dataDir.resolve(name);
        }

        private static boolean present(String value) {
            return value != null && !value.isBlank();
        }
    }

    private Emulators() {
    }

    public static Emulators start(Config config) {
        Emulators emulators = new Emulators();
        Runtime.getRuntime().addShutdownHook(emulators.shutdownHook);
        try {
            emulators.startAll(config);
            return emulators;
        } catch (RuntimeException e) {
            emulators.close();
            throw e;
        }
    }

    private void startAll(Config config) {
        // Own threads: on two cores the common pool has one, which would start the children one after the other.
        ExecutorService starters = Executors.newFixedThreadPool(2, new DaemonThreads("emulator-start"));
        try {
            startAll(config, starters);
        } finally {
            starters.shutdown();
        }
    }

    private void startAll(Config config, ExecutorService starters) {
        CompletableFuture<ChildProcess> s3 = null;
        CompletableFuture<SesEmulator> ses = null;
        int s3Port = Ports.orFree(config.s3Port());
        int sesPort = Ports.orFree(config.sesPort());
        if (!config.external(S3)) {
            s3 = CompletableFuture.supplyAsync(() ->
                    S3Proxy.start(s3Port, config.data("s3"), config.projectRoot(), config.logDir()), starters);
        }
        if (!config.external(SES)) {
            ses = CompletableFuture.supplyAsync(() ->
                    SesEmulator.start(sesPort, config.projectRoot(), config.logDir()), starters);
        }
        RuntimeException failure = null;
        try {
            if (!config.external(DYNAMODB)) {
                DynamoDbLocal dynamo = DynamoDbLocal.start(Ports.orFree(config.dynamoPort()), config.data("dynamodb"),
                        config.projectRoot());
                started.add(dynamo);
                endpoints.put(DYNAMODB, dynamo.url());
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        failure = collect(s3, S3, "http://" + Ports.HOST + ":" + s3Port, failure);
        failure = collect(ses, SES, "http://" + Ports.HOST + ":" + sesPort, failure);
        if (failure != null) {
            throw failure;
        }
    }

    /** Waits for one background start; keeps the first failure, closes whatever started anyway. */
    private RuntimeException collect(CompletableFuture<? extends AutoCloseable> future, String service, String url,
                                     RuntimeException failure) {
        if (future == null) {
            return failure;
        }
        try {
            started.add(future.join());
            endpoints.put(service, url);
            return failure;
        } catch (CompletionException e) {
            RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : e;
            return failure != null ? failure : cause;
        }
    }

    /** Endpoint of a service we started, empty when the environment's is used. */
    public Optional<String> endpoint(String service) {
        return Optional.ofNullable(endpoints.get(service));
    }

    /** Endpoints of the services we started, by settings suffix. */
    public Map<String, String> endpoints() {
        return Map.copyOf(endpoints);
    }

    @Override
    public synchronized void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("emulator did not stop cleanly: " + e.getMessage());
            }
        }
        started.clear();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // called from the hook itself
        }
    }
}
