package fr.eterrain.federations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.http.HttpResponse;
import fr.eterrain.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ApiDocumentTest {
    @Test
    void servesTheCommittedDocumentAsItIs() throws IOException {
        HttpResponse response = ApiDocument.response();
        assertEquals(200, response.status());
        assertEquals("application/json", response.headers().get("content-type"));
        assertEquals("*", response.headers().get("access-control-allow-origin"));
        assertEquals(Files.readString(Path.of("../../schemas/openapi.json")), response.body());
        JsonNode document = Json.parse(response.body());
        assertTrue(document.path("openapi").asText().startsWith("3.1."));
        assertTrue(document.path("paths").has("/v1/openapi.json"), "the document lists its own route");
    }
}
