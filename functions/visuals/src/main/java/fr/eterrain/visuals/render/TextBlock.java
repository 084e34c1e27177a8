package fr.eterrain.visuals.render;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.font.FontRenderContext;
import java.awt.font.LineBreakMeasurer;
import java.awt.font.LineMetrics;
import java.awt.font.TextAttribute;
import java.awt.font.TextLayout;
import java.awt.geom.Rectangle2D;
import java.text.AttributedString;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A text wrapped into a width by line-break measurement ({@link LineBreakMeasurer} over {@link TextLayout}, so
 * kerning, ligatures and the font's shaping apply) at the largest size of its style that fits, never under the
 * smallest. Fitting is decided on the real drawn pixels: a block fits when the pixel bounds of every line lie inside
 * the block's box, whose height must not exceed the height given. Words are never cut: a word wider than the box
 * at the smallest size means the text does not fit.
 *
 * <p>Coordinates are relative to the block's box, top-left at (0, 0); {@link #draw} places it.
 */
public final class TextBlock {
    /** Antialiased, fractional metrics: the layout does not depend on a screen or on hinting. */
    public static final FontRenderContext FRC = new FontRenderContext(null, true, true);
    /** Tracking that turns a no-break space into a narrow one (Montserrat has no U+202F glyph). */
    static final float NARROW_SPACE_TRACKING = -0.14f;

    private record Line(TextLayout layout, double x, double baseline) {
    }

    private final String text;
    private final double size;
    private final double width;
    private final double height;
    private final List<Line> lines;
    private final Rectangle2D ink;

    private TextBlock(String text, double size, double width, double height, List<Line> lines, Rectangle2D ink) {
        this.text = text;
        this.size = size;
        this.width = width;
        this.height = height;
        this.lines = lines;
        this.ink = ink;
    }

    /**
     * The block at the largest whole pixel size of the style that fits {@code width} × {@code maxHeight}, or null
     * when even the smallest size does not. {@code text} is drawn as given (typography is applied before).
     */
    public static TextBlock fit(String text, TextStyle style, double width, double maxHeight) {
        String shown = style.upperCase() ? text.toUpperCase(Locale.FRENCH) : text;
        int low = (int) Math.ceil(style.minSize());
        int high = Math.max(low, (int) Math.floor(style.maxSize()));
        TextBlock best = layout(shown, style, low, width, maxHeight);
        if (best == null) {
            return null;
        }
        // The largest size that fits; a size that fits while a smaller one does not is possible in theory (line
        // breaks move), so the search only ever returns a size it has seen fit.
        while (low < high) {
            int mid = (low + high + 1) / 2;
            TextBlock candidate = layout(shown, style, mid, width, maxHeight);
            if (candidate != null) {
                best = candidate;
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return best;
    }

    private static TextBlock layout(String text, TextStyle style, double size, double width, double maxHeight) {
        Font font = Fonts.font(style.weight(), size, style.tracking());
        Font narrow = font.deriveFont(java.util.Map.of(TextAttribute.TRACKING, style.tracking() + NARROW_SPACE_TRACKING));
        LineMetrics metrics = font.getLineMetrics("ÉgHjÀ", FRC);
        double ascent = metrics.getAscent();
        double lead = size * style.lineHeight();
        // Wrapping leaves a little room for overhangs at the line's end; the pixel check below is the real test.
        float wrap = (float) Math.max(1, width - size * 0.04);
        List<TextLayout> layouts = new ArrayList<>();
        for (String paragraph : text.split("\n")) {
            if (paragraph.isEmpty()) {
                continue;
            }
            AttributedString attributed = new AttributedString(paragraph.replace(FrenchTypography.NARROW_NBSP, FrenchTypography.NBSP));
            attributed.addAttribute(TextAttribute.FONT, font);
            for (int i = paragraph.indexOf(FrenchTypography.NARROW_NBSP); i >= 0; i = paragraph.indexOf(FrenchTypography.NARROW_NBSP, i + 1)) {
                attributed.addAttribute(TextAttribute.FONT, narrow, i, i + 1);
            }
            LineBreakMeasurer measurer = new LineBreakMeasurer(attributed.getIterator(),
                    new FrenchLineBreaks(), FRC);
            while (measurer.getPosition() < paragraph.length()) {
                TextLayout line = measurer.nextLayout(wrap, paragraph.length(), true);
                if (line == null) {
                    return null; // a word wider than the box
                }
                layouts.add(line);
                if (layouts.size() > style.maxLines()) {
                    return null;
                }
            }
        }
        if (layouts.isEmpty()) {
            return null;
        }
        List<Line> lines = new ArrayList<>();
        Rectangle2D ink = null;
        double baseline = ascent;
        for (TextLayout layout : layouts) {
            double advance = layout.getVisibleAdvance();
            double x = style.align() == TextStyle.Align.CENTER ? (width - advance) / 2 : 0;
            lines.add(new Line(layout, x, baseline));
            Rectangle pixels = layout.getPixelBounds(FRC, (float) x, (float) baseline);
            // Antialiasing may touch one more pixel than the outline's bounds say.
            pixels.grow(1, 1);
            if (!pixels.isEmpty()) {
                ink = ink == null ? pixels.getBounds2D() : ink.createUnion(pixels);
            }
            baseline += lead;
        }
        if (ink == null) {
            return null; // nothing visible: only spaces
        }
        double metricBottom = baseline - lead + metrics.getDescent();
        // The box runs from the top of the ascent (or of a taller mark) to the descent (or a deeper one).
        double top = Math.min(0, ink.getMinY());
        double bottom = Math.max(metricBottom, ink.getMaxY());
        double shiftX = style.align() == TextStyle.Align.LEFT ? Math.max(0, -ink.getMinX()) : 0;
        double height = bottom - top;
        if (height > maxHeight || ink.getMinX() + shiftX < 0 || ink.getMaxX() + shiftX > width) {
            return null;
        }
        List<Line> placed = new ArrayList<>(lines.size());
        for (Line line : lines) {
            placed.add(new Line(line.layout(), line.x() + shiftX, line.baseline() - top));
        }
        Rectangle2D shifted = new Rectangle2D.Double(ink.getX() + shiftX, ink.getY() - top, ink.getWidth(), ink.getHeight());
        return new TextBlock(text, size, width, height, List.copyOf(placed), shifted);
    }

    public void draw(Graphics2D g, double x, double y) {
        for (Line line : lines) {
            line.layout().draw(g, (float) (x + line.x()), (float) (y + line.baseline()));
        }
    }

    /** The size it was set at, px. */
    public double size() {
        return size;
    }

    public double width() {
        return width;
    }

    public double height() {
        return height;
    }

    public int lineCount() {
        return lines.size();
    }

    /** Union of the drawn pixels' bounds, relative to the box. */
    public Rectangle2D ink() {
        return (Rectangle2D) ink.clone();
    }

    /** The widest line's visible advance. */
    public double textWidth() {
        double widest = 0;
        for (Line line : lines) {
            widest = Math.max(widest, line.layout().getVisibleAdvance());
        }
        return widest;
    }

    /** The first line's baseline, relative to the box (for aligning ornaments with the text). */
    public double firstBaseline() {
        return lines.get(0).baseline();
    }

    public String text() {
        return text;
    }

    /** The text of each line, as broken (for tests of where lines break). */
    java.util.List<String> lines(String source) {
        java.util.List<String> result = new ArrayList<>();
        String shown = text;
        int at = 0;
        for (Line line : lines) {
            int count = line.layout().getCharacterCount();
            while (at < shown.length() && shown.charAt(at) == '\n') {
                at++;
            }
            result.add(shown.substring(at, Math.min(shown.length(), at + count)).strip());
            at += count;
        }
        return result;
    }
}
