package fr.eterrain.core.content;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * JPEG thumbnails of PNG, JPEG and GIF images with the JDK's ImageIO (headless). The dimensions are read from the
 * header first ({@link ImageHeader}) and bound what is decoded: at most {@value #MAX_PIXELS} pixels, decoded
 * subsampled so a huge picture never needs its full size in memory; and a progressive JPEG, which the decoder holds
 * whole as coefficients whatever the subsampling, at most {@value #MAX_PROGRESSIVE_BYTES} bytes of them (about 45
 * megapixels in full colour, 90 with the usual 4:2:0 chroma). Whatever happens while decoding, an {@link Error}
 * such as OutOfMemoryError included, ends as {@link Unreadable} with a reason. WebP has no ImageIO reader in the JDK:
 * no thumbnail for it (the library shows a generic icon).
 */
public final class Thumbnails {
    public static final int MAX_SIDE = 480;
    /** Above this an image is refused: decoding it even subsampled would take too long. */
    static final long MAX_PIXELS = 200_000_000L;
    /** Coefficients a progressive JPEG's decoder may hold (native memory, beside the function's Java heap). */
    static final long MAX_PROGRESSIVE_BYTES = 256L << 20;

    static {
        System.setProperty("java.awt.headless", "true");
        ImageIO.setUseCache(false); // in memory: the images are small and /tmp is not for this
    }

    private Thumbnails() {
    }

    /** The file is not an image we can read, although its first bytes said so. */
    public static final class Unreadable extends Exception {
        public Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    public static boolean supports(String contentType) {
        return contentType.equals("image/png") || contentType.equals("image/jpeg") || contentType.equals("image/gif");
    }

    /** A JPEG at most {@value #MAX_SIDE} px on its longer side; empty for types without a thumbnail. */
    public static Optional<byte[]> jpeg(byte[] image, String contentType) throws Unreadable {
        if (!supports(contentType)) {
            return Optional.empty();
        }
        ImageHeader header = ImageHeader.read(image, contentType).orElseThrow(() ->
                new Unreadable("The image cannot be decoded: it is damaged or not really " + contentType + "."));
        bound(header.width(), header.height());
        if (header.progressive() && header.coefficientBytes() > MAX_PROGRESSIVE_BYTES) {
            throw new Unreadable("The image is a progressive JPEG of " + header.width() + "×" + header.height()
                    + " px: too large to decode for a thumbnail (at most " + MAX_PROGRESSIVE_BYTES / (1 << 20)
                    + " MB of coefficients). Save it as a baseline JPEG, or smaller.");
        }
        try {
            return Optional.of(decode(image, contentType));
        } catch (Unreadable e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new Unreadable("The image cannot be decoded: it is damaged or not really " + contentType + ".");
        } catch (Error e) {
            // Out of memory or stack in a decoder: the decoding frames are gone, the content must not stay stuck.
            throw new Unreadable("The image could not be processed (" + e.getClass().getSimpleName() + "): it is too "
                    + "large or too complex to make a thumbnail.");
        }
    }

    private static void bound(int width, int height) throws Unreadable {
        if (width <= 0 || height <= 0 || (long) width * height > MAX_PIXELS) {
            throw new Unreadable("The image is " + width + "×" + height + " px: at most "
                    + MAX_PIXELS / 1_000_000 + " megapixels.");
        }
    }

    private static byte[] decode(byte[] image, String contentType) throws IOException, Unreadable {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new Unreadable("The image cannot be read.");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                bound(width, height); // the decoder's own view, should it differ from the header
                ImageReadParam param = reader.getDefaultReadParam();
                int step = Math.max(1, Math.max(width, height) / (2 * MAX_SIDE));
                param.setSourceSubsampling(step, step, 0, 0);
                return encode(scale(reader.read(0, param)));
            } finally {
                reader.dispose();
            }
        }
    }

    private static BufferedImage scale(BufferedImage source) {
        double ratio = Math.min(1.0, (double) MAX_SIDE / Math.max(source.getWidth(), source.getHeight()));
        int w = Math.max(1, (int) Math.round(source.getWidth() * ratio));
        int h = Math.max(1, (int) Math.round(source.getHeight() * ratio));
        // JPEG has no alpha: transparent areas become white, as on a page.
        BufferedImage target = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.drawImage(source, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    private static byte[] encode(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "jpeg", out)) {
            throw new IOException("no JPEG writer");
        }
        return out.toByteArray();
    }
}
