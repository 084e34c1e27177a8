package fr.eterrain.visuals.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;

/**
 * A quotation on the party's blue: a large accent guillemet, the words in white capitals-weight type, then the
 * author, beside a round portrait when there is one. The group sits centred in the content area.
 */
final class QuoteCard {
    private QuoteCard() {
    }

    static Composition compose(Visual visual, Frame f, BrandKit brand) {
        Composition c = new Composition(visual, f);
        double u = f.u;
        Color text = brand.onPrimary();
        c.fill(brand.primary(), f.all(), false);
        Photos.Photo portrait = visual.photo("portrait");
        boolean story = f.format == Format.STORY;

        TextStyle quoteStyle = TextStyle.of(Fonts.Weight.EXTRA_BOLD, story ? 96 * u : 84 * u, f.format.landscape() ? 30 : 36, 12)
                .lineHeight(1.13);
        TextStyle authorStyle = TextStyle.of(Fonts.Weight.BOLD, 40 * u, 26 * u, 2).lineHeight(1.15);
        double w = f.contentWidth();
        double ornamentSize = 190 * u;
        TextBlock ornament = TextBlock.fit("«", TextStyle.of(Fonts.Weight.EXTRA_BOLD, ornamentSize, ornamentSize, 1), ornamentSize, ornamentSize * 2);
        Rectangle2D ornamentInk = ornament.ink();
        double ornamentGap = 28 * u;
        double photoSize = portrait == null ? 0 : 136 * u;
        double authorX = portrait == null ? 64 * u : photoSize + 32 * u;
        double authorRow = Math.max(photoSize, 2 * authorStyle.maxSize() * 1.2);
        double authorGap = 44 * u;
        double available = f.contentBottom - f.top - ornamentInk.getHeight() - ornamentGap - authorGap - authorRow;

        TextBlock quote = Cards.fit(c, "fields.text", visual.text("text"), quoteStyle, w, available);
        TextBlock author = Cards.fit(c, "fields.author", visual.text("author"), authorStyle, w - authorX, authorRow);
        double row = Math.max(photoSize, author.height());
        double group = ornamentInk.getHeight() + ornamentGap + quote.height() + authorGap + row;
        double y = f.top + Math.max(0, (f.contentBottom - f.top - group) / 2);

        double ornamentY = y - ornamentInk.getY();
        c.decor(g -> {
            g.setColor(brand.accent());
            ornament.draw(g, f.marginX - ornamentInk.getX(), ornamentY);
        });
        y += ornamentInk.getHeight() + ornamentGap;
        c.text("fields.text", quote, f.marginX, y, text);
        y += quote.height() + authorGap;
        double rowY = y;
        if (portrait != null) {
            Ellipse2D circle = new Ellipse2D.Double(f.marginX, rowY, photoSize, photoSize);
            c.decor(g -> {
                Photos.cover(g, portrait, circle.getBounds2D(), circle);
                g.setColor(brand.accent());
                g.setStroke(new BasicStroke((float) (6 * u)));
                g.draw(circle);
            });
        } else {
            double barY = rowY + author.firstBaseline() - author.size() * 0.36;
            c.fill(brand.accent(), new Rectangle2D.Double(f.marginX, barY, 40 * u, Math.max(4, 7 * u)), true);
        }
        c.text("fields.author", author, f.marginX + authorX, rowY + (row - author.height()) / 2, text);
        Cards.signature(c, brand, text, true);
        return c;
    }
}
