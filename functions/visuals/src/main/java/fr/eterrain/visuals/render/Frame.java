package fr.eterrain.visuals.render;

import java.awt.geom.Rectangle2D;

/**
 * The grid every template is laid on, per format: generous outer margins (wider top and bottom on stories, whose
 * edges the apps cover with their own buttons), the label chip at the top left, the signature (logo, party,
 * federation) at the bottom left, and the content area between. Sizes are in pixels of the format; {@link #u} is
 * the type scale (1 on the 1080-wide formats, smaller on the short landscape ones).
 */
public final class Frame {
    public final Format format;
    public final int width;
    public final int height;
    /** Type and element scale. */
    public final double u;
    public final double marginX;
    public final double top;
    public final double chipHeight;
    public final Rectangle2D footer;
    /** Where a template's content goes (below the chip row when it has a chip). */
    public final double contentBottom;

    public Frame(Format format) {
        this.format = format;
        this.width = format.width();
        this.height = format.height();
        boolean landscape = format.landscape();
        boolean story = format == Format.STORY;
        this.u = landscape ? height / 880.0 : width / 1080.0;
        this.marginX = landscape ? 68 : 84;
        this.top = story ? 210 : landscape ? 54 : 84;
        double bottomMargin = story ? 240 : landscape ? 50 : 76;
        double footerHeight = 84 * u;
        this.footer = new Rectangle2D.Double(marginX, height - bottomMargin - footerHeight, width - 2 * marginX, footerHeight);
        this.chipHeight = 54 * u;
        this.contentBottom = footer.getMinY() - 52 * u;
    }

    public double contentWidth() {
        return width - 2 * marginX;
    }

    /** Top of the content under the chip row. */
    public double belowChip() {
        return top + chipHeight + 44 * u;
    }

    /** The brand's thin accent line along the bottom edge. */
    public Rectangle2D edgeBar() {
        double h = Math.max(6, 12 * u);
        return new Rectangle2D.Double(0, height - h, width, h);
    }

    public Rectangle2D all() {
        return new Rectangle2D.Double(0, 0, width, height);
    }
}
