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
        Composition c = new Composition(visual, f);
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
        // Each field's room is what the others take at most, so each field's maximum length holds on its own.
        boolean story = f.format == Format.STORY;
        double numberMax = (landscape ? 280 : story ? 400 : 320) * u;
        double sourceMax = 2 * 28 * u * 1.25;
        TextBlock number = Cards.fit(c, "fields.figure", FigureCard::unbroken, visual.text("figure"),
                TextStyle.of(Fonts.Weight.EXTRA_BOLD, (landscape ? 250 : story ? 380 : 300) * u, (landscape ? 80 : 96) * u, 1).lineHeight(1.0),
                numberW, numberMax);
        double barGap = 30 * u;
        double barH = 16 * u;
        double captionGap = landscape ? 0 : 44 * u;
        String source = visual.text("source");
        TextBlock sourceBlock = source == null ? null : Cards.fit(c, "fields.source", FigureCard::sourced, source,
                TextStyle.of(Fonts.Weight.MEDIUM, 28 * u, 22 * u, 2).lineHeight(1.2), wordsW, sourceMax);
        double sourceGap = sourceBlock == null ? 0 : 32 * u;
        double numberStack = number.height() + barGap + barH;
        double available = f.contentBottom - top - (landscape ? 0 : numberMax + barGap + barH + captionGap)
                - (sourceBlock == null ? 0 : sourceGap + sourceMax);
        TextBlock caption = Cards.fit(c, "fields.caption", visual.text("caption"),
                TextStyle.of(Fonts.Weight.BOLD, (landscape ? 52 : 60) * u, landscape ? 28 : 32, 7).lineHeight(1.16), wordsW,
                available);
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

    /** Digits never break: "1 200 000" stays one line. */
    static String unbroken(String figure) {
        return figure.replace(' ', FrenchTypography.NARROW_NBSP);
    }

    /** "INSEE, 2025" → "Source : INSEE, 2025"; a source already introduced is left alone. */
    static String sourced(String source) {
        String lower = source.toLowerCase(Locale.FRENCH);
        return lower.startsWith("source") ? source : "Source" + FrenchTypography.NBSP + ": " + source;
    }
}
