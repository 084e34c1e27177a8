package fr.eterrain.local;

import fr.eterrain.core.Platform;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.log.Log;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code make api-key FED=06} (or {@code FED=HQ}): issues an API key and prints the bearer secret alone on stdout,
 * so scripts can capture it ({@code KEY=$(make -s api-key FED=06)}); the rest goes to stderr. Uses the `make run`
 * stack when it answers; with {@code STAGE} set to a deployed stage, the AWS account of the environment instead.
 */
public final class ApiKeyCli {
    private ApiKeyCli() {
    }

    public static void main(String[] args) {
        if (args.length != 1 || args[0].isBlank()) {
            System.err.println("usage: make api-key FED=<federation id, e.g. 06, 2A, FFE> or FED=HQ");
            System.exit(2);
        }
        String scope = args[0].trim().toUpperCase(Locale.ROOT);
        Log.redirect(System.err);
        Settings settings = settings().orElse(null);
        if (settings == null) {
            System.err.println("No local stack answers (start it with `make run`), and STAGE names no deployed stage.");
            System.exit(1);
            return;
        }
        var key = new Platform(settings).apiKeys().issue(scope, "make api-key", "cli");
        System.err.println("key " + key.keyId() + " for " + scope + " on stage " + settings.stage()
                + " (shown once; revoke with DELETE /v1/api-keys/" + key.keyId() + ")");
        System.out.println(key.secret());
    }

    private static Optional<Settings> settings() {
        String stage = System.getenv("STAGE");
        if (stage != null && !stage.isBlank() && !stage.equals("local")) {
            return Optional.of(Settings.fromEnvironment());
        }
        return RunningStack.find(System.getenv());
    }
}
