package fr.eterrain.core.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.eterrain.core.testing.ContentKit;
import fr.eterrain.core.testing.InMemoryObjectStorage;
import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ContentIntakeTest {
    private final ContentKit kit = new ContentKit();

    private Content stored(Content c) {
        return kit.store.find(c.federation(), c.id()).orElseThrow();
    }

    @Test
    void aGenuineImageIsMovedOutOfQuarantineWithAThumbnail() throws Exception {
        byte[] png = ContentKit.png(1200, 800);
        Content c = kit.uploaded("06", "graphic", "affiche.png", "image/png", png);
        assertEquals(ContentIntake.Outcome.SUBMITTED, kit.intake.objectCreated(c.file().uploadKey()));
        Content after = stored(c);
        assertEquals(ContentStatus.SUBMITTED, after.status());
        assertEquals("contents/06/" + c.id() + "/affiche.png", after.objectKey());
        assertNull(after.expiresAt(), "an accepted content does not expire");
        assertFalse(kit.storage.objects.containsKey(c.file().uploadKey()), "nothing left in uploads/");
        assertTrue(Arrays.equals(png, kit.storage.objects.get(after.objectKey()).bytes()));
        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(kit.storage.objects.get(after.thumbnailKey()).bytes()));
        assertEquals(480, thumbnail.getWidth());
        assertEquals(320, thumbnail.getHeight());
        assertEquals("image/jpeg", kit.storage.objects.get(after.thumbnailKey()).contentType());
    }

    @Test
    void aPngNameHoldingTextIsRejectedWithItsReasonAndRemoved() {
        byte[] text = ContentKit.text("not an image at all, just words");
        Content c = kit.uploaded("06", "graphic", "forged.png", "image/png", text);
        assertEquals(ContentIntake.Outcome.REJECTED, kit.intake.objectCreated(c.file().uploadKey()));
        Content after = stored(c);
        assertEquals(ContentStatus.REJECTED, after.status());
        assertEquals("intake", after.rejection().by());
        assertTrue(after.rejection().reason().contains("not image/png"), after.rejection().reason());
        assertTrue(after.rejection().reason().contains("text/plain"), after.rejection().reason());
        assertTrue(kit.storage.objects.isEmpty(), "the object is removed, nothing else was written");
        assertNotNull(after.expiresAt(), "the rejection is kept for a while, then forgotten");
    }

    @Test
    void sizeChecksumDeclaredTypeAndUndecodableImagesAreRejected() {
        byte[] png = ContentKit.png(10, 10);
        Content shorter = kit.uploaded("06", "graphic", "a.png", "image/png", png);
        kit.storage.upload(shorter.file().uploadKey(), Arrays.copyOf(png, png.length - 1), "image/png", false);
        Content checksum = kit.uploaded("06", "graphic", "b.png", "image/png", png);
        byte[] other = ContentKit.png(10, 11);
        kit.storage.upload(checksum.file().uploadKey(), Arrays.copyOf(other, png.length), "image/png", false);
        Content sentAs = kit.uploaded("06", "graphic", "c.png", "image/png", png);
        kit.storage.upload(sentAs.file().uploadKey(), png, "image/gif", false);
        byte[] broken = Arrays.copyOf(png, png.length);
        Arrays.fill(broken, 16, broken.length, (byte) 7);
        Content damaged = kit.uploaded("06", "graphic", "d.png", "image/png", broken);

        for (Content c : new Content[] {shorter, checksum, sentAs, damaged}) {
            assertEquals(ContentIntake.Outcome.REJECTED, kit.intake.objectCreated(c.file().uploadKey()), c.file().name());
        }
        assertTrue(stored(shorter).rejection().reason().contains("bytes long"));
        assertTrue(stored(checksum).rejection().reason().contains("SHA-256"));
        assertTrue(stored(sentAs).rejection().reason().contains("sent as image/gif"));
        assertTrue(stored(damaged).rejection().reason().contains("cannot be decoded"), stored(damaged).rejection().reason());
        assertTrue(kit.storage.objects.isEmpty());
    }

    @Test
    void aLargeFileWithoutAStoreChecksumIsHashedByStreaming() {
        byte[] video = new byte[200_000];
        byte[] header = "\u0000\u0000\u0000\u0018ftypisom".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        System.arraycopy(header, 0, video, 0, header.length);
        Content c = kit.submissions.create("13", ContentKit.request("video", "clip.mp4", "video/mp4", video)).content();
        kit.storage.upload(c.file().uploadKey(), video, "video/mp4", false);
        assertEquals(ContentIntake.Outcome.SUBMITTED, kit.intake.objectCreated(c.file().uploadKey()));
        assertNull(stored(c).thumbnailKey(), "no thumbnail for a video");
    }

    @Test
    void redeliveriesAndStrangersFindNothingToDoButCleaning() {
        Content c = kit.submitted("06");
        Content before = stored(c);
        kit.storage.upload(c.file().uploadKey(), ContentKit.png(64, 48), "image/png", true); // the same upload again
        assertEquals(ContentIntake.Outcome.ALREADY_HANDLED, kit.intake.objectCreated(c.file().uploadKey()));
        assertEquals(before, stored(c));
        assertFalse(kit.storage.objects.containsKey(c.file().uploadKey()));

        kit.storage.upload("uploads/06/kAAAAAAAAAAAAAAAA/x.png", new byte[3], "image/png", false);
        assertEquals(ContentIntake.Outcome.REMOVED_UNKNOWN, kit.intake.objectCreated("uploads/06/kAAAAAAAAAAAAAAAA/x.png"));
        kit.storage.upload("uploads/anything", new byte[3], "image/png", false);
        assertEquals(ContentIntake.Outcome.REMOVED_UNKNOWN, kit.intake.objectCreated("uploads/anything"));
        assertEquals(ContentIntake.Outcome.IGNORED, kit.intake.objectCreated(before.thumbnailKey()));
        assertTrue(kit.storage.objects.keySet().stream().noneMatch(k -> k.startsWith("uploads/")));
        assertEquals(InMemoryObjectStorage.hexSha256(kit.storage.objects.get(before.objectKey()).bytes()), before.file().sha256());
    }

    @Test
    void aHugeProgressiveJpegIsRefusedFromItsHeaderBeforeItIsDecoded() {
        byte[] jpeg = ContentKit.progressiveJpeg(16000, 12000); // 375 KB on disk, 384 MB of coefficients to decode
        Content c = kit.uploaded("06", "graphic", "grande.jpg", "image/jpeg", jpeg);
        assertEquals(ContentIntake.Outcome.REJECTED, kit.intake.objectCreated(c.file().uploadKey()));
        String reason = stored(c).rejection().reason();
        assertTrue(reason.contains("progressive JPEG of 16000×12000"), reason);
        assertTrue(kit.storage.objects.isEmpty(), "the upload is removed, no thumbnail made");
        Content small = kit.uploaded("06", "graphic", "petite.jpg", "image/jpeg", ContentKit.progressiveJpeg(800, 600));
        assertEquals(ContentIntake.Outcome.SUBMITTED, kit.intake.objectCreated(small.file().uploadKey()),
                "a progressive JPEG of a sensible size gets its thumbnail");
        assertNotNull(stored(small).thumbnailKey());
    }

    @Test
    void anErrorWhileCheckingTheFileEndsAsARejectionWithItsReason() {
        Content c = kit.uploaded("06", "graphic", "affiche.png", "image/png", ContentKit.png(64, 48));
        ContentIntake intake = new ContentIntake(kit.store, failingOpen(new OutOfMemoryError("Java heap space")),
                kit.federations, kit.clock);
        assertEquals(ContentIntake.Outcome.REJECTED, intake.objectCreated(c.file().uploadKey()));
        Content after = stored(c);
        assertEquals(ContentStatus.REJECTED, after.status(), "never left awaiting its file");
        assertTrue(after.rejection().reason().contains("could not be processed (OutOfMemoryError)"), after.rejection().reason());
        assertFalse(kit.storage.objects.containsKey(c.file().uploadKey()), "the upload is removed");
    }

    @Test
    void aFileWhoseCheckKeepsFailingIsRejectedAfterThreeAttempts() {
        Content c = kit.uploaded("06", "graphic", "affiche.png", "image/png", ContentKit.png(64, 48));
        ContentIntake intake = new ContentIntake(kit.store, failingOpen(new IllegalStateException("S3 reset the connection")),
                kit.federations, kit.clock);
        for (int attempt = 1; attempt <= ContentIntake.MAX_ATTEMPTS; attempt++) {
            assertThrows(IllegalStateException.class, () -> intake.objectCreated(c.file().uploadKey()), "retried by Lambda");
            assertEquals(ContentStatus.AWAITING_UPLOAD, stored(c).status());
        }
        assertEquals(ContentIntake.Outcome.REJECTED, intake.objectCreated(c.file().uploadKey()));
        assertTrue(stored(c).rejection().reason().contains("after 3 attempts"), stored(c).rejection().reason());
        assertFalse(kit.storage.objects.containsKey(c.file().uploadKey()));
    }

    @Test
    void headersGiveTheDimensionsBeforeAnyDecoder() throws Exception {
        assertEquals(new ImageHeader(300, 200, false, 0), ImageHeader.read(ContentKit.png(300, 200), "image/png").orElseThrow());
        ImageHeader progressive = ImageHeader.read(ContentKit.progressiveJpeg(16000, 12000), "image/jpeg").orElseThrow();
        assertTrue(progressive.progressive());
        assertEquals(2000L * 1500, progressive.blocks());
        BufferedImage rgb = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream jpeg = new java.io.ByteArrayOutputStream();
        ImageIO.write(rgb, "jpeg", jpeg);
        ImageHeader baseline = ImageHeader.read(jpeg.toByteArray(), "image/jpeg").orElseThrow();
        assertEquals(320, baseline.width());
        assertEquals(240, baseline.height());
        assertFalse(baseline.progressive());
        java.io.ByteArrayOutputStream gif = new java.io.ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(90, 70, BufferedImage.TYPE_BYTE_INDEXED), "gif", gif);
        assertEquals(90, ImageHeader.read(gif.toByteArray(), "image/gif").orElseThrow().width());
        assertTrue(ImageHeader.read(new byte[] {1, 2, 3}, "image/jpeg").isEmpty());
    }

    /** The kit's storage, except that reading an object throws this. */
    private fr.eterrain.core.storage.ObjectStorage failingOpen(Throwable failure) {
        return (fr.eterrain.core.storage.ObjectStorage) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {fr.eterrain.core.storage.ObjectStorage.class}, (proxy, method, args) -> {
                    if (method.getName().equals("open")) {
                        throw failure;
                    }
                    try {
                        return method.invoke(kit.storage, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
