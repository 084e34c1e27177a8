package fr.eterrain.core.validation;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The content library's contract: its schemas compile, its samples in events/ follow them, refusals name the field. */
class ContentSchemasTest {
    private static JsonNode sampleBody(String file) throws IOException {
        JsonNode event = Json.parse(Files.readString(Path.of("../../events", file)));
        return event.has("body") ? Json.parse(event.get("body").asText()) : event.get("detail");
    }

    @Test
    void theSamplesFollowTheSchemas() throws IOException {
        Schemas.validate("content-create", sampleBody("contents-create.json"));
        Schemas.validate("content-decision", sampleBody("contents-decision.json"));
        Schemas.validate("content-engagement", sampleBody("contents-engagement.json"));
        Schemas.validate("events/ObjectCreated", sampleBody("content-uploaded.json"));
        Schemas.validate("events/SelectionRun", Json.parse(Files.readString(Path.of("../../events/selection-weekly.json"))));
        assertDoesNotThrow(() -> Schemas.schema("content-upload-complete"));
        assertDoesNotThrow(() -> Schemas.schema("events/SelectionPublished"));
    }

    @Test
    void refusalsNameTheField() throws IOException {
        JsonNode create = sampleBody("contents-create.json");
        ((ObjectNode) create).remove("rights");
        assertEquals("rights", assertThrows(ApiException.class, () -> Schemas.validate("content-create", create)).field());
        assertEquals("reason", assertThrows(ApiException.class, () -> Schemas.validate("content-decision",
                Json.parse("{\"decision\":\"reject\"}"))).field());
        assertEquals("person", assertThrows(ApiException.class, () -> Schemas.validate("content-engagement",
                Json.parse("{\"content\":{\"federation\":\"06\",\"id\":\"kSAMPLE0000000000\"},\"type\":\"like\"}"))).field());
        assertEquals("file.sha256", assertThrows(ApiException.class, () -> Schemas.validate("content-create",
                Json.parse(Json.write(sampleBody("contents-create.json")).replaceAll("\"sha256\":\"[0-9a-f]+\"", "\"sha256\":\"xyz\"")))).field());
    }
}
