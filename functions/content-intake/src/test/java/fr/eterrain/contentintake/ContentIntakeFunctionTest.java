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
}
