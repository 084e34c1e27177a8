package fr.eterrain.local;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.aws.PrimingEvents;
import fr.eterrain.core.http.HttpFunction;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.wiring.Wiring;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * SnapStart primes each function with one request before the snapshot, in production: that request must be
 * harmless. Every function's priming event, run through the function on the emulators, is refused (and a refusal
 * changes nothing), or is a public GET, which only reads. A schedule's payload would run the real job (a retention
 * pass, a selection): no function is primed with one.
 */
class PrimingEventsIT {
    private final TestStack stack = TestStack.get();

    @Test
    void everyFunctionsPrimingRequestIsRefusedOrAPublicRead() throws Exception {
        Wiring wiring = Wiring.load();
        for (Wiring.FunctionSpec spec : wiring.functions().values()) {
            Object handler = stack.platform().functions().instance(spec.name());
            boolean http = handler instanceof HttpFunction;
            JsonNode event = Json.read(PrimingEvents.of(Class.forName(spec.handler()), http));
            if (http) {
                int status = stack.platform().functions().http(spec.name()).handleEvent(event, "priming").status();
                String routeKey = event.path("routeKey").asText();
                boolean publicRead = routeKey.startsWith("GET ") && wiring.routes().stream()
                        .anyMatch(r -> r.routeKey().equals(routeKey) && r.access().equals("public"));
                assertTrue(publicRead ? status < 500 : status >= 400 && status < 500,
                        spec.name() + " primed with " + routeKey + " → " + status);
            } else {
                JsonNode result = stack.platform().functions().event(spec.name()).handleEvent(event, "priming");
                assertTrue(result.has("error"), spec.name() + " primed with " + event + " did work: " + result);
            }
        }
    }

    @Test
    void aScheduleOnlyFunctionIsNotPrimedWithItsSchedulesPayload() throws IOException {
        JsonNode retention = Json.read(PrimingEvents.of(fr.eterrain.retention.RetentionFunction.class, false));
        assertTrue(!retention.path("detail").isObject(), "retention's priming event carries no run: " + retention);
    }
}
