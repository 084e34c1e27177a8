package fr.eterrain.visuals.render;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.geom.Rectangle2D;

/**
 * A photo filling the frame, darkened towards the text by a gradient of the party's blue whose strength the renderer
 * raises until every text reaches 4.5:1 on the pixels behind it; the title in large white type and the call to action
 * on an accent block above the signature.
 */
final class PosterCard {
    private PosterCard() {
    }

    static Composition compose(Visual visual, Frame f, BrandKit brand) {
        Composition c = new Composition(visual, f);
        double u = f.u;
        boolean landscape = f.format.landscape();
        Photos.Photo photo = visual.photo("photo");
        Color text = BrandKit.WHITE;
        Rectangle2D all = f.all();
        c.base(g -> Photos.cover(g, photo, all, null));
        Color primary = brand.primary();
        c.overlay = (g, strength) -> {
            if (strength >= Composition.Overlay.SOLID) {
                g.setColor(primary);
                g.fill(all);
                return;
            }
            // Strongest behind the text (bottom, or left on landscape), lighter where the photo speaks.
            double far = 0.05 + 0.55 * strength;
            double near = 0.62 + 0.38 * strength;
            GradientPaint paint = landscape
                    ? new GradientPaint((float) (f.width * 0.78), 0, Colors.withAlpha(primary, far), (float) (f.width * 0.25), 0,
                    Colors.withAlpha(primary, near))
                    : new GradientPaint(0, (float) (f.height * 0.22), Colors.withAlpha(primary, far), 0, (float) (f.height * 0.62),
                    Colors.withAlpha(primary, near));
            g.setPaint(paint);
            g.fill(all);
            if (landscape) {
                // The signature runs along the bottom: keep it on a darker band too.
                g.setPaint(new GradientPaint(0, (float) (f.height * 0.55), Colors.withAlpha(primary, 0), 0,
                        (float) f.footer.getMinY(), Colors.withAlpha(primary, near)));
                g.fill(all);
            }
        };

        double columnW = landscape ? f.width * 0.60 - f.marginX : f.contentWidth();
        TextStyle ctaStyle = TextStyle.of(Fonts.Weight.BOLD, 40 * u, 26 * u, 1);
        double padX = 30 * u;
        double ctaH = 84 * u;
        TextBlock cta = Cards.fit(c, "fields.callToAction", visual.text("callToAction"), ctaStyle, columnW - 2 * padX, ctaH * 0.7);
        double ctaY = f.contentBottom - ctaH;
        double titleGap = 40 * u;
        double titleTop = landscape ? f.top : f.height * (f.format == Format.STORY ? 0.36 : 0.30);
        TextBlock title = Cards.fit(c, "fields.title", visual.text("title"),
                TextStyle.of(Fonts.Weight.EXTRA_BOLD, (f.format == Format.STORY ? 118 : landscape ? 84 : 104) * u,
                        landscape ? 34 : 44, 6).lineHeight(1.06), columnW, ctaY - titleGap - titleTop);
        c.text("fields.title", title, f.marginX, ctaY - titleGap - title.height(), text);
        double ctaW = cta.textWidth() + 2 * padX;
        c.fill(brand.accent(), new Rectangle2D.Double(f.marginX, ctaY, ctaW, ctaH), true);
        c.text("fields.callToAction", cta, f.marginX + padX, ctaY + (ctaH - cta.height()) / 2, brand.onAccent());
        Cards.signature(c, brand, text, true);
        return c;
    }
}
