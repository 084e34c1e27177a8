package fr.eterrain.visuals.render;

import java.awt.Color;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/**
 * Claim → answer: what "they say" on a light panel, in guillemets, and after it, on the party's blue, the answer in
 * large white type; an accent arrow at the seam leads from one to the other. Panels are stacked, or side by side on
 * landscape formats.
 */
final class RiposteCard {
    private RiposteCard() {
    }

    static Composition compose(Visual visual, Frame f, BrandKit brand) {
        Composition c = new Composition(visual, f);
        double u = f.u;
        boolean landscape = f.format.landscape();
        Color claimColor = brand.onLight();
        Color answerColor = brand.onPrimary();
        double arrow = 46 * u;
        Path2D.Double notch = new Path2D.Double();
        double claimX = f.marginX;
        double claimW;
        double claimTop = f.belowChip();
        double claimBottom;
        double answerX;
        double chipY;
        Color signature;
        if (landscape) {
            double seam = Math.round(f.width * 0.45);
            c.fill(brand.light(), new Rectangle2D.Double(0, 0, seam, f.height), false);
            c.fill(brand.primary(), new Rectangle2D.Double(seam, 0, f.width - seam, f.height), false);
            claimW = seam - f.marginX - 48 * u;
            claimBottom = f.contentBottom;
            double arrowY = f.top + f.chipHeight / 2;
            notch.moveTo(seam, arrowY - arrow);
            notch.lineTo(seam + arrow, arrowY);
            notch.lineTo(seam, arrowY + arrow);
            answerX = seam + arrow + 40 * u;
            chipY = f.top;
            signature = claimColor;
        } else {
            double seam = Math.round(f.height * switch (f.format) {
                case SQUARE -> 0.40;
                case STORY -> 0.44;
                default -> 0.42;
            });
            c.fill(brand.light(), new Rectangle2D.Double(0, 0, f.width, seam), false);
            c.fill(brand.primary(), new Rectangle2D.Double(0, seam, f.width, f.height - seam), false);
            claimW = f.contentWidth();
            claimBottom = seam - 64 * u;
            notch.moveTo(f.marginX, seam);
            notch.lineTo(f.marginX + 2 * arrow, seam);
            notch.lineTo(f.marginX + arrow, seam + arrow);
            answerX = f.marginX;
            chipY = seam + arrow + 36 * u;
            signature = answerColor;
        }
        notch.closePath();
        c.decor(g -> {
            g.setColor(brand.accent());
            g.fill(notch);
        });

        Cards.chip(c, "brand.label", "Ils disent", f.marginX, f.top, claimW, brand.ink(),
                Colors.readableOn(brand.ink(), BrandKit.WHITE, brand.light()));
        TextBlock claim = Cards.fit(c, "fields.claim", RiposteCard::quoted, visual.text("claim"),
                TextStyle.of(Fonts.Weight.BOLD, (landscape ? 46 : f.format == Format.STORY ? 68 : f.format == Format.SQUARE ? 52 : 60) * u,
                        landscape ? 26 : 30, 7).lineHeight(1.16), claimW,
                claimBottom - claimTop);
        c.text("fields.claim", claim, claimX, claimTop + (claimBottom - claimTop - claim.height()) / 2, claimColor);

        double answerW = f.width - f.marginX - answerX;
        Cards.chip(c, "brand.label", "La réalité", answerX, chipY, answerW, brand.accent(), brand.onAccent());
        double answerTop = chipY + f.chipHeight + (landscape ? 44 : 36) * u;
        // Side by side, the signature stays under the claim: the answer may run down to the bottom margin.
        double answerBottom = landscape ? f.footer.getMaxY() : f.contentBottom;
        TextBlock answer = Cards.fit(c, "fields.answer", visual.text("answer"),
                TextStyle.of(Fonts.Weight.EXTRA_BOLD, (f.format == Format.STORY ? 84 : landscape ? 58 : 74) * u,
                        landscape ? 28 : 34, 8).lineHeight(1.12), answerW, answerBottom - answerTop);
        c.text("fields.answer", answer, answerX, landscape ? answerTop + (answerBottom - answerTop - answer.height()) / 2 : answerTop,
                answerColor);
        Cards.signature(c, brand, signature, true, landscape ? claimW : f.contentWidth());
        return c;
    }

    /** What "they" said, in guillemets unless it already is. */
    static String quoted(String claim) {
        return claim.startsWith("«") ? claim : "«" + FrenchTypography.NBSP + claim + FrenchTypography.NBSP + "»";
    }
}
