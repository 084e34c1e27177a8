package fr.eterrain.visuals.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A visual laid out and ready to paint, in three layers: the base (background colours, photos), an overlay whose
 * strength the renderer raises until every text reads (photo templates only), and the decorations (chips, bars,
 * logo, ornaments) on which texts may sit; then the texts, each with the box it was given.
 */
public final class Composition {
    /** Paints a layer in the format's pixel coordinates. */
    @FunctionalInterface
    public interface Painter {
        void paint(Graphics2D g);
    }

    /** Paints the overlay at a strength from 0 (lightest) to 1; {@link #SOLID} hides the photo entirely. */
    @FunctionalInterface
    public interface Overlay {
        double SOLID = 2;

        void paint(Graphics2D g, double strength);
    }

    /**
     * A text where it is drawn.
     *
     * @param field what it shows: a request field ({@code fields.title}) or a brand element ({@code brand.federation})
     */
    public record Placed(String field, TextBlock block, double x, double y, Color color) {
        /** The box it was given and fitted into. */
        public Rectangle2D box() {
            return new Rectangle2D.Double(x, y, block.width(), block.height());
        }

        /** Where its pixels are drawn. */
        public Rectangle2D ink() {
            Rectangle2D ink = block.ink();
            return new Rectangle2D.Double(x + ink.getX(), y + ink.getY(), ink.getWidth(), ink.getHeight());
        }

        void draw(Graphics2D g) {
            g.setColor(color);
            block.draw(g, x, y);
        }
    }

    /**
     * The space a request field was given: its style and the width and height it had to fit in, whatever the other
     * fields say (so each field's maximum length holds on its own).
     */
    public record Slot(String field, TextStyle style, double width, double maxHeight, UnaryOperator<String> shown) {
        /** Whether a field's (typeset) text fits this slot at all, i.e. at the style's smallest size. */
        public boolean fits(String typeset) {
            return TextBlock.fit(shown.apply(typeset), style.smallestOnly(), width, maxHeight) != null;
        }
    }

    final Visual visual;
    final Frame frame;
    final List<Slot> slots = new ArrayList<>();
    final List<Painter> base = new ArrayList<>();
    Overlay overlay;
    final List<Painter> decor = new ArrayList<>();
    final List<Placed> texts = new ArrayList<>();

    Composition(Visual visual, Frame frame) {
        this.visual = visual;
        this.frame = frame;
    }

    void base(Painter painter) {
        base.add(painter);
    }

    void decor(Painter painter) {
        decor.add(painter);
    }

    void fill(Color color, Rectangle2D area, boolean asDecor) {
        Painter p = g -> {
            g.setColor(color);
            g.fill(area);
        };
        if (asDecor) {
            decor(p);
        } else {
            base(p);
        }
    }

    Placed text(String field, TextBlock block, double x, double y, Color color) {
        Placed placed = new Placed(field, block, x, y, color);
        texts.add(placed);
        return placed;
    }

    public List<Placed> texts() {
        return List.copyOf(texts);
    }

    public List<Slot> slots() {
        return List.copyOf(slots);
    }

    public Frame frame() {
        return frame;
    }
}
