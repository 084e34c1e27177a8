package fr.eterrain.local;

import fr.eterrain.core.Platform;
import fr.eterrain.core.access.Caller;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.log.Log;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code make api-key FED=06} (or {@code FED=HQ}): issues an API key and prints the bearer secret alone on stdout,
 * so scripts can capture it ({@code KEY=$(make -s api-key FED=06)}); the rest goes to stderr. Uses the `make run`
 * stack when it answers (on the ports PORT and the others name, as `make run` chose them); with {@code STAGE} set
 * to a deployed stage, the AWS account of the environment instead. A federation the registry does not know gets
 * no key.
 */
public final class ApiKeyCli {
    private ApiKeyCli() {
    }

    public static void main(String[] args) {
        Log.redirect(System.err);
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** @return the exit code: 0 issued, 1 refused or no stack, 2 usage */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length != 1 || args[0].isBlank()) {
            err.println("usage: make api-key FED=<federation id, e.g. 06, 2A, FFE> or FED=HQ");
            return 2;
        }
        String scope = args[0].trim().toUpperCase(Locale.ROOT);
        Settings settings = settings(env).orElse(null);
        if (settings == null) {
            StackOptions expected = StackOptions.forRun(env);
            err.println("No local stack answers on PORT=" + expected.apiPort() + " (events " + expected.eventsPort()
                    + ", DynamoDB " + expected.dynamoPort() + "): start it with `make run`, or give the PORT it runs on "
                    + "(e.g. make api-key FED=" + scope + " PORT=3200); STAGE names no deployed stage.");
            return 1;
        }
        Platform platform = new Platform(settings);
        if (!scope.equals(Caller.HQ) && platform.federations().find(scope).isEmpty()) {
            err.println("No federation " + scope.replaceAll("[^0-9A-Z]", "?") + " on stage " + settings.stage()
                    + ": no key issued. Federation ids are like 06, 2A, 971, FFE (or FED=HQ).");
            return 1;
        }
        var key = platform.apiKeys().issue(scope, "make api-key", "cli");
        err.println("key " + key.keyId() + " for " + scope + " on stage " + settings.stage()
                + " (shown once; revoke with DELETE /v1/api-keys/" + key.keyId() + ")");
        out.println(key.secret());
        return 0;
    }

    private static Optional<Settings> settings(Map<String, String> env) {
        String stage = env.get("STAGE");
        if (stage != null && !stage.isBlank() && !stage.equals("local")) {
            return Optional.of(Settings.of(env));
        }
        return RunningStack.find(env);
    }
}
