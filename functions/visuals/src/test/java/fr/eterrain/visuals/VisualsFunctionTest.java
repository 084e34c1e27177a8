package fr.eterrain.visuals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.access.Access;
import fr.eterrain.core.access.ApiKeys;
import fr.eterrain.core.content.Content;
import fr.eterrain.core.content.ContentIntake;
import fr.eterrain.core.content.ContentStatus;
import fr.eterrain.core.federation.Federation;
import fr.eterrain.core.federation.FederationRegistry;
import fr.eterrain.core.http.HttpResponse;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.security.KeyedHash;
import fr.eterrain.core.testing.ContentKit;
import fr.eterrain.core.testing.Fakes;
import fr.eterrain.core.testing.TestCore;
import fr.eterrain.visuals.render.TestPhotos;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class VisualsFunctionTest {
    private static final String TEMPLATES = "GET /v1/federations/{fed}/visuals/templates";
    private static final String RENDER = "POST /v1/federations/{fed}/visuals/render";
    private static final String SAVE = "POST /v1/federations/{fed}/visuals";

    private final ContentKit kit = new ContentKit();
    private final ApiKeys keys = new ApiKeys(new Fakes.Keys(), kit.clock);
    private final Fakes.Audit audit = new Fakes.Audit();
    /** Federation 13 overrides its accent (allowed) and its primary colour (not allowed: ignored). */
    private final FederationRegistry federations = new FederationRegistry() {
        @Override
        public Optional<Federation> find(String id) {
            return kit.federations.find(id).map(f -> f.id().equals("13") ? new Federation(f.id(), f.name(), f.senderAddress(),
                    f.allowedOrigins(), Map.of("accentColor", "#0A7A3B", "primaryColor", "#FFFF00")) : f);
        }

        @Override
        public List<Federation> all() {
            return kit.federations.all();
        }
    };
    private final VisualsFunction function = new VisualsFunction(
            new Access(keys, federations, audit, new KeyedHash(TestCore.key("h")), kit.clock), kit.submissions, kit.store,
            kit.storage, kit.links);
    private final String key06 = keys.issue("06", "t", "t").secret();
    private final String key13 = keys.issue("13", "t", "t").secret();

    private HttpResponse call(String route, String fed, String key, String body) {
        ObjectNode event = Json.object();
        String method = route.substring(0, route.indexOf(' '));
        String path = route.substring(route.indexOf(' ') + 1).replace("{fed}", fed);
        event.put("routeKey", route);
        event.putObject("headers").put("authorization", "Bearer " + key).put("content-type", "application/json");
        event.putObject("pathParameters").put("fed", fed);
        if (body != null) {
            event.put("body", body);
        }
        event.putObject("requestContext").put("requestId", "r").putObject("http").put("method", method).put("path", path);
        return function.handleEvent(event, "test");
    }

    static ObjectNode quote(String text) {
        ObjectNode body = Json.object().put("template", "quote").put("format", "1080x1350");
        body.putObject("fields").put("text", text).put("author", "Claire Martin");
        return body;
    }

    static ObjectNode poster(ObjectNode photo) {
        ObjectNode body = Json.object().put("template", "poster").put("format", "1080x1350");
        body.putObject("fields").put("title", "Votez le 14 mars").put("callToAction", "Rejoignez-nous").set("photo", photo);
        return body;
    }

    static ObjectNode withLibrary(ObjectNode body) {
        ObjectNode library = body.putObject("library").put("title", "Citation de Claire Martin");
        library.putArray("tags").add("santé");
        library.putObject("rights").put("holder", "Fédération des Alpes-Maritimes").put("license", "own-work").put("confirmed", true);
        return body;
    }

    private static BufferedImage png(HttpResponse response) throws IOException {
        assertEquals("image/png", response.headers().get("content-type"));
        assertTrue(response.base64Encoded(), "binary through API Gateway: base64");
        return ImageIO.read(new ByteArrayInputStream(response.bytes()));
    }

    private static JsonNode refusal(HttpResponse response, int status, String code, String field) {
        assertEquals(status, response.status(), response.body());
        JsonNode body = Json.parse(response.body());
        assertEquals(code, body.get("code").asText(), response.body());
        assertEquals(field, body.get("field").isNull() ? null : body.get("field").asText(), response.body());
        return body;
    }

    @Test
    void theCatalogueListsTemplatesTheirFieldsWithMaximaPerFormatAndTheFormats() {
        HttpResponse response = call(TEMPLATES, "06", key06, null);
        assertEquals(200, response.status(), response.body());
        JsonNode body = Json.parse(response.body());
        assertEquals(List.of("quote", "event", "figure", "riposte", "poster"),
                body.get("templates").findValuesAsText("id").subList(0, 5));
        assertEquals(5, body.get("formats").size());
        JsonNode text = body.at("/templates/0/fields/0");
        assertEquals("text", text.get("name").asText());
        assertEquals(280, text.at("/maxLength/1200x630").asInt(), text.toString());
        assertEquals("photo", body.at("/templates/0/fields/2/kind").asText());
        assertEquals("Alpes-Maritimes", body.at("/brand/federation").asText());
        assertEquals("#0A7A3B", Json.parse(call(TEMPLATES, "13", key13, null).body()).at("/brand/accentColor").asText());
    }

    @Test
    void aRenderIsAPngOfTheFormatAndAPreviewTheSameAtHalfSize() throws IOException {
        HttpResponse full = call(RENDER, "06", key06, Json.write(quote("Nous ne lâcherons rien !")));
        assertEquals(200, full.status(), full.body());
        BufferedImage image = png(full);
        assertEquals(1080, image.getWidth());
        assertEquals(1350, image.getHeight());
        assertTrue(Double.parseDouble(full.headers().get("x-visual-contrast")) >= 4.5);
        ObjectNode preview = quote("Nous ne lâcherons rien !").put("preview", true);
        BufferedImage half = png(call(RENDER, "06", key06, Json.write(preview)));
        assertEquals(540, half.getWidth());
        assertEquals(675, half.getHeight());
        assertTrue(audit.entries.isEmpty(), "a render without a library photo reads nothing of the federation's");
    }

    @Test
    void theFederationsAllowedAccentReachesTheVisualAndNothingElseItTriesDoes() throws IOException {
        // The chip at the top left is the accent; the background is the party's blue, whatever 13 tried.
        ObjectNode event = Json.object().put("template", "event").put("format", "1080x1350");
        event.putObject("fields").put("title", "Réunion publique").put("date", "2026-12-12").put("place", "Marseille");
        BufferedImage ours = png(call(RENDER, "13", key13, Json.write(event)));
        BufferedImage theirs = png(call(RENDER, "06", key06, Json.write(event)));
        assertEquals(new Color(0x0A7A3B), new Color(ours.getRGB(90, 90)));
        assertEquals(new Color(0xE4003B), new Color(theirs.getRGB(90, 90)));
        assertEquals(new Color(0x1B2A6B), new Color(ours.getRGB(1000, 700)));
    }

    @Test
    void badInputsAreClear4xxNamingTheField() {
        refusal(call(RENDER, "06", key06, Json.write(quote("x").put("template", "meme"))), 400, "invalid_enum", "template");
        refusal(call(RENDER, "06", key06, Json.write(quote("x").put("format", "800x600"))), 400, "invalid_enum", "format");
        refusal(call(RENDER, "06", key06, Json.write(quote("   "))), 400, "field_required", "fields.text");
        JsonNode tooLong = refusal(call(RENDER, "06", key06, Json.write(quote("mot ".repeat(100)))), 400, "text_too_long", "fields.text");
        assertTrue(tooLong.get("message").asText().contains("at most 280"), tooLong.toString());
        refusal(call(RENDER, "06", key06, Json.write(quote("Bravo 👏 à tous"))), 400, "emoji_not_supported", "fields.text");
        refusal(call(RENDER, "06", key06, Json.write(quote("中文"))), 400, "unsupported_character", "fields.text");
        ObjectNode unknown = quote("x");
        ((ObjectNode) unknown.get("fields")).put("subtitle", "y");
        refusal(call(RENDER, "06", key06, Json.write(unknown)), 400, "unknown_field", "fields.subtitle");
        ObjectNode event = Json.object().put("template", "event").put("format", "1080x1080");
        event.putObject("fields").put("title", "Réunion").put("date", "2026-02-30").put("place", "Nice");
        refusal(call(RENDER, "06", key06, Json.write(event)), 400, "invalid_date", "fields.date");
        refusal(call(RENDER, "06", key06, "{"), 400, "malformed_json", null);
        assertEquals(401, call(RENDER, "06", "et_nope", Json.write(quote("x"))).status());
        assertEquals(403, call(RENDER, "13", key06, Json.write(quote("x"))).status());
    }

    @Test
    void aPhotoThatIsNotAnImageOrIsHugeIsRefusedAndNothingIsStored() throws IOException {
        ObjectNode text = Json.object().put("data", Base64.getEncoder().encodeToString("pas une image".getBytes()));
        refusal(call(SAVE, "06", key06, Json.write(withLibrary(poster(text)))), 415, "photo_not_an_image", "fields.photo.data");
        ObjectNode bad64 = Json.object().put("data", "%%%");
        refusal(call(SAVE, "06", key06, Json.write(withLibrary(poster(bad64)))), 400, "invalid_photo_data", "fields.photo.data");
        ObjectNode huge = Json.object().put("data", Base64.getEncoder().encodeToString(pngHeader(12_000, 9_000)));
        refusal(call(SAVE, "06", key06, Json.write(withLibrary(poster(huge)))), 413, "photo_too_large", "fields.photo.data");
        byte[] heavy = new byte[(5 << 20) + 10];
        System.arraycopy(TestPhotos.jpeg(TestPhotos.dark(64, 64)), 0, heavy, 0, 100);
        ObjectNode tooManyBytes = Json.object().put("data", Base64.getEncoder().encodeToString(heavy));
        refusal(call(SAVE, "06", key06, Json.write(withLibrary(poster(tooManyBytes)))), 413, "photo_too_large", "fields.photo.data");
        refusal(call(SAVE, "06", key06, Json.write(withLibrary(quote("mot ".repeat(100))))), 400, "text_too_long", "fields.text");
        refusal(call(SAVE, "06", key06, Json.write(quote("Bien"))), 400, "invalid_required", "library");
        assertTrue(kit.store.contents.isEmpty(), "no content declared");
        assertTrue(kit.storage.objects.isEmpty(), "no object stored");
        assertTrue(audit.entries.isEmpty());
    }

    @Test
    void aSavedVisualIsASubmittedGraphicOnceTheIntakeHasCheckedIt() throws IOException {
        ObjectNode body = withLibrary(quote("La santé n'est pas une marchandise !"));
        ((ObjectNode) body.get("library")).putObject("proposer").put("displayName", "Marie D.");
        HttpResponse saved = call(SAVE, "06", key06, Json.write(body));
        assertEquals(201, saved.status(), saved.body());
        JsonNode answer = Json.parse(saved.body());
        assertEquals("awaiting_upload", answer.at("/content/status").asText());
        assertEquals("graphic", answer.at("/content/kind").asText());
        assertEquals("Fédération Alpes-Maritimes (06)", answer.at("/content/credits").asText());
        String id = answer.at("/content/id").asText();
        Content declared = kit.store.find("06", id).orElseThrow();
        byte[] stored = kit.storage.objects.get(declared.file().uploadKey()).bytes();
        assertEquals(declared.file().size(), stored.length);
        assertEquals(1350, ImageIO.read(new ByteArrayInputStream(stored)).getHeight());
        assertEquals(ContentIntake.Outcome.SUBMITTED, kit.intake.objectCreated(declared.file().uploadKey()));
        Content submitted = kit.store.find("06", id).orElseThrow();
        assertEquals(ContentStatus.SUBMITTED, submitted.status());
        assertNotNull(submitted.thumbnailKey());
        assertEquals("visuel-quote-1080x1350.png", submitted.file().name());
        assertEquals(1, audit.entries.size());
    }

    @Test
    void aLibraryPhotoMayBeOwnOrApprovedAndIsOtherwiseNotFound() throws IOException {
        Content own = kit.submitted("06");
        Content foreignDraft = kit.submitted("13");
        Content foreignApproved = kit.approved("13");
        assertEquals(200, call(RENDER, "06", key06, Json.write(poster(library(own)))).status());
        assertEquals(1, audit.entries.size(), "reading a library photo is audited");
        assertEquals(200, call(RENDER, "06", key06, Json.write(poster(library(foreignApproved)))).status());
        refusal(call(RENDER, "06", key06, Json.write(poster(library(foreignDraft)))), 404, "photo_not_found", "fields.photo.content");
        ObjectNode unknown = Json.object();
        unknown.putObject("content").put("federation", "06").put("id", "k0000000000000000");
        refusal(call(RENDER, "06", key06, Json.write(poster(unknown))), 404, "not_found", null);
    }

    private static ObjectNode library(Content content) {
        ObjectNode photo = Json.object();
        photo.putObject("content").put("federation", content.federation()).put("id", content.id());
        photo.putObject("focus").put("x", 0.3).put("y", 0.6);
        return photo;
    }

    /** A PNG signature and header claiming a size, with no image data: readers see the size before decoding. */
    static byte[] pngHeader(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        byte[] ihdr = java.nio.ByteBuffer.allocate(17).put("IHDR".getBytes()).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0).array();
        out.write(java.nio.ByteBuffer.allocate(4).putInt(13).array());
        out.write(ihdr);
        CRC32 crc = new CRC32();
        crc.update(ihdr);
        out.write(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        return out.toByteArray();
    }
}
