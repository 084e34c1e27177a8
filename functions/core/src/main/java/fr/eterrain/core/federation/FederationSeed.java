package fr.eterrain.core.federation;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The 102 federations as shipped in {@code federations.json}; seeded into the platform table. */
public final class FederationSeed {
    private FederationSeed() {
    }

    public static List<Federation> load(String mailDomain, List<String> extraOrigins) {
        JsonNode root = Json.resource("eterrain/federations.json");
        List<Federation> federations = new ArrayList<>();
        for (JsonNode node : root.path("federations")) {
            List<String> origins = new ArrayList<>();
            node.path("allowedOrigins").forEach(o -> origins.add(o.asText()));
            origins.addAll(extraOrigins);
            Map<String, String> brand = new LinkedHashMap<>();
            node.path("brand").fields().forEachRemaining(e -> brand.put(e.getKey(), e.getValue().asText()));
            federations.add(new Federation(node.path("id").asText(), node.path("name").asText(),
                    node.path("senderLocalPart").asText() + "@" + mailDomain, List.copyOf(origins), Map.copyOf(brand)));
        }
        return List.copyOf(federations);
    }
}
