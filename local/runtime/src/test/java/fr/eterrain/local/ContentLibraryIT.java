package fr.eterrain.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.selection.Cadence;
import fr.eterrain.core.selection.SelectionPeriod;
import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The content library end to end on the local runtime: submit, upload with the presigned URL straight to the
 * bucket (s3proxy), the "Object Created" event, the checks and the thumbnail, moderation, relays and likes,
 * the weekly selection and reading it back; and the forged uploads that must be refused.
 */
class ContentLibraryIT {
    private final TestStack stack = TestStack.get();
    private final ContentSteps steps = new ContentSteps(stack);

    @Test
    void submitUploadApproveRelaySelectAndReadBack() throws Exception {
        String key06 = stack.issueKey("06");
        String key13 = stack.issueKey("13");
        byte[] png = ContentSteps.png(900, 600);
        JsonNode created = steps.create("06", key06, ContentSteps.body("Affiche de rentrée", "graphic", "Affiche rentrée.png", "image/png", png));
        String id = created.at("/content/id").asText();
        assertEquals("awaiting_upload", created.at("/content/status").asText());
        assertFalse(created.at("/upload/multipart").asBoolean());

        HttpResponse<String> put = steps.put(created.at("/upload/url").asText(), created.at("/upload/headers"), png);
        assertEquals(200, put.statusCode(), put.body());
        stack.awaitEvents();

        JsonNode submitted = steps.content("06", key06, id);
        assertEquals("submitted", submitted.get("status").asText(), submitted.toString());
        assertEquals("Marie D.", submitted.at("/proposer/displayName").asText());
        assertEquals(java.util.List.of(), steps.objects("uploads/06/" + id + "/"), "nothing left in quarantine");
        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(steps.download(submitted.get("thumbnailUrl").asText()).body()));
        assertEquals(480, thumbnail.getWidth());
        assertEquals(320, thumbnail.getHeight());

        // Not visible to others before approval; a foreign key may not moderate.
        assertEquals(404, stack.get("/v1/contents/06/" + id, TestStack.bearer(key13)).statusCode());
        assertEquals(403, stack.post("/v1/federations/06/contents/" + id + "/decisions", "application/json",
                "{\"decision\":\"approve\"}", TestStack.bearer(key13)).statusCode());
        HttpResponse<String> approved = stack.post("/v1/federations/06/contents/" + id + "/decisions", "application/json",
                "{\"decision\":\"approve\",\"reason\":\"Conforme à la charte\"}", TestStack.bearer(key06));
        assertEquals(200, approved.statusCode(), approved.body());
        JsonNode decisions = Json.parse(approved.body()).get("decisions");
        assertEquals(1, decisions.size());
        assertEquals("approve", decisions.get(0).get("decision").asText());
        assertEquals("federation", decisions.get(0).get("role").asText());
        assertEquals("pending", Json.parse(approved.body()).at("/national/status").asText());

        // Published for 06 only: its public page answers, other federations and the selection do not see it yet.
        HttpResponse<String> publicPage = stack.get("/v1/contents/06/" + id + "/page");
        assertEquals(200, publicPage.statusCode(), publicPage.body());
        assertTrue(publicPage.body().contains("Affiche de rentrée"), publicPage.body());
        assertEquals(404, stack.get("/v1/contents/06/" + id, TestStack.bearer(key13)).statusCode(),
                "a federation's own approval is not the national library");
        assertEquals(403, stack.post("/v1/contents/06/" + id + "/decisions", "application/json", "{\"decision\":\"approve\"}",
                TestStack.bearer(key06)).statusCode(), "only HQ approves for the national library");
        String hq = stack.issueKey("HQ");
        JsonNode queue = Json.parse(stack.get("/v1/contents/review?limit=100", TestStack.bearer(hq)).body());
        find(queue.get("contents"), id);
        HttpResponse<String> national = stack.post("/v1/contents/06/" + id + "/decisions", "application/json",
                "{\"decision\":\"approve\",\"reason\":\"Pour tout le réseau\"}", TestStack.bearer(hq));
        assertEquals(200, national.statusCode(), national.body());
        assertEquals("approved", Json.parse(national.body()).at("/national/status").asText());

        // Another federation finds it in the library and downloads the very bytes.
        JsonNode library = Json.parse(stack.get("/v1/contents?federation=06&kind=graphic&limit=100", TestStack.bearer(key13)).body());
        JsonNode entry = find(library.get("contents"), id);
        assertTrue(entry.get("proposer") == null, "the proposer stays with the federation");
        JsonNode detail = Json.parse(stack.get("/v1/contents/06/" + id, TestStack.bearer(key13)).body());
        assertArrayEquals(png, steps.download(detail.at("/download/url").asText()).body());
        HttpResponse<String> stable = stack.get(entry.get("thumbnailUrl").asText());
        assertEquals(302, stable.statusCode(), "the public thumbnail link redirects to a short-lived URL");
        assertEquals("image/jpeg", steps.download(stable.headers().firstValue("location").orElseThrow()).headers()
                .firstValue("content-type").orElseThrow());

