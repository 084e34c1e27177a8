package fr.eterrain.local;

import fr.eterrain.core.Platform;
import fr.eterrain.core.access.Caller;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.log.Log;
import fr.eterrain.core.people.Person;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code make invite FED=06 EMAIL=… [ROLE=coordinator]} and {@code make hq-admin EMAIL=…}: makes the person (active,
 * or updates their role) on the running local stack (or the deployed stage STAGE names), then mails them a sign-in
 * code, found in the local SES inbox. How the first people get in, before anyone can invite from the console.
 */
public final class PeopleCli {
    private PeopleCli() {
    }

    public static void main(String[] args) {
        Log.redirect(System.err);
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** args: HOME EMAIL [ROLE]; @return 0 done, 1 refused or no stack, 2 usage */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length < 2 || args[0].isBlank() || args[1].isBlank()) {
            err.println("usage: make invite FED=<federation id, e.g. 06> EMAIL=<address> [ROLE=coordinator|editor|e-militant]"
                    + "\n       make hq-admin EMAIL=<address>");
            return 2;
        }
        String home = args[0].trim().toUpperCase(Locale.ROOT);
        String email = args[1].trim();
        String role = args.length > 2 && !args[2].isBlank() ? args[2].trim() : Caller.HQ.equals(home) ? "hq-admin" : "coordinator";
        Settings settings = settings(env).orElse(null);
        if (settings == null) {
            StackOptions expected = StackOptions.forRun(env);
            err.println("No local stack answers on PORT=" + expected.apiPort() + ": start it with `make run`, or give the "
                    + "PORT it runs on (e.g. PORT=3200); STAGE names no deployed stage.");
            return 1;
        }
        Platform platform = new Platform(settings);
        if (!Caller.HQ.equals(home) && platform.federations().find(home).isEmpty()) {
            err.println("No federation " + home.replaceAll("[^0-9A-Z]", "?") + " on stage " + settings.stage()
                    + ". Federation ids are like 06, 2A, 971, FFE.");
            return 1;
        }
        Person person;
        try {
            person = platform.people().bootstrap(home, email, email.replaceAll("@.*", ""), role, "cli");
            platform.signIn().request(email, "cli");
        } catch (RuntimeException e) {
            err.println("Refused: " + e.getMessage());
            return 1;
        }
        out.println(person.id());
        err.println(person.role() + " " + person.id() + " of " + home + " is active on stage " + settings.stage() + ".");
        err.println("A sign-in code was mailed to " + person.email() + ": "
                + (env.containsKey("STAGE") && !"local".equals(env.get("STAGE")) ? "look in that mailbox."
                : "open the local SES inbox at http://localhost:" + StackOptions.forRun(env).sesPort()
                        + " , then sign in at " + settings.publicBaseUrl() + "/#/connexion (or POST /v1/sign-in/code)."));
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
