package fr.eterrain.core.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.storage.ObjectStorage;
import fr.eterrain.core.testing.ContentKit;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentSubmissionsTest {
    private final ContentKit kit = new ContentKit();
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @Test
    void aGraphicGetsOnePresignedPutBoundToItsTypeAndChecksum() {
        ContentSubmissions.Created created = kit.submissions.create("06",
                ContentKit.request("graphic", "Affiche été.PNG", "image/png", 5120, SHA));
        Content content = created.content();
        assertTrue(content.id().matches("k[A-Za-z0-9]{16}"));
        assertEquals("uploads/06/" + content.id() + "/Affiche-ete.png", content.file().uploadKey());
        assertEquals(ContentStatus.AWAITING_UPLOAD, kit.store.find("06", content.id()).orElseThrow().status());
        UploadPlan plan = created.upload();
        assertEquals("PUT", plan.method());
        assertEquals("image/png", plan.headers().get("content-type"));
        assertEquals(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(SHA)), plan.headers().get("x-amz-checksum-sha256"));
        assertEquals(kit.clock.instant().plus(ContentSubmissions.SINGLE_PUT_TTL), plan.expiresAt());
        assertEquals(plan.expiresAt().plus(Duration.ofDays(1)), content.expiresAt(), "forgotten a day after the URL expires");
    }

    @Test
    void aWrongTypeOrAnOversizeFileIsRefusedAndNothingIsKept() {
        ApiException type = assertThrows(ApiException.class, () -> kit.submissions.create("06",
                ContentKit.request("graphic", "clip.mp4", "video/mp4", 5120, SHA)));
        assertEquals(415, type.status());
        assertEquals("file.contentType", type.field());
        ApiException size = assertThrows(ApiException.class, () -> kit.submissions.create("06",
                ContentKit.request("graphic", "big.png", "image/png", (20L << 20) + 1, SHA)));
        assertEquals(413, size.status());
        assertEquals("file.size", size.field());
        assertTrue(kit.store.contents.isEmpty());
        assertTrue(kit.storage.multipartUploads.isEmpty());
    }

    @Test
    void aLargeVideoGoesUpInPartsAndIsAssembledOnce() {
        long size = 300L << 20;
        ContentSubmissions.Created created = kit.submissions.create("13", ContentKit.request("video", "meeting.mp4", "video/mp4", size, SHA));
        UploadPlan plan = created.upload();
        assertTrue(plan.multipart());
        assertEquals(5, plan.parts().size());
        assertEquals(ContentKind.PART_SIZE, plan.parts().get(0).size());
        assertEquals(size - 4 * ContentKind.PART_SIZE, plan.parts().get(4).size());
        Content content = created.content();
        assertEquals(1, kit.storage.multipartUploads.size());

        ApiException missing = assertThrows(ApiException.class, () -> kit.submissions.completeUpload("13", content.id(),
                List.of(new ObjectStorage.Part(1, "a"), new ObjectStorage.Part(2, "b"))));
        assertEquals("invalid_parts", missing.code());
        List<ObjectStorage.Part> parts = List.of(new ObjectStorage.Part(1, "a"), new ObjectStorage.Part(2, "b"),
                new ObjectStorage.Part(3, "c"), new ObjectStorage.Part(4, "d"), new ObjectStorage.Part(5, "e"));
        kit.submissions.completeUpload("13", content.id(), parts);
        assertTrue(kit.storage.multipartUploads.isEmpty(), "completed");
        kit.storage.upload(content.file().uploadKey(), new byte[10], "video/mp4", false);
        kit.submissions.completeUpload("13", content.id(), parts); // a retry once the object exists: nothing to do
    }

    @Test
    void completingASinglePutUploadIsAConflict() {
        Content content = kit.submissions.create("06", ContentKit.request("graphic", "a.png", "image/png", 10, SHA)).content();
        assertEquals(409, assertThrows(ApiException.class, () -> kit.submissions.completeUpload("06", content.id(),
                List.of(new ObjectStorage.Part(1, "a")))).status());
        assertNull(content.file().uploadId());
    }
}
