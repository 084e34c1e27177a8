package fr.eterrain.local;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.events.EventFunction;
import fr.eterrain.core.http.HttpFunction;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.log.Log;
import fr.eterrain.core.wiring.Wiring;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * {@code make invoke FN=<function> EVENT=events/<file>.json}: calls one function with an event file, as Lambda
 * would, and prints its response on stdout (the function's logs go to stderr). Against the `make run` stack when
 * one answers, else against a throw-away in-memory stack.
 */
public final class Invoke {
    private Invoke() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: Invoke <function> <event.json>   (make invoke FN=signup EVENT=events/signup.json)");
            System.exit(2);
        }
        String function = args[0];
        Wiring wiring = Wiring.load();
        if (!wiring.functions().containsKey(function)) {
            System.err.println("unknown function " + function + "; known: "
                    + String.join(", ", new TreeSet<>(wiring.functions().keySet())));
            System.exit(2);
        }
        JsonNode event = readEvent(Path.of(args[1]));
        Log.redirect(System.err);

        Optional<Settings> running = RunningStack.find(System.getenv());
        JsonNode result;
        if (running.isPresent()) {
            Console.info("using the running `make run` stack");
            result = invoke(new FunctionRegistry(wiring, running.get()), function, event);
        } else {
            Console.info("no `make run` stack answering: starting a temporary in-memory one");
            StackOptions options = StackOptions.inMemory("local", System.getenv(), Duration.ofSeconds(1));
            try (LocalPlatform platform = LocalPlatform.start(options)) {
                result = invoke(platform.functions(), function, event);
                // Events the function put on the bus run too, as they would in AWS.
                platform.eventBus().awaitIdle(Duration.ofMinutes(5));
            }
        }
        System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    private static JsonNode invoke(FunctionRegistry functions, String function, JsonNode event) {
        Object instance = functions.instance(function);
        String invocationId = UUID.randomUUID().toString();
        if (instance instanceof HttpFunction http) {
            return http.handleEvent(event, invocationId).toEvent();
        }
        if (instance instanceof EventFunction events) {
            return events.handleEvent(event, invocationId);
        }
        throw new IllegalStateException(function + " is neither an HTTP nor an event function");
    }

    private static JsonNode readEvent(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            Path fromRoot = ProjectRoot.find().resolve(file);
            if (!Files.isRegularFile(fromRoot)) {
                System.err.println("no event file " + file);
                System.exit(2);
            }
            file = fromRoot;
        }
        return Json.parse(Files.readString(file));
    }
}