        String ref = "{\"content\":{\"federation\":\"06\",\"id\":\"" + id + "\"},";
        HttpResponse<String> ownRelay = stack.post("/v1/federations/06/engagements", "application/json",
                ref + "\"type\":\"relay\"}", TestStack.bearer(key06));
        assertEquals(403, ownRelay.statusCode(), "a federation cannot relay its own content into the score");
        assertEquals("own_content", Json.parse(ownRelay.body()).get("code").asText());
        assertEquals(201, stack.post("/v1/federations/13/engagements", "application/json", ref + "\"type\":\"relay\"}",
                TestStack.bearer(key13)).statusCode());
        assertEquals(200, stack.post("/v1/federations/13/engagements", "application/json", ref + "\"type\":\"relay\"}",
                TestStack.bearer(key13)).statusCode(), "a second relay by 13 is not counted");
        HttpResponse<String> like = stack.post("/v1/federations/2A/engagements", "application/json",
                ref + "\"type\":\"like\",\"person\":\"member-7\"}", TestStack.bearer(stack.issueKey("2A")));
        assertEquals(201, like.statusCode(), like.body());
        assertEquals(1, Json.parse(like.body()).at("/content/engagement/relays").asInt());
        assertEquals(1, Json.parse(like.body()).at("/content/engagement/likes").asInt());
        // 13 invents person ids: only three of its likes count on one content.
        for (int i = 0; i < 6; i++) {
            stack.post("/v1/federations/13/engagements", "application/json", ref + "\"type\":\"like\",\"person\":\"bot-" + i + "\"}",
                    TestStack.bearer(key13));
        }
        JsonNode likes = Json.parse(stack.get("/v1/contents/06/" + id, TestStack.bearer(key13)).body()).get("engagement");
        assertEquals(1 + 3, likes.get("likes").asInt(), likes.toString());

        // The weekly selection of this week (a running period may be selected on the test stage), twice.
        String period = SelectionPeriod.containing(Cadence.WEEKLY, Instant.now()).label();
        ObjectNode run = Json.object().put("cadence", "weekly").put("period", period);
        JsonNode first = stack.platform().functions().event("selection").handleEvent(run, "it-1");
        JsonNode second = stack.platform().functions().event("selection").handleEvent(run, "it-2");
        assertTrue(first.at("/selections/0/created").asBoolean(), first.toString());
        assertFalse(second.at("/selections/0/created").asBoolean());

