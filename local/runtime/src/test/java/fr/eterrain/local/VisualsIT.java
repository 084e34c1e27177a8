package fr.eterrain.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.json.Json;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Visuals end to end on the local runtime: the catalogue, a preview and a full PNG over HTTP (binary through the API
 * Gateway event), then a visual saved to the library, checked by content-intake like any upload, approved, found by
 * another federation in the library with the very bytes, and relayed; and a photo that is not an image refused with
 * nothing declared or stored.
 */
class VisualsIT {
    private final TestStack stack = TestStack.get();
    private final ContentSteps steps = new ContentSteps(stack);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static ObjectNode quote() {
        ObjectNode body = Json.object().put("template", "quote").put("format", "1080x1350");
        body.putObject("fields").put("text", "L'école publique, c'est l'avenir de nos villages !").put("author", "Claire Martin");
        return body;
    }

    private HttpResponse<byte[]> postForBytes(String path, String key, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + path)).timeout(Duration.ofSeconds(60))
                .header("content-type", "application/json").header("authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aVisualIsPreviewedSavedCheckedByTheIntakeApprovedAndRelayed() throws Exception {
        String key06 = stack.issueKey("06");
        String key13 = stack.issueKey("13");
        JsonNode catalogue = Json.parse(stack.get("/v1/federations/06/visuals/templates", TestStack.bearer(key06)).body());
        assertEquals(5, catalogue.get("templates").size());

        ObjectNode preview = quote().put("preview", true);
        HttpResponse<byte[]> small = postForBytes("/v1/federations/06/visuals/render", key06, Json.write(preview));
        assertEquals(200, small.statusCode());
        assertEquals("image/png", small.headers().firstValue("content-type").orElseThrow());
        assertEquals(540, ImageIO.read(new ByteArrayInputStream(small.body())).getWidth());
        HttpResponse<byte[]> full = postForBytes("/v1/federations/06/visuals/render", key06, Json.write(quote()));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(full.body()));
        assertEquals(1080, image.getWidth());
        assertEquals(1350, image.getHeight());

        ObjectNode save = quote();
        ObjectNode library = save.putObject("library").put("title", "L'école publique");
        library.putArray("tags").add("école");
        library.putObject("rights").put("holder", "Fédération des Alpes-Maritimes").put("license", "own-work").put("confirmed", true);
        HttpResponse<String> saved = stack.post("/v1/federations/06/visuals", "application/json", Json.write(save), TestStack.bearer(key06));
        assertEquals(201, saved.statusCode(), saved.body());
        String id = Json.parse(saved.body()).at("/content/id").asText();
        stack.awaitEvents();

        JsonNode submitted = steps.content("06", key06, id);
        assertEquals("submitted", submitted.get("status").asText(), submitted.toString());
        assertEquals("graphic", submitted.get("kind").asText());
        assertTrue(submitted.hasNonNull("thumbnailUrl"), "the intake made its thumbnail");
        assertEquals(java.util.List.of(), steps.objects("uploads/06/" + id + "/"), "nothing left in quarantine");

        HttpResponse<String> approved = stack.post("/v1/federations/06/contents/" + id + "/decisions", "application/json",
                "{\"decision\":\"approve\"}", TestStack.bearer(key06));
        assertEquals(200, approved.statusCode(), approved.body());
        // Other federations see it once HQ has approved it for the national library.
        HttpResponse<String> national = stack.post("/v1/contents/06/" + id + "/decisions", "application/json",
                "{\"decision\":\"approve\"}", TestStack.bearer(stack.issueKey("HQ")));
        assertEquals(200, national.statusCode(), national.body());
        JsonNode detail = Json.parse(stack.get("/v1/contents/06/" + id, TestStack.bearer(key13)).body());
        assertArrayEquals(full.body(), steps.download(detail.at("/download/url").asText()).body(), "the library holds the rendered PNG");
        HttpResponse<String> relay = stack.post("/v1/federations/13/engagements", "application/json",
                "{\"content\":{\"federation\":\"06\",\"id\":\"" + id + "\"},\"type\":\"relay\"}", TestStack.bearer(key13));
        assertEquals(201, relay.statusCode(), relay.body());

        // The approved visual may now be any federation's background photo.
        ObjectNode poster = Json.object().put("template", "poster").put("format", "1200x630").put("preview", true);
        poster.putObject("fields").put("title", "Toutes et tous à l'école").put("callToAction", "Signez la pétition")
                .putObject("photo").putObject("content").put("federation", "06").put("id", id);
        assertEquals(200, postForBytes("/v1/federations/13/visuals/render", key13, Json.write(poster)).statusCode());
    }

    @Test
    void aPhotoThatIsNotAnImageIsRefusedAndNothingIsDeclaredOrStored() {
        String key = stack.issueKey("23");
        int before = Json.parse(stack.get("/v1/federations/23/contents", TestStack.bearer(key)).body()).get("contents").size();
        java.util.List<String> uploads = steps.objects("uploads/23/");
        ObjectNode poster = Json.object().put("template", "poster").put("format", "1080x1080");
        poster.putObject("fields").put("title", "Titre").put("callToAction", "Agir")
                .putObject("photo").put("data", Base64.getEncoder().encodeToString("GIF89a? pas vraiment".getBytes()));
        ObjectNode library = poster.putObject("library").put("title", "Affiche");
        library.putObject("rights").put("holder", "Fédération").put("license", "own-work").put("confirmed", true);
        HttpResponse<String> refused = stack.post("/v1/federations/23/visuals", "application/json", Json.write(poster), TestStack.bearer(key));
        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals("fields.photo.data", Json.parse(refused.body()).get("field").asText());
        assertEquals(before, Json.parse(stack.get("/v1/federations/23/contents", TestStack.bearer(key)).body()).get("contents").size());
        assertEquals(uploads, steps.objects("uploads/23/"));
    }
}
