package fr.eterrain.contentintake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.eterrain.core.content.Content;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.testing.ContentKit;
import org.junit.jupiter.api.Test;

class ContentIntakeFunctionTest {
    private final ContentKit kit = new ContentKit();
    private final ContentIntakeFunction function = new ContentIntakeFunction(kit.intake, "eterrain-test-content");

    private static String event(String bucket, String key) {
        return """
                {"version":"0","id":"e1","detail-type":"Object Created","source":"aws.s3","detail":{
                  "version":"0","bucket":{"name":"%s"},"object":{"key":"%s","size":10,"etag":"x"},"reason":"PutObject"}}
                """.formatted(bucket, key);
    }

    @Test
    void anUploadInOurBucketGoesThroughTheIntake() {
        Content c = kit.uploaded("06", "graphic", "a.png", "image/png", ContentKit.png(20, 20));
        assertEquals("submitted", function.handleEvent(Json.parse(event("eterrain-test-content", c.file().uploadKey())), "t")
                .get("outcome").asText());
    }

    @Test
    void otherBucketsAreLeftAloneAndMalformedEventsRefused() {
        Content c = kit.uploaded("06", "graphic", "a.png", "image/png", ContentKit.png(20, 20));
        assertEquals("other_bucket", function.handleEvent(Json.parse(event("someone-else", c.file().uploadKey())), "t")
                .get("outcome").asText());
        assertEquals("awaiting_upload", kit.store.find("06", c.id()).orElseThrow().status().wire());
        // Refused and dropped (Lambda would retry a throw forever), saying why.
        assertEquals("invalid_required", function.handleEvent(Json.parse("{\"detail\":{\"bucket\":{}}}"), "t")
                .at("/error/code").asText());
        assertEquals("awaiting_upload", kit.store.find("06", c.id()).orElseThrow().status().wire());
    }

    @Test
    void logsCarryIdsNeverTheObjectKeyWithTheUploadersFileName() {
        java.io.ByteArrayOutputStream lines = new java.io.ByteArrayOutputStream();
        fr.eterrain.core.log.Log.redirect(new java.io.PrintStream(lines, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            Content c = kit.uploaded("06", "graphic", "Carte-identite-Marie-Dupont.png", "image/png", ContentKit.png(20, 20));
            var result = function.handleEvent(Json.parse(event("eterrain-test-content", c.file().uploadKey())), "t");
            assertEquals("submitted", result.get("outcome").asText());
            assertEquals(c.id(), result.get("content").asText());
            function.handleEvent(Json.parse(event("eterrain-test-content",
                    "uploads/06/kAAAAAAAAAAAAAAAA/Releve-bancaire-Jean-Martin.pdf")), "t");
            function.handleEvent(Json.parse(event("eterrain-test-content", "uploads/elsewhere/Jean-Martin-CV.pdf")), "t");
        } finally {
            fr.eterrain.core.log.Log.redirect(System.out);
        }
        String logged = lines.toString(java.nio.charset.StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assertions.assertTrue(logged.contains("\"outcome\":\"SUBMITTED\""), logged);
        for (String name : new String[] {"Marie", "Dupont", "Jean", "Martin", "uploads/"}) {
            org.junit.jupiter.api.Assertions.assertFalse(logged.contains(name), name + " logged: " + logged);
        }
    }
}
