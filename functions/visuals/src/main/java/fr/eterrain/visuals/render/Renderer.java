package fr.eterrain.visuals.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.List;

/**
 * Paints a {@link Visual}: base, overlay, decorations, then texts. Before any text is drawn, the pixels behind each
 * text's ink are measured (WCAG relative luminance, every pixel) against the text's colour; over a photo the overlay
 * is raised step by step until every text reaches {@value Colors#MIN_CONTRAST}:1, up to hiding the photo. A visual
 * without a photo that misses it is a defect of the templates, never shipped: it throws.
 */
public final class Renderer {
    /** Overlay strengths tried in turn over a photo. */
    static final double[] OVERLAY_STEPS = {0, 0.15, 0.3, 0.45, 0.6, 0.75, 0.9, 1, Composition.Overlay.SOLID};

    private Renderer() {
    }

    /** @param scale 1 for the format's own size; 0.5 for a quick preview of the very same layout */
    public static Rendered render(Visual visual, BrandKit brand, double scale) {
        return render(visual, brand, scale, null);
    }

    /** @param background receives a copy of the composited background before any text is drawn (tests measure it) */
    static Rendered render(Visual visual, BrandKit brand, double scale, java.util.function.Consumer<BufferedImage> background) {
        Composition c = visual.template().compose(visual, brand);
        Frame f = c.frame;
        int w = (int) Math.round(f.width * scale);
        int h = (int) Math.round(f.height * scale);
        BufferedImage base = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(base, scale);
        try {
            c.base.forEach(p -> p.paint(g));
        } finally {
            g.dispose();
        }
        double[] steps = c.overlay == null ? new double[] {0} : OVERLAY_STEPS;
        BufferedImage image = null;
        List<Double> contrasts = null;
        double used = 0;
        for (double step : steps) {
            image = copy(base);
            Graphics2D layer = graphics(image, scale);
            try {
                if (c.overlay != null) {
                    c.overlay.paint(layer, step);
                }
                c.decor.forEach(p -> p.paint(layer));
            } finally {
                layer.dispose();
            }
            contrasts = measure(image, c.texts, scale);
            used = step;
            if (contrasts.stream().allMatch(r -> r >= Colors.MIN_CONTRAST)) {
                break;
            }
        }
        double lowest = contrasts.stream().mapToDouble(Double::doubleValue).min().orElse(Double.POSITIVE_INFINITY);
        if (lowest < Colors.MIN_CONTRAST) {
            throw new IllegalStateException(visual.template().id() + " at " + f.format.id() + ": a text reaches only "
                    + lowest + ":1 on its background");
        }
        if (background != null) {
            background.accept(copy(image));
        }
        Graphics2D text = graphics(image, scale);
        try {
            c.texts.forEach(t -> t.draw(text));
        } finally {
            text.dispose();
        }
        return new Rendered(image, f.format, List.copyOf(c.texts), List.copyOf(contrasts), c.overlay == null ? 0 : used, scale, c.overlay != null);
    }

    /** The lowest contrast of each text's colour over every pixel behind its ink. */
    static List<Double> measure(BufferedImage image, List<Composition.Placed> texts, double scale) {
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        int w = image.getWidth();
        int h = image.getHeight();
        List<Double> result = new ArrayList<>(texts.size());
        for (Composition.Placed t : texts) {
            Rectangle2D ink = t.ink();
            int x0 = clamp((int) Math.floor(ink.getMinX() * scale), w);
            int y0 = clamp((int) Math.floor(ink.getMinY() * scale), h);
            int x1 = clamp((int) Math.ceil(ink.getMaxX() * scale), w);
            int y1 = clamp((int) Math.ceil(ink.getMaxY() * scale), h);
            double textLuminance = Colors.luminance(t.color());
            double lowest = Double.POSITIVE_INFINITY;
            for (int y = y0; y < y1; y++) {
                int row = y * w;
                for (int x = x0; x < x1; x++) {
                    double ratio = Colors.contrast(textLuminance, Colors.luminance(pixels[row + x]));
                    if (ratio < lowest) {
                        lowest = ratio;
                    }
                }
            }
            result.add(lowest);
        }
        return result;
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }

    private static BufferedImage copy(BufferedImage source) {
        BufferedImage copy = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_INT_RGB);
        int[] from = ((DataBufferInt) source.getRaster().getDataBuffer()).getData();
        int[] to = ((DataBufferInt) copy.getRaster().getDataBuffer()).getData();
        System.arraycopy(from, 0, to, 0, from.length);
        return copy;
    }

    static Graphics2D graphics(BufferedImage image, double scale) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_ALPHA_INTERPOLATION, RenderingHints.VALUE_ALPHA_INTERPOLATION_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
        g.setColor(Color.WHITE);
        g.scale(scale, scale);
        return g;
    }
}
