package fr.eterrain.visuals.render;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Photos given for a background or a portrait: checked (a real JPEG, PNG or GIF, within size limits) before any
 * decoding, decoded subsampled so that a huge picture never needs its full size in memory, turned upright from a
 * phone's EXIF orientation, and drawn to cover an area around a focal point.
 */
public final class Photos {
    /** Bytes of one photo (the request body carries it in base64, and API Gateway takes 10 MB at most). */
    public static final int MAX_BYTES = 5 << 20;
    /** Above this a photo is refused before decoding: 50 megapixels is more than any phone takes. */
    public static final long MAX_PIXELS = 50_000_000L;
    /** Decoded images are kept at least this large on their shorter side (the largest format is 1080 wide). */
    static final int DECODE_MIN_SIDE = 1400;

    static {
        System.setProperty("java.awt.headless", "true");
        ImageIO.setUseCache(false);
    }

    private Photos() {
    }

    /** A decoded photo and the point (0–1 across, 0–1 down) that must stay in view when it is cropped. */
    public record Photo(BufferedImage image, double focusX, double focusY) {
        public Photo {
            if (!(focusX >= 0 && focusX <= 1 && focusY >= 0 && focusY <= 1)) {
                throw new IllegalArgumentException("focus out of 0–1");
            }
        }
    }

    /**
     * @param field the request field the bytes came from, named in refusals
     * @throws Refusal 413 too large, 415 not an image we read, 400 damaged
     */
    public static BufferedImage decode(byte[] bytes, String field) {
        return decode(bytes, field, MAX_BYTES);
    }

    /** @param maxBytes the limit for where the bytes come from (a request, or the library's own limit) */
    public static BufferedImage decode(byte[] bytes, String field, int maxBytes) {
        if (bytes.length > maxBytes) {
            throw new Refusal(413, "photo_too_large", "The photo is " + mib(bytes.length) + " MiB; at most "
                    + mib(maxBytes) + " MiB (a phone photo resized to 2,000 px is plenty).", field);
        }
        String type = sniff(bytes);
        if (type == null) {
            throw new Refusal(415, "photo_not_an_image", "The photo is not a JPEG, PNG or GIF image.", field);
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new Refusal(415, "photo_not_an_image", "The photo is not a JPEG, PNG or GIF image.", field);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, false);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0 || (long) width * height > MAX_PIXELS) {
                    throw new Refusal(413, "photo_too_large", "The photo is " + width + "×" + height + " px; at most "
                            + MAX_PIXELS / 1_000_000 + " megapixels.", field);
                }
                int orientation = type.equals("image/jpeg") ? Exif.orientation(bytes) : 1;
                ImageReadParam param = reader.getDefaultReadParam();
                int step = Math.max(1, Math.min(width, height) / DECODE_MIN_SIDE);
                param.setSourceSubsampling(step, step, 0, 0);
                return upright(toRgb(reader.read(0, param)), orientation);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof Refusal refusal) {
                throw refusal;
            }
            throw Refusal.badRequest("photo_unreadable", "The photo cannot be decoded: it is damaged or not really " + type + ".", field);
        }
    }

    /** The media type from the magic number, or null: never from a name or a declared type. */
    static String sniff(byte[] b) {
        if (b.length > 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "image/png";
        }
        if (b.length > 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return "image/jpeg";
        }
        if (b.length > 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') {
            return "image/gif";
        }
        return null;
    }

    /**
     * Draws the photo so that it covers {@code area} (clipped to {@code clip} when not null), scaled as little as
     * covering allows, the focal point as near the area's centre as the photo's edges let it be.
     */
    public static void cover(Graphics2D g, Photo photo, Rectangle2D area, Shape clip) {
        BufferedImage image = photo.image();
        double scale = Math.max(area.getWidth() / image.getWidth(), area.getHeight() / image.getHeight());
        double drawnW = image.getWidth() * scale;
        double drawnH = image.getHeight() * scale;
        double x = area.getCenterX() - photo.focusX() * drawnW;
        double y = area.getCenterY() - photo.focusY() * drawnH;
        x = Math.min(area.getMinX(), Math.max(area.getMaxX() - drawnW, x));
        y = Math.min(area.getMinY(), Math.max(area.getMaxY() - drawnH, y));
        // Large reductions in one bilinear step alias; halve first (each halving averages four pixels).
        double deviceScale = scale * Math.abs(g.getTransform().getScaleX());
        BufferedImage source = image;
        while (deviceScale < 0.5 && source.getWidth() > 2 && source.getHeight() > 2) {
            source = half(source, BufferedImage.TYPE_INT_RGB);
            deviceScale *= 2;
        }
        double sourceScale = drawnW / source.getWidth();
        Shape previous = g.getClip();
        if (clip != null) {
            g.clip(clip);
        } else {
            g.clip(area);
        }
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        AffineTransform at = new AffineTransform(sourceScale, 0, 0, sourceScale, x, y);
        g.drawImage(source, at, null);
        g.setClip(previous);
    }

    /** Half the size, each pixel the average of four (bilinear at exactly half). */
    static BufferedImage half(BufferedImage source, int type) {
        int w = Math.max(1, source.getWidth() / 2);
        int h = Math.max(1, source.getHeight() / 2);
        BufferedImage target = new BufferedImage(w, h, type);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(source, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    /** Opaque RGB (a transparent PNG's transparent parts become white, as on a page). */
    private static BufferedImage toRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    /** EXIF orientations 2–8 (mirrors and rotations) undone, so the photo stands as it was taken. */
    static BufferedImage upright(BufferedImage image, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swap = orientation >= 5;
        int targetW = swap ? h : w;
        int[] source = image.getRGB(0, 0, w, h, null, 0, w);
        int[] target = new int[source.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int tx;
                int ty;
                switch (orientation) {
                    case 2 -> { tx = w - 1 - x; ty = y; }
                    case 3 -> { tx = w - 1 - x; ty = h - 1 - y; }
                    case 4 -> { tx = x; ty = h - 1 - y; }
                    case 5 -> { tx = y; ty = x; }
                    case 6 -> { tx = h - 1 - y; ty = x; }
                    case 7 -> { tx = h - 1 - y; ty = w - 1 - x; }
                    default -> { tx = y; ty = w - 1 - x; } // 8
                }
                target[ty * targetW + tx] = source[y * w + x];
            }
        }
        BufferedImage result = new BufferedImage(targetW, swap ? w : h, BufferedImage.TYPE_INT_RGB);
        result.setRGB(0, 0, targetW, swap ? w : h, target, 0, targetW);
        return result;
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / (double) (1 << 20));
    }
}
