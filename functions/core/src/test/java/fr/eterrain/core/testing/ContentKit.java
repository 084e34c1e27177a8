package fr.eterrain.core.testing;

import fr.eterrain.core.access.Caller;
import fr.eterrain.core.content.Content;
import fr.eterrain.core.content.ContentIntake;
import fr.eterrain.core.content.ContentLinks;
import fr.eterrain.core.content.ContentSubmissions;
import fr.eterrain.core.content.Decision;
import fr.eterrain.core.content.Engagements;
import fr.eterrain.core.content.Moderation;
import fr.eterrain.core.content.NewContent;
import fr.eterrain.core.security.KeyedHash;
import fr.eterrain.core.selection.Selections;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import javax.imageio.ImageIO;

/** The content library wired over in-memory fakes, and the steps tests repeat. */
public final class ContentKit {
    public static final String BASE_URL = "https://api.e-terrain.test";
    public final Fakes.MutableClock clock = new Fakes.MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    public final InMemoryContentStore store = new InMemoryContentStore();
    public final InMemoryObjectStorage storage = new InMemoryObjectStorage(clock);
    public final InMemorySelectionStore selectionStore = new InMemorySelectionStore();
    public final Fakes.Federations federations = new Fakes.Federations();
    public final Fakes.RecordingEvents events = new Fakes.RecordingEvents();
    public final ContentLinks links = new ContentLinks(BASE_URL, storage);
    public final ContentSubmissions submissions = new ContentSubmissions(store, storage, clock);
    public final ContentIntake intake = new ContentIntake(store, storage, federations, clock);
    public final Moderation moderation = new Moderation(store, clock);
    public final Engagements engagements = new Engagements(store, new KeyedHash(TestCore.key("hash")), clock);
    public final Selections selections = new Selections(store, selectionStore, events, federations, links, BASE_URL, clock);

    public static final Caller HQ = new Caller("hqkey", Caller.HQ);

    public static Caller federationKey(String federation) {
        return new Caller("key" + federation, federation);
    }

    public static NewContent request(String kind, String fileName, String contentType, byte[] bytes) {
        return request(kind, fileName, contentType, bytes.length, InMemoryObjectStorage.hexSha256(bytes));
    }

    public static NewContent request(String kind, String fileName, String contentType, long size, String sha256) {
        return new NewContent("Affiche de la rentrée", kind, "Pour les marchés.", List.of("rentrée"), "Fédération 06",
                new Content.Rights("Fédération 06", "own-work"), "Marie D.", fileName, contentType, size, sha256);
    }

    /** Created, then the bytes uploaded as a client would (with the checksum header of the presigned PUT). */
    public Content uploaded(String federation, String kind, String fileName, String contentType, byte[] bytes) {
        ContentSubmissions.Created created = submissions.create(federation, request(kind, fileName, contentType, bytes));
        storage.upload(created.content().file().uploadKey(), bytes, contentType, true);
        return created.content();
    }

    /** Through the intake: a submitted graphic. */
    public Content submitted(String federation) {
        Content c = uploaded(federation, "graphic", "affiche.png", "image/png", png(64, 48));
        intake.objectCreated(c.file().uploadKey());
        return store.find(federation, c.id()).orElseThrow();
    }

    /** Approved by its federation: published for it only, in HQ's review queue. */
    public Content approvedByFederation(String federation) {
        Content c = submitted(federation);
        return moderation.decide(federationKey(federation), federation, c.id(), Decision.Verdict.APPROVE, null);
    }

    /** In the national library: approved by its federation, then by HQ. */
    public Content approved(String federation) {
        Content c = approvedByFederation(federation);
        return moderation.decideNationally(HQ, federation, c.id(), Decision.Verdict.APPROVE, null);
    }

    public static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(200, 30, 60, 180));
        g.fillRect(0, 0, width / 2, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A valid progressive grayscale JPEG of the given size, tiny on disk: one DC scan where every 8×8 block is
     * the same grey (one bit each). Decoding it makes libjpeg hold every block's coefficients in memory at once
     * (width × height × 2 bytes): a 16000×12000 one asks for 384 MB, a 2 GB function with Java's heap beside it
     * dies of it.
     */
    public static byte[] progressiveJpeg(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8});
        // DQT: table 0, all ones.
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xDB, 0, 67, 0});
        for (int i = 0; i < 64; i++) {
            out.write(1);
        }
        // SOF2 (progressive, Huffman): 8 bits, height, width, one component 1x1 on table 0.
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xC2, 0, 11, 8, (byte) (height >> 8), (byte) height,
                (byte) (width >> 8), (byte) width, 1, 1, 0x11, 0});
        // DHT: DC table 0 with a single 1-bit code "0" for category 0 (difference 0).
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xC4, 0, 20, 0x00, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        // SOS: the DC scan of component 1 (Ss=0, Se=0, Ah=Al=0).
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xDA, 0, 8, 1, 1, 0x00, 0, 0, 0});
        long blocks = (long) ((width + 7) / 8) * ((height + 7) / 8);
        out.writeBytes(new byte[(int) (blocks / 8)]);
        if (blocks % 8 != 0) {
            out.write(0xFF >> (blocks % 8)); // the last codes, then 1-bit padding (never 0xFF: no stuffing)
        }
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD9});
        return out.toByteArray();
    }

    public static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
