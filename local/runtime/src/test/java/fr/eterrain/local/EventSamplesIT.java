package fr.eterrain.local;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.wiring.Wiring;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every sample in events/ runs through its function on the emulators, and every function has a sample. */
class EventSamplesIT {
    private final TestStack stack = TestStack.get();

    @Test
    void everySampleIsHandledWithoutAServerError() throws IOException {
        Wiring wiring = Wiring.load();
        Set<String> covered = new HashSet<>();
        List<Path> samples;
        try (Stream<Path> files = Files.list(ProjectRoot.find().resolve("events"))) {
            samples = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path sample : samples) {
            JsonNode event = Json.parse(Files.readString(sample));
            String function = functionOf(wiring, event);
            covered.add(function);
            if (event.has("routeKey")) {
                int status = stack.platform().functions().http(function).handleEvent(event, "sample").status();
                assertTrue(status < 500, sample.getFileName() + " → " + status);
                if (sample.getFileName().toString().equals("signup-form.json")) {
                    assertTrue(status == 303, "the form sample carries a valid snippet token: " + status);
                }
            } else {
                stack.platform().functions().event(function).handleEvent(event, "sample");
            }
        }
        assertTrue(covered.containsAll(wiring.functions().keySet()), "functions without a sample: "
                + wiring.functions().keySet().stream().filter(f -> !covered.contains(f)).toList());
    }

    private static String functionOf(Wiring wiring, JsonNode event) {
        if (event.has("_function")) {
            return event.get("_function").asText(); // schedule payloads name their target
        }
        if (event.has("routeKey")) {
            String routeKey = event.get("routeKey").asText();
            return wiring.routes().stream().filter(r -> r.routeKey().equals(routeKey)).findFirst()
                    .orElseThrow(() -> new AssertionError("sample for unknown route " + routeKey)).function();
        }
        if (event.has("detail-type")) {
            String type = event.get("detail-type").asText();
            return wiring.rules().stream().filter(r -> r.detailType().contains(type)).findFirst().orElseThrow().function();
        }
        return wiring.schedules().get(0).function();
    }
}
