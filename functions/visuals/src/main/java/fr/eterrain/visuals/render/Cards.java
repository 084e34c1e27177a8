package fr.eterrain.visuals.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.UnaryOperator;
import javax.imageio.ImageIO;

/** What every template shares: the label chip, the signature (logo, party, federation) and the edge bar. */
final class Cards {
    private static final BufferedImage LOGO = logo();
    private static final java.util.Map<Integer, BufferedImage> HALVED = new java.util.concurrent.ConcurrentHashMap<>();

    private Cards() {
    }

    /**
     * A label in capitals on a coloured chip at (x, y).
     *
     * @return the chip's width
     */
    static double chip(Composition c, String field, String label, double x, double y, double maxWidth, Color background,
                       Color foreground) {
        Frame f = c.frame;
        double h = f.chipHeight;
        TextStyle style = TextStyle.of(Fonts.Weight.BOLD, h * 0.40, h * 0.30, 1).label(0.09);
        double padding = h * 0.42;
        TextBlock block = require(TextBlock.fit(label, style, maxWidth - 2 * padding, h), field);
        double w = block.textWidth() + 2 * padding;
        c.fill(background, new Rectangle2D.Double(x, y, w, h), true);
        c.text(field, block, x + padding, y + (h - block.height()) / 2, foreground);
        return w;
    }

    /** Logo, party name and federation name at the frame's footer; the accent bar along the bottom edge. */
    static void signature(Composition c, BrandKit brand, Color text, boolean edgeBar) {
        signature(c, brand, text, edgeBar, c.frame.contentWidth() * 0.62);
    }

    /** @param maxWidth how wide the signature may run from the left margin */
    static void signature(Composition c, BrandKit brand, Color text, boolean edgeBar, double maxWidth) {
        Frame f = c.frame;
        Rectangle2D footer = f.footer;
        double logo = footer.getHeight();
        c.decor(g -> drawLogo(g, footer.getMinX(), footer.getMinY(), logo));
        double x = footer.getMinX() + logo + 22 * f.u;
        double w = footer.getMinX() + maxWidth - x;
        TextBlock party = require(TextBlock.fit(brand.partyName(),
                TextStyle.of(Fonts.Weight.EXTRA_BOLD, logo * 0.40, logo * 0.26, 1).lineHeight(1.0), w, logo * 0.56), "brand.partyName");
        TextBlock federation = require(TextBlock.fit(brand.federation(),
                TextStyle.of(Fonts.Weight.BOLD, logo * 0.22, logo * 0.15, 1).label(0.08), w, logo * 0.40), "brand.federation");
        double gap = logo * 0.04;
        double y = footer.getMinY() + (logo - party.height() - gap - federation.height()) / 2;
        c.text("brand.partyName", party, x, y, text);
        c.text("brand.federation", federation, x, y + party.height() + gap, text);
        if (edgeBar) {
            c.fill(brand.accent(), f.edgeBar(), true);
        }
    }

    static void drawLogo(Graphics2D g, double x, double y, double size) {
        // Reduced by halves first (one bilinear step from 512 px to 80 would alias), once per size.
        double device = size * Math.abs(g.getTransform().getScaleX());
        BufferedImage source = HALVED.computeIfAbsent((int) Math.ceil(device), d -> {
            BufferedImage image = LOGO;
            while (image.getWidth() / 2.0 >= d && image.getWidth() > 64) {
                image = Photos.half(image, BufferedImage.TYPE_INT_ARGB);
            }
            return image;
        });
        Object previous = g.getRenderingHint(RenderingHints.KEY_INTERPOLATION);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        double scale = size / source.getWidth();
        g.drawImage(source, new AffineTransform(scale, 0, 0, scale, x, y), null);
        if (previous != null) {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, previous);
        }
    }

    /** A request field fitted into its slot (recorded on the composition), or the refusal that names it. */
    static TextBlock fit(Composition c, String field, String text, TextStyle style, double width, double maxHeight) {
        return fit(c, field, UnaryOperator.identity(), text, style, width, maxHeight);
    }

    /** @param shown what is drawn of the field's text (guillemets added, a prefix…) */
    static TextBlock fit(Composition c, String field, UnaryOperator<String> shown, String text, TextStyle style, double width,
                         double maxHeight) {
        c.slots.add(new Composition.Slot(field, style, width, maxHeight, shown));
        TextBlock block = TextBlock.fit(shown.apply(text), style, width, maxHeight);
        if (block == null) {
            int max = c.visual.template().field(field.substring("fields.".length())).map(s -> s.maxLength(c.frame.format)).orElse(0);
            throw Refusal.badRequest("text_does_not_fit", field + " does not fit in its space even at the smallest size"
                    + (max > 0 ? " (at most " + max + " characters of ordinary words fit at " + c.frame.format.id() + ")" : "")
                    + ": shorten it, or break very long words.", field);
        }
        return block;
    }

    /** A brand text (label, party, federation) fitted: these are ours and short, so failing is a defect. */
    static TextBlock require(TextBlock block, String field) {
        if (block == null) {
            throw new IllegalStateException(field + " does not fit its place");
        }
        return block;
    }

    private static BufferedImage logo() {
        try (InputStream in = Cards.class.getResourceAsStream("/fr/eterrain/visuals/brand/logo.png")) {
            if (in == null) {
                throw new IllegalStateException("bundled logo missing");
            }
            return ImageIO.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
