package fr.eterrain.local;

import fr.eterrain.core.config.Settings;
import java.util.HashMap;
import java.util.Map;

/**
 * The settings every local function receives, as Lambda would get environment variables: the environment
 * passed through, then defaults for what it leaves out, then what the stack decides (stage, its own endpoints),
 * then explicit overrides.
 */
public final class LocalSettings {
    public static final String REGION = "eu-west-3";

    private LocalSettings() {
    }

    /** @param emulated endpoints of the emulators we run, by settings suffix ({@link Emulators#DYNAMODB}…) */
    public static Settings build(StackOptions options, Map<String, String> emulated, String apiUrl, String eventBusUrl) {
        Map<String, String> values = new HashMap<>(options.environment());
        values.putIfAbsent("AWS_REGION", REGION);
        values.putIfAbsent("PUBLIC_BASE_URL", apiUrl);
        values.putIfAbsent("EVENT_BUS_NAME", "eterrain-" + options.stage());
        values.putIfAbsent("MAIL_DOMAIN", "e-terrain.example");
        values.put("STAGE", options.stage());
        emulated.forEach((service, url) -> values.put("AWS_ENDPOINT_URL_" + service, url));
        // Even with LocalStack: only our bus can call the functions running in this JVM.
        values.put("AWS_ENDPOINT_URL_EVENTBRIDGE", eventBusUrl);
        values.putAll(options.overrides());
        return Settings.of(Map.copyOf(values));
    }

    /** Settings of the base stage, before the stack runs: enough to know names (bus, tables). */
    public static Settings preliminary(StackOptions options) {
        Map<String, String> values = new HashMap<>(options.environment());
        values.put("STAGE", options.stage());
        values.putAll(options.overrides());
        return Settings.of(Map.copyOf(values));
    }
}
