package fr.eterrain.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How to run the local stack. Ports 0 mean free ones; a null dataDir keeps everything in memory.
 *
 * @param environment passed through to the functions' settings (secrets, LocalStack endpoints, MAIL_DOMAIN…)
 * @param overrides   settings that win over everything, for tests that need a particular value
 * @param retryDelay  pause before the n-th retry of a failed event delivery is n times this
 */
public record StackOptions(Path projectRoot, String stage, Path dataDir, Path logDir,
                           int apiPort, int eventsPort, int sesPort, int dynamoPort, int s3Port,
                           Map<String, String> environment, Map<String, String> overrides, Duration retryDelay) {

    /**
     * `make run`: fixed ports, data kept under .local/ at the project root. Without {@code PORT}: API 3000, events
     * 3001, DynamoDB Local 8000, s3proxy 8001, SES emulator 8005. With {@code PORT} set, every port not set follows
     * it (events +1, DynamoDB +2, S3 +3, SES +5), so a second stack given only its own PORT collides with nothing.
     */
    public static StackOptions forRun(Map<String, String> env) {
        Path root = ProjectRoot.find();
        int api = port(env, "PORT", 3000);
        boolean derived = env.get("PORT") != null && !env.get("PORT").isBlank();
        return new StackOptions(root, "local", root.resolve(".local"), root.resolve(".local/logs"),
                api, port(env, "EVENTS_PORT", derived ? api + 1 : 3001), port(env, "SES_PORT", derived ? api + 5 : 8005),
                port(env, "DYNAMODB_PORT", derived ? api + 2 : 8000), port(env, "S3_PORT", derived ? api + 3 : 8001),
                Map.copyOf(env), Map.of(), Duration.ofSeconds(1));
    }

    /**
     * Tests: stage test, free ports, in memory. Only the endpoint variables of the environment pass through
     * (to run against LocalStack), so a developer's shell cannot change test results.
     */
    public static StackOptions forTests() {
        Map<String, String> passed = new HashMap<>();
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("AWS_ENDPOINT_URL") && !name.equals("AWS_ENDPOINT_URL_EVENTBRIDGE")) {
                passed.put(name, value);
            }
        });
        return inMemory("test", passed, Duration.ofMillis(100));
    }

    /** A throw-away stack: free ports, nothing kept. */
    public static StackOptions inMemory(String stage, Map<String, String> environment, Duration retryDelay) {
        Path root = ProjectRoot.find();
        return new StackOptions(root, stage, null, root.resolve("local/runtime/target/local-logs"),
                0, 0, 0, 0, 0, Map.copyOf(environment), Map.of(), retryDelay);
    }

    /** What the emulators need to know. */
    public Emulators.Config emulatorConfig() {
        return new Emulators.Config(projectRoot, dataDir, logDir, dynamoPort, s3Port, sesPort, environment);
    }

    public StackOptions withOverrides(Map<String, String> more) {
        Map<String, String> merged = new HashMap<>(overrides);
        merged.putAll(more);
        return new StackOptions(projectRoot, stage, dataDir, logDir, apiPort, eventsPort, sesPort, dynamoPort, s3Port,
                environment, Map.copyOf(merged), retryDelay);
    }

    static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a port number: " + value);
        }
    }
}
