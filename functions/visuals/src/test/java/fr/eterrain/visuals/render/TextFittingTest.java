package fr.eterrain.visuals.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Text never leaves its box, measured: every text field of every template, in every format, cut from French texts at
 * every length up to its maximum, fits its slot; and at many lengths (and with texts built to be hard: capitals,
 * one endless word), every text drawn — the brand's too — has its pixels inside the box it was given, the boxes stay
 * inside the format's safe margins and never overlap. What cannot fit is refused, naming the field and its maximum.
 */
class TextFittingTest {
    /** Lengths between the exhaustive pass's bounds that are drawn and measured pixel by pixel. */
    private static final int STEP = 23;
    private static final List<String> HARD = List.of(Corpora.ORDINARY.toUpperCase(Locale.FRENCH), "W".repeat(400),
            "Mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm ".repeat(12));

    @Test
    void everyLengthUpToTheMaximumFitsInEveryFormat() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Template template : Template.values()) {
            for (Format format : Format.values()) {
                Composition c = template.compose(SampleVisuals.of(template, format), SampleVisuals.BRAND);
                for (FieldSpec spec : textFields(template)) {
                    Composition.Slot slot = slot(c, spec);
                    for (int length = 1; length <= spec.maxLength(format); length++) {
                        for (String corpus : Corpora.forField(slot.field())) {
                            checked++;
                            if (!slot.fits(FrenchTypography.apply(Corpora.cut(corpus, length)))) {
                                failures.add(template.id() + " " + format.id() + " " + spec.name() + " at " + length);
                            }
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), failures.stream().limit(20).toList(), failures.size() + " of " + checked);
        assertTrue(checked > 10_000, checked + " texts");
    }

    @Test
    void nothingDrawnEverLeavesItsBoxAndBoxesStayInTheSafeAreaApart() {
        List<String> failures = new ArrayList<>();
        int drawn = 0;
        int refused = 0;
        for (Template template : Template.values()) {
            for (Format format : Format.values()) {
                for (FieldSpec spec : textFields(template)) {
                    List<String> corpora = new ArrayList<>(Corpora.forField("fields." + spec.name()));
                    corpora.addAll(HARD);
                    for (String corpus : corpora) {
                        for (int length = 1; length <= spec.maxLength(format); length += length == spec.maxLength(format) - 1 ? 1
                                : Math.min(STEP, Math.max(1, spec.maxLength(format) - 1 - length))) {
                            Map<String, String> texts = new LinkedHashMap<>(template.examples());
                            texts.put(spec.name(), Corpora.cut(corpus, length));
                            Composition c;
                            try {
                                c = template.compose(SampleVisuals.of(template, format, texts), SampleVisuals.BRAND);
                            } catch (Refusal r) {
                                refused++;
                                // Only the hard texts may be refused, and only as not fitting, naming the field.
                                if (!HARD.contains(corpus) || !r.code().equals("text_does_not_fit")
                                        || !r.field().equals("fields." + spec.name())) {
                                    failures.add(template.id() + " " + format.id() + " " + spec.name() + " at " + length + ": " + r.getMessage());
                                }
                                continue;
                            }
                            drawn++;
                            // Every text's pixels once per format, then the field under test's at each length.
                            String only = length == 1 && corpus.equals(corpora.get(0)) ? null : "fields." + spec.name();
                            failures.addAll(check(c, template.id() + " " + format.id() + " " + spec.name() + " at " + length, only));
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), failures.stream().limit(20).toList(), failures.size() + " failures");
        assertTrue(drawn > 1_000 && refused > 10, drawn + " drawn, " + refused + " refused");
    }

    @Test
    void aTextThatCannotFitIsRefusedNamingTheFieldAndItsMaximum() {
        Map<String, String> texts = new LinkedHashMap<>(Template.QUOTE.examples());
        texts.put("text", "W".repeat(120));
        Refusal r = assertThrows(Refusal.class, () -> Renderer.render(SampleVisuals.of(Template.QUOTE, Format.LINK, texts),
                SampleVisuals.BRAND, 1));
        assertEquals("text_does_not_fit", r.code());
        assertEquals("fields.text", r.field());
        assertTrue(r.getMessage().contains("at most 280 characters"), r.getMessage());
        texts.put("text", "mot ".repeat(75));
        Refusal tooLong = assertThrows(Refusal.class, () -> SampleVisuals.of(Template.QUOTE, Format.LINK, texts));
        assertEquals("text_too_long", tooLong.code());
        assertTrue(tooLong.getMessage().contains("has 299 characters; at most 280"), tooLong.getMessage());
    }

    /**
     * What must hold of a laid-out visual.
     *
     * @param pixelsOf the field whose drawn pixels are checked, or null for every text
     */
    static List<String> check(Composition c, String label, String pixelsOf) {
        List<String> failures = new ArrayList<>();
        Frame f = c.frame();
        Rectangle2D safe = new Rectangle2D.Double(f.marginX, f.top, f.width - 2 * f.marginX, f.footer.getMaxY() - f.top);
        List<Composition.Placed> texts = c.texts();
        for (int i = 0; i < texts.size(); i++) {
            Composition.Placed t = texts.get(i);
            Rectangle2D box = t.box();
            if (!contains(box, t.ink())) {
                failures.add(label + ": " + t.field() + " ink " + t.ink() + " outside its box " + box);
            }
            if ((pixelsOf == null || pixelsOf.equals(t.field())) && paintsOutside(t)) {
                failures.add(label + ": " + t.field() + " paints pixels outside its box " + box);
            }
            if (!contains(safe, box)) {
                failures.add(label + ": " + t.field() + " box " + box + " outside the safe area " + safe);
            }
            for (int j = i + 1; j < texts.size(); j++) {
                Rectangle2D overlap = box.createIntersection(texts.get(j).box());
                if (overlap.getWidth() > 0.5 && overlap.getHeight() > 0.5) {
                    failures.add(label + ": " + t.field() + " and " + texts.get(j).field() + " overlap by " + overlap);
                }
            }
        }
        return failures;
    }

    /** Whether a text, drawn alone, paints any pixel outside its box (whole pixels around it, 40 px wide). */
    static boolean paintsOutside(Composition.Placed t) {
        Rectangle2D box = t.box();
        int margin = 40;
        int left = (int) Math.floor(box.getMinX());
        int top = (int) Math.floor(box.getMinY());
        int right = (int) Math.ceil(box.getMaxX());
        int bottom = (int) Math.ceil(box.getMaxY());
        int w = right - left + 2 * margin;
        int h = bottom - top + 2 * margin;
        BufferedImage layer = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = Renderer.graphics(layer, 1);
        g.translate(margin - left, margin - top);
        t.draw(g);
        g.dispose();
        int[] alpha = ((java.awt.image.DataBufferInt) layer.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < h; y++) {
            boolean rowOutside = y < margin || y >= h - margin;
            for (int x = 0; x < w; x++) {
                if ((rowOutside || x < margin || x >= w - margin) && (alpha[y * w + x] >>> 24) != 0) {
                    return true;
                }
                if (!rowOutside && x == margin) {
                    x = w - margin - 1; // skip the box itself
                }
            }
        }
        return false;
    }

    /** Containment to the pixel: bounds are whole pixels, boxes are not. */
    private static boolean contains(Rectangle2D outer, Rectangle2D inner) {
        return inner.getMinX() >= Math.floor(outer.getMinX()) && inner.getMinY() >= Math.floor(outer.getMinY())
                && inner.getMaxX() <= Math.ceil(outer.getMaxX()) && inner.getMaxY() <= Math.ceil(outer.getMaxY());
    }

    static List<FieldSpec> textFields(Template template) {
        return template.fields().stream().filter(f -> f.kind() == FieldSpec.Kind.TEXT).toList();
    }

    static Composition.Slot slot(Composition c, FieldSpec spec) {
        return c.slots().stream().filter(s -> s.field().equals("fields." + spec.name())).findFirst().orElseThrow();
    }
}
