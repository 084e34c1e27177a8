package fr.eterrain.visuals.render;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.util.Locale;

/**
 * A key figure on the accent colour: a huge number on one line, a bar in the party's blue, the caption, and the
 * source, which a figure should always have.
 */
final class FigureCard {
    private FigureCard() {
    }

    static Composition compose(Visual visual, Frame f, BrandKit brand) {
        Composition c = new Composition(f);
        double u = f.u;
        Color text = brand.onAccent();
        c.fill(brand.accent(), f.all(), false);
        Cards.chip(c, "brand.label", "Le chiffre", f.marginX, f.top, f.contentWidth(), brand.primary(), brand.onPrimary());

        boolean landscape = f.format.landscape();
        double top = f.belowChip();
        // On landscape formats the figure takes the left half and the words the right one.
        double numberW = landscape ? f.contentWidth() * 0.47 : f.contentWidth();
        double wordsX = landscape ? f.marginX + numberW + 56 * u : f.marginX;
        double wordsW = f.width - f.marginX - wordsX;
        // Digits never break: the figure is one line, shrunk to the width.
        String figure = visual.text("figure").replace(' ', FrenchTypography.NARROW_NBSP);
        TextBlock number = Cards.require(TextBlock.fit(figure,
                TextStyle.of(Fonts.Weight.EXTRA_BOLD, (landscape ? 250 : 300) * u, (landscape ? 80 : 96) * u, 1).lineHeight(1.0),
                numberW, (landscape ? 280 : 320) * u), "fields.figure");
        double barGap = 30 * u;
        double barH = 16 * u;
        double captionGap = landscape ? 0 : 44 * u;
        String source = visual.text("source");
        TextBlock sourceBlock = source == null ? null : Cards.require(TextBlock.fit(sourced(source),
                TextStyle.of(Fonts.Weight.MEDIUM, 28 * u, 22 * u, 2).lineHeight(1.2), wordsW, 2 * 28 * u * 1.25), "fields.source");
        double sourceGap = sourceBlock == null ? 0 : 32 * u;
        double numberStack = number.height() + barGap + barH;
        double available = f.contentBottom - top - (landscape ? 0 : numberStack + captionGap)
                - (sourceBlock == null ? 0 : sourceGap + sourceBlock.height());
        TextBlock caption = Cards.require(TextBlock.fit(visual.text("caption"),
                TextStyle.of(Fonts.Weight.BOLD, (landscape ? 52 : 60) * u, landscape ? 28 : 32, 7).lineHeight(1.16), wordsW,
                available), "fields.caption");
        double words = caption.height() + (sourceBlock == null ? 0 : sourceGap + sourceBlock.height());
        double room = f.contentBottom - top;
        double numberY;
        double wordsY;
        if (landscape) {
            numberY = top + Math.max(0, (room - numberStack) / 2);
            wordsY = top + Math.max(0, (room - words) / 2);
        } else {
            numberY = top + Math.max(0, (room - numberStack - captionGap - words) / 2);
            wordsY = numberY + numberStack + captionGap;
        }
        c.text("fields.figure", number, f.marginX, numberY, text);
        c.fill(brand.primary(), new Rectangle2D.Double(f.marginX, numberY + number.height() + barGap, 150 * u, barH), true);
        c.text("fields.caption", caption, wordsX, wordsY, text);
        if (sourceBlock != null) {
            c.text("fields.source", sourceBlock, wordsX, wordsY + caption.height() + sourceGap, text);
        }
        Cards.signature(c, brand, text, false);
        return c;
    }

    /** "INSEE, 2025" → "Source : INSEE, 2025"; a source already introduced is left alone. */
    static String sourced(String source) {
        String lower = source.toLowerCase(Locale.FRENCH);
        return lower.startsWith("source") ? source : "Source" + FrenchTypography.NBSP + ": " + source;
    }
}
