package fr.eterrain.local;

import fr.eterrain.core.config.Settings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The stack a `make run` started in another process, found by its ports answering. Settings are built as that
 * process built its functions' ({@link StackOptions#forRun}, {@link LocalSettings}), so a command run here
 * reads and writes the same tables and puts events on the same bus, whose targets run in that process.
 */
public final class RunningStack {
    private RunningStack() {
    }

    /** Empty when no `make run` stack answers on the expected ports. */
    public static Optional<Settings> find(Map<String, String> env) {
        StackOptions options = StackOptions.forRun(env);
        Emulators.Config config = options.emulatorConfig();
        Map<String, String> emulated = new LinkedHashMap<>();
        addIfEmulated(emulated, config, Emulators.DYNAMODB, options.dynamoPort());
        addIfEmulated(emulated, config, Emulators.S3, options.s3Port());
        addIfEmulated(emulated, config, Emulators.SES, options.sesPort());
        boolean dynamoUp = config.external(Emulators.DYNAMODB) || Ports.isOpen(options.dynamoPort());
        if (!Ports.isOpen(options.apiPort()) || !Ports.isOpen(options.eventsPort()) || !dynamoUp) {
            return Optional.empty();
        }
        return Optional.of(LocalSettings.build(options, emulated, "http://localhost:" + options.apiPort(),
                url(options.eventsPort())));
    }

    private static void addIfEmulated(Map<String, String> emulated, Emulators.Config config, String service, int port) {
        if (!config.external(service)) {
            emulated.put(service, url(port));
        }
    }

    private static String url(int port) {
        return "http://" + Ports.HOST + ":" + port;
    }
}