        HttpResponse<String> read = stack.get("/v1/selections/" + period, TestStack.bearer(key13));
        assertEquals(200, read.statusCode(), read.body());
        JsonNode selection = Json.parse(read.body());
        JsonNode item = find(selection.get("items"), id);
        assertEquals(1, item.at("/engagement/relays").asInt());
        JsonNode draftItem = find(selection.at("/draft/items"), null, item.get("rank").asInt());
        assertEquals("Affiche de rentrée", draftItem.get("title").asText());
        HttpResponse<String> opened = stack.get(draftItem.get("contentUrl").asText());
        assertEquals(200, opened.statusCode(), "a reader of the email opens the item without a key: " + draftItem);
        assertTrue(opened.headers().firstValue("content-type").orElse("").startsWith("text/html"));
        assertFalse(selection.get("publishedAt").isNull(), "published as SelectionPublished");
        assertEquals(period, Json.parse(stack.get("/v1/selections/latest?cadence=weekly", TestStack.bearer(key13)).body())
                .get("period").asText());
        assertEquals(404, stack.get("/v1/selections/2020-W01", TestStack.bearer(key13)).statusCode());
    }

    @Test
    void aPngNameHoldingOtherBytesIsRejectedWithItsReasonAndRemoved() {
        String key = stack.issueKey("06");
        byte[] text = "Ceci n'est pas une image.\n".repeat(20).getBytes(StandardCharsets.UTF_8);
        JsonNode created = steps.create("06", key, ContentSteps.body("Fausse affiche", "graphic", "affiche.png", "image/png", text));
        String id = created.at("/content/id").asText();
        assertEquals(200, steps.put(created.at("/upload/url").asText(), created.at("/upload/headers"), text).statusCode());
        stack.awaitEvents();

        JsonNode rejected = steps.content("06", key, id);
        assertEquals("rejected", rejected.get("status").asText(), rejected.toString());
        assertEquals("intake", rejected.at("/rejection/by").asText());
        assertTrue(rejected.at("/rejection/reason").asText().contains("not image/png"), rejected.toString());
        assertTrue(rejected.get("download").isNull());
        assertEquals(java.util.List.of(), steps.objects("uploads/06/" + id + "/"), "the object is removed");
        assertEquals(java.util.List.of(), steps.objects("contents/06/" + id + "/"));
        assertEquals(java.util.List.of(), steps.objects("thumbnails/06/" + id));
        assertEquals(409, stack.post("/v1/federations/06/contents/" + id + "/decisions", "application/json",
                "{\"decision\":\"approve\"}", TestStack.bearer(key)).statusCode(), "nothing to moderate");
        HttpResponse<String> page = stack.get("/v1/contents/06/" + id + "/page");
        assertEquals(404, page.statusCode(), "no public page for what is not approved");
        assertTrue(page.headers().firstValue("content-type").orElse("").startsWith("text/html"), "a page, not JSON");
    }

    @Test
    void bytesThatDoNotMatchTheSignedChecksumNeverLand() {
        String key = stack.issueKey("06");
        byte[] png = ContentSteps.png(40, 40);
        JsonNode created = steps.create("06", key, ContentSteps.body("Affiche", "graphic", "a.png", "image/png", png));
        byte[] other = Arrays.copyOf(png, png.length);
        other[other.length - 20] ^= 1;
        HttpResponse<String> refused = steps.put(created.at("/upload/url").asText(), created.at("/upload/headers"), other);
        assertEquals(400, refused.statusCode(), refused.body());
        stack.awaitEvents();
        assertEquals("awaiting_upload", steps.content("06", key, created.at("/content/id").asText()).get("status").asText());
        assertEquals(java.util.List.of(), steps.objects("uploads/06/" + created.at("/content/id").asText() + "/"));
    }

    @Test
    void aVideoGoesUpInPartsAndIsCheckedWhole() {
        String key = stack.issueKey("13");
        byte[] video = new byte[11 << 20]; // above the test stack's 6 MiB threshold: parts of 5, 5 and 1 MiB
        byte[] header = "\u0000\u0000\u0000\u0018ftypisom".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(header, 0, video, 0, header.length);
        JsonNode created = steps.create("13", key, ContentSteps.body("Meeting", "video", "meeting.mp4", "video/mp4", video));
        String id = created.at("/content/id").asText();
        JsonNode upload = created.get("upload");
        assertTrue(upload.get("multipart").asBoolean());
        ArrayNode parts = Json.array();
        for (JsonNode part : upload.get("parts")) {
            int offset = (part.get("partNumber").asInt() - 1) * upload.get("partSize").asInt();
            HttpResponse<String> sent = steps.put(part.get("url").asText(), part.get("headers"),
                    Arrays.copyOfRange(video, offset, offset + part.get("size").asInt()));
            assertEquals(200, sent.statusCode(), sent.body());
            parts.addObject().put("partNumber", part.get("partNumber").asInt())
                    .put("etag", sent.headers().firstValue("etag").orElseThrow());
        }
        assertEquals(3, parts.size());
        HttpResponse<String> complete = stack.post("/v1/federations/13/contents/" + id + "/upload/complete", "application/json",
                Json.write(Json.object().set("parts", parts)), TestStack.bearer(key));
        assertEquals(202, complete.statusCode(), complete.body());
        stack.awaitEvents();
        JsonNode submitted = steps.content("13", key, id);
        assertEquals("submitted", submitted.get("status").asText(), submitted.toString());
        assertNull(submitted.get("thumbnailUrl").textValue(), "no thumbnail for a video");
        assertEquals(202, stack.post("/v1/federations/13/contents/" + id + "/upload/complete", "application/json",
                Json.write(Json.object().set("parts", parts)), TestStack.bearer(key)).statusCode(), "a retry is harmless");
    }

    @Test
    void badSubmissionsAreClear4xxAndLeaveNothingBehind() {
        String key = stack.issueKey("06");
        byte[] png = ContentSteps.png(10, 10);
        String good = ContentSteps.body("Affiche", "graphic", "a.png", "image/png", png);
        Object[][] cases = {
                {without(good, "rights"), 400, "rights"},
                {good.replace("image/png", "application/x-msdownload"), 415, "file.contentType"},
                {good.replace("\"size\":" + png.length, "\"size\":" + (21L << 20)), 413, "file.size"},
                {good.replace("\"kind\":\"graphic\"", "\"kind\":\"meme\""), 400, "kind"},
        };
        for (Object[] c : cases) {
            HttpResponse<String> r = stack.post("/v1/federations/06/contents", "application/json", (String) c[0], TestStack.bearer(key));
            assertEquals(c[1], r.statusCode(), r.body());
            assertEquals(c[2], Json.parse(r.body()).get("field").asText(), r.body());
        }
    }

    private static String without(String body, String field) {
        ObjectNode node = (ObjectNode) Json.parse(body);
        node.remove(field);
        return Json.write(node);
    }

    private static JsonNode find(JsonNode items, String id) {
        return find(items, id, -1);
    }

    private static JsonNode find(JsonNode items, String id, int rank) {
        for (JsonNode item : items) {
            if (id != null ? id.equals(item.path("id").asText()) : item.path("rank").asInt() == rank) {
                return item;
            }
        }
        throw new AssertionError("not found in " + items);
    }
}
