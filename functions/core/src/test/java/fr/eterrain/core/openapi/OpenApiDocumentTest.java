package fr.eterrain.core.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The committed OpenAPI document is the one the sources make, and the sources are complete. */
class OpenApiDocumentTest {
    private static final Path ROOT = OpenApiGenerator.root();
    private static final OpenApiGenerator.Sources SOURCES = OpenApiGenerator.read(ROOT);

    @Test
    void theCommittedDocumentIsCurrent() throws IOException {
        String expected = OpenApiGenerator.render(OpenApiGenerator.generate(SOURCES));
        Path committed = ROOT.resolve(OpenApiGenerator.DOCUMENT);
        String actual = Files.exists(committed) ? Files.readString(committed, StandardCharsets.UTF_8) : "";
        if (!expected.equals(actual)) {
            fail(OpenApiGenerator.DOCUMENT + " is stale: run `make openapi` and commit it.\n" + firstDifference(expected, actual));
        }
    }

    @Test
    void theDocumentPackagedInCoreIsTheCommittedOne() throws IOException {
        // What GET /v1/openapi.json serves comes from core's resources, copied from schemas/ at build time.
        try (var in = getClass().getClassLoader().getResourceAsStream(OpenApiContract.RESOURCE)) {
            assertTrue(in != null, OpenApiContract.RESOURCE + " is not packaged");
            assertEquals(Files.readString(ROOT.resolve(OpenApiGenerator.DOCUMENT)), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void everyOperationDeclaresItsResponsesAndPermission() {
        JsonNode doc = OpenApiGenerator.generate(SOURCES);
        int operations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            for (Iterator<Map.Entry<String, JsonNode>> ops = paths.next().getValue().fields(); ops.hasNext(); ) {
                JsonNode op = ops.next().getValue();
                operations++;
                assertTrue(op.path("responses").size() >= 2, op.path("operationId").asText());
                assertTrue(op.hasNonNull("x-eterrain-permission"), op.path("operationId").asText());
                assertTrue(op.has("security"), op.path("operationId").asText());
            }
        }
        assertEquals(SOURCES.wiring().path("routes").size(), operations, "one operation per route of the wiring table");
    }

    @Test
    void everyRequestExampleFromEventsMatchesItsSchema() {
        OpenApiContract contract = OpenApiContract.of(OpenApiGenerator.render(OpenApiGenerator.generate(SOURCES)));
        List<String> problems = new ArrayList<>();
        int examples = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = contract.document().path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                JsonNode json = op.getValue().path("requestBody").path("content").path("application/json");
                for (Iterator<Map.Entry<String, JsonNode>> it = json.path("examples").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> example = it.next();
                    examples++;
                    String pointer = "/paths/" + OpenApiContract.escape(path.getKey()) + "/" + op.getKey()
                            + "/requestBody/content/application~1json/schema";
                    contract.messages(pointer, example.getValue().get("value"))
                            .forEach(m -> problems.add("events/" + example.getKey() + ".json: " + m));
                }
            }
        }
        assertTrue(examples >= 5, "request examples taken from events/: " + examples);
        assertEquals(List.of(), problems);
    }

    @Test
    void aRouteWithoutResponsesFailsTheBuild() {
        ObjectNode wiring = SOURCES.wiring().deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) wiring.get("routes")).addObject()
                .put("method", "GET").put("path", "/v1/nowhere").put("function", "federations").put("permission", "public");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> OpenApiGenerator.generate(with(wiring, SOURCES.routes())));
        assertTrue(e.getMessage().contains("GET /v1/nowhere: no line in schemas/openapi/routes.json"), e.getMessage());
    }

    @Test
    void aResponseNamingNoSchemaFailsTheBuild() {
        ObjectNode routes = SOURCES.routes().deepCopy();
        ((ObjectNode) routes.at("/routes/GET ~1v1~1federations/responses")).put("200", "no-such-schema");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> OpenApiGenerator.generate(with(SOURCES.wiring(), routes)));
        assertTrue(e.getMessage().contains("GET /v1/federations: response 200 names no-such-schema"), e.getMessage());
    }

    @Test
    void permissionsBecomeApiKeyScopesAndSessionsWithTheCsrfHeader() {
        ObjectNode wiring = SOURCES.wiring().deepCopy();
        for (JsonNode route : wiring.get("routes")) {
            if (route.path("path").asText().equals("/v1/federations/{fed}/contacts/{id}")) {
                ((ObjectNode) route).put("permission", route.path("method").asText().equals("GET") ? "contacts:read" : "contacts:write");
            }
        }
        JsonNode doc = OpenApiGenerator.generate(with(wiring, SOURCES.routes()));
        JsonNode item = doc.path("paths").path("/v1/federations/{fed}/contacts/{id}");
        assertEquals(Json.parse("[{\"apiKey\":[\"contacts:read\"]},{\"session\":[\"contacts:read\"]}]"), item.at("/get/security"));
        assertEquals(Json.parse("[{\"apiKey\":[\"contacts:write\"]},{\"session\":[\"contacts:write\"],\"csrfHeader\":[]}]"),
                item.at("/patch/security"));
        assertEquals("contacts:write", item.at("/delete/x-eterrain-permission").asText());
        assertTrue(item.at("/get/responses/403").isObject());
        // Every route names its permission now: the audit log needs audit:read, by key or session.
        assertEquals(Json.parse("[{\"apiKey\":[\"audit:read\"]},{\"session\":[\"audit:read\"]}]"),
                doc.at("/paths/~1v1~1federations~1{fed}~1audit/get/security"));
        // self: a signed-in person only, never a key.
        assertEquals(Json.parse("[{\"session\":[]}]"), doc.at("/paths/~1v1~1me/get/security"));
        assertEquals(Json.parse("[]"), doc.at("/paths/~1v1~1federations/get/security"));
    }

    private static OpenApiGenerator.Sources with(JsonNode wiring, JsonNode routes) {
        return new OpenApiGenerator.Sources(wiring, routes, SOURCES.schemas(), SOURCES.samples(), SOURCES.intro(), SOURCES.version());
    }

    private static String firstDifference(String expected, String actual) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        for (int i = 0; i < Math.max(e.length, a.length); i++) {
            String el = i < e.length ? e[i] : "(end)";
            String al = i < a.length ? a[i] : "(end)";
            if (!el.equals(al)) {
                return "first difference at line " + (i + 1) + ":\n  generated: " + el.strip() + "\n  committed: " + al.strip();
            }
        }
        return "";
    }
}
