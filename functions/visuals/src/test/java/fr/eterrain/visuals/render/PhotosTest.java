package fr.eterrain.visuals.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PhotosTest {
    /** 80 × 40: red on the left half, blue on the right. */
    private static BufferedImage halves() {
        BufferedImage image = new BufferedImage(80, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 40, 40);
        g.setColor(Color.BLUE);
        g.fillRect(40, 0, 40, 40);
        g.dispose();
        return image;
    }

    @Test
    void aPhoneJpegIsTurnedUprightFromItsExifOrientation() {
        byte[] plain = TestPhotos.jpeg(halves());
        BufferedImage upright = Photos.decode(plain, "f");
        assertEquals(80, upright.getWidth());
        // 6: the camera was turned clockwise; the left half ends on top.
        BufferedImage six = Photos.decode(withOrientation(plain, 6), "f");
        assertEquals(40, six.getWidth());
        assertEquals(80, six.getHeight());
        assertTrue(red(six.getRGB(20, 10)) && !red(six.getRGB(20, 70)));
        // 8: anticlockwise; the left half ends at the bottom.
        BufferedImage eight = Photos.decode(withOrientation(plain, 8), "f");
        assertTrue(!red(eight.getRGB(20, 10)) && red(eight.getRGB(20, 70)));
        // 3: upside down; left and right swap.
        BufferedImage three = Photos.decode(withOrientation(plain, 3), "f");
        assertTrue(!red(three.getRGB(10, 20)) && red(three.getRGB(70, 20)));
    }

    @Test
    void coverKeepsTheFocalPointInView() {
        Photos.Photo left = new Photos.Photo(halves(), 0.1, 0.5);
        Photos.Photo right = new Photos.Photo(halves(), 0.9, 0.5);
        assertTrue(drawnCentre(left), "focus on the red half");
        assertTrue(!drawnCentre(right), "focus on the blue half");
        assertThrows(IllegalArgumentException.class, () -> new Photos.Photo(halves(), 1.5, 0.5));
    }

    @Test
    void whatIsNotAReadableImageIsRefusedNamingTheField() {
        Refusal webp = assertThrows(Refusal.class, () -> Photos.decode("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1), "fields.photo.data"));
        assertEquals(415, webp.status());
        assertEquals("fields.photo.data", webp.field());
        byte[] damaged = new byte[600];
        damaged[0] = (byte) 0xFF;
        damaged[1] = (byte) 0xD8;
        damaged[2] = (byte) 0xFF;
        Refusal broken = assertThrows(Refusal.class, () -> Photos.decode(damaged, "fields.photo.data"));
        assertEquals("photo_unreadable", broken.code());
        Refusal heavy = assertThrows(Refusal.class, () -> Photos.decode(new byte[Photos.MAX_BYTES + 1], "fields.photo.data"));
        assertEquals(413, heavy.status());
    }

    private static int drawnCentreRgb(Photos.Photo photo) {
        BufferedImage target = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        Photos.cover(g, photo, new Rectangle2D.Double(0, 0, 40, 40), null);
        g.dispose();
        return target.getRGB(20, 20);
    }

    private static boolean drawnCentre(Photos.Photo photo) {
        return red(drawnCentreRgb(photo));
    }

    private static boolean red(int rgb) {
        return ((rgb >> 16) & 0xFF) > 150 && (rgb & 0xFF) < 100;
    }

    /** The JPEG with an EXIF block (APP1, big-endian TIFF, one IFD entry: orientation) right after SOI. */
    static byte[] withOrientation(byte[] jpeg, int orientation) {
        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        tiff.writeBytes(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8}); // header, IFD0 at 8
        tiff.writeBytes(new byte[] {0, 1}); // one entry
        tiff.writeBytes(new byte[] {0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0}); // SHORT, count 1
        tiff.writeBytes(new byte[] {0, 0, 0, 0}); // no next IFD
        byte[] body = tiff.toByteArray();
        int length = 2 + 6 + body.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length});
        out.writeBytes("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
