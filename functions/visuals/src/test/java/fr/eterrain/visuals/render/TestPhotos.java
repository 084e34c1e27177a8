package fr.eterrain.visuals.render;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Photos made for tests and the benchmark, deterministic, with what makes real photos hard: a bright sky, a dark
 * night, busy high-contrast detail, and sensor grain everywhere (which is also what makes photos weigh in PNG).
 */
public final class TestPhotos {
    private TestPhotos() {
    }

    /** A sunny street: a pale sky near white, a sun, light façades. The hard case for white text. */
    public static BufferedImage light(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(image);
        g.setPaint(new GradientPaint(0, 0, new Color(0xA9D4F5), 0, h * 0.6f, new Color(0xF4F9FF)));
        g.fillRect(0, 0, w, h);
        g.setPaint(new RadialGradientPaint(w * 0.72f, h * 0.22f, w * 0.25f, new float[] {0, 1},
                new Color[] {new Color(255, 255, 240), new Color(255, 255, 240, 0)}));
        g.fillRect(0, 0, w, h);
        Random r = new Random(7);
        for (int i = 0; i < 9; i++) {
            int bw = w / 9 + r.nextInt(w / 12);
            int bh = (int) (h * (0.25 + r.nextDouble() * 0.3));
            int x = i * w / 9 - r.nextInt(w / 30);
            g.setColor(new Color(230 + r.nextInt(25), 222 + r.nextInt(25), 205 + r.nextInt(30)));
            g.fillRect(x, h - bh, bw, bh);
            g.setColor(new Color(180, 200, 215));
            for (int wy = h - bh + 30; wy < h - 40; wy += 70) {
                for (int wx = x + 20; wx < x + bw - 30; wx += 55) {
                    g.fillRect(wx, wy, 26, 38);
                }
            }
        }
        g.setColor(new Color(0xE9E4DA));
        g.fillRect(0, (int) (h * 0.9), w, h);
        g.dispose();
        return grain(image, 4, 11);
    }

    /** A street at night: near black, a few warm lights. */
    public static BufferedImage dark(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(image);
        g.setPaint(new GradientPaint(0, 0, new Color(0x05070F), 0, h, new Color(0x1A1410)));
        g.fillRect(0, 0, w, h);
        Random r = new Random(3);
        for (int i = 0; i < 40; i++) {
            float x = r.nextFloat() * w;
            float y = h * 0.3f + r.nextFloat() * h * 0.6f;
            float radius = 20 + r.nextFloat() * 60;
            g.setPaint(new RadialGradientPaint(x, y, radius, new float[] {0, 1},
                    new Color[] {new Color(255, 200, 120, 200), new Color(255, 200, 120, 0)}));
            g.fill(new Ellipse2D.Float(x - radius, y - radius, 2 * radius, 2 * radius));
        }
        g.dispose();
        return grain(image, 4, 5);
    }

    /** A crowd with placards: saturated patches, white and black side by side. The hard case for any overlay. */
    public static BufferedImage busy(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(image);
        Random r = new Random(11);
        g.setColor(new Color(0x8FA3B8));
        g.fillRect(0, 0, w, h);
        for (int i = 0; i < 260; i++) {
            g.setColor(switch (r.nextInt(5)) {
                case 0 -> Color.WHITE;
                case 1 -> Color.BLACK;
                case 2 -> new Color(0xFFD400);
                case 3 -> new Color(0xE4003B);
                default -> new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256));
            });
            int x = r.nextInt(w);
            int y = r.nextInt(h);
            int s = 30 + r.nextInt(Math.max(31, w / 6));
            if (r.nextBoolean()) {
                g.fillRect(x - s / 2, y - s / 3, s, (int) (s * 0.66));
            } else {
                g.fill(new Ellipse2D.Double(x - s / 2.0, y - s / 2.0, s, s));
            }
        }
        g.dispose();
        return grain(image, 6, 13);
    }

    /** Head and shoulders before a soft background, the face in the upper middle. */
    public static BufferedImage portrait(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(image);
        g.setPaint(new GradientPaint(0, 0, new Color(0x6E8FA8), w, h, new Color(0xC9D6C8)));
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(0x2C3E66));
        Path2D shoulders = new Path2D.Double();
        shoulders.moveTo(w * 0.1, h);
        shoulders.curveTo(w * 0.15, h * 0.68, w * 0.85, h * 0.68, w * 0.9, h);
        shoulders.closePath();
        g.fill(shoulders);
        g.setColor(new Color(0xE0B394));
        g.fill(new Ellipse2D.Double(w * 0.33, h * 0.2, w * 0.34, h * 0.42));
        g.setColor(new Color(0x3B2A20));
        g.fill(new Ellipse2D.Double(w * 0.31, h * 0.14, w * 0.38, h * 0.2));
        g.dispose();
        return grain(image, 3, 17);
    }

    public static byte[] jpeg(BufferedImage image) {
        return encode(image, "jpeg");
    }

    public static byte[] png(BufferedImage image) {
        return encode(image, "png");
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        return g;
    }

    /** Gaussian sensor noise of the given deviation on every channel. */
    private static BufferedImage grain(BufferedImage image, double sigma, long seed) {
        Random r = new Random(seed);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int n = (int) Math.round(r.nextGaussian() * sigma);
                image.setRGB(x, y, (clamp(((rgb >> 16) & 0xFF) + n) << 16) | (clamp(((rgb >> 8) & 0xFF) + n) << 8)
                        | clamp((rgb & 0xFF) + n));
            }
        }
        return image;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
