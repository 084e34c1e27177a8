package fr.eterrain.core.content;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A content as a federation declares it, from a body validated against schemas/content-create.json. */
public record NewContent(String title, String kind, String description, List<String> tags, String credits,
                         Content.Rights rights, String proposerName, String fileName, String contentType, long size,
                         String sha256) {

    public static NewContent fromJson(JsonNode body) {
        List<String> tags = new ArrayList<>();
        body.path("tags").forEach(t -> tags.add(t.asText().trim()));
        JsonNode rights = body.path("rights");
        JsonNode file = body.path("file");
        return new NewContent(Json.text(body, "title").trim(), Json.text(body, "kind"), blank(Json.text(body, "description")),
                List.copyOf(tags), Json.text(body, "credits").trim(),
                new Content.Rights(Json.text(rights, "holder").trim(), Json.text(rights, "license")),
                blank(Json.text(body.path("proposer"), "displayName")), Json.text(file, "name"),
                Json.text(file, "contentType").toLowerCase(Locale.ROOT), file.path("size").asLong(),
                Json.text(file, "sha256").toLowerCase(Locale.ROOT));
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
