package fr.eterrain.core.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.eterrain.core.json.Json;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WiringTest {
    @Test
    void theTableIsConsistent() {
        Wiring wiring = Wiring.load();
        Set<String> keys = new HashSet<>();
        wiring.routes().forEach(r -> assertTrue(keys.add(r.routeKey()), "duplicate route " + r.routeKey()));
        wiring.routes().forEach(r -> assertTrue(Set.of("public", "federation", "hq").contains(r.access()), r.routeKey()));
        wiring.functions().values().forEach(f -> assertTrue(f.handler().startsWith("fr.eterrain."), f.name()));
        assertEquals(Set.copyOf(wiring.functions().keySet()), new HashSet<>(wiring.functions().keySet()));
    }

    @Test
    void aRouteToAnUnknownFunctionIsRefused() {
        assertThrows(IllegalStateException.class, () -> Wiring.parse(Json.parse(
                "{\"functions\":{},\"routes\":[{\"method\":\"GET\",\"path\":\"/x\",\"function\":\"nope\",\"permission\":\"public\"}]}")));
    }
}
