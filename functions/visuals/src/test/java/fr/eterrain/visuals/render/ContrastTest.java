package fr.eterrain.visuals.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Contrast is measured on the pixels, not assumed: on light, dark and busy photos, and with any accent a federation
 * might choose, every text reaches 4.5:1 against every pixel behind it, as re-measured here on the composited
 * background with this test's own WCAG formula; over a photo, the overlay is raised only as far as that needs.
 */
class ContrastTest {
    private static final BufferedImage LIGHT = Photos.decode(TestPhotos.jpeg(TestPhotos.light(1600, 1200)), "test");
    private static final BufferedImage DARK = Photos.decode(TestPhotos.jpeg(TestPhotos.dark(1600, 1200)), "test");
    private static final BufferedImage BUSY = Photos.decode(TestPhotos.jpeg(TestPhotos.busy(1600, 1200)), "test");

    @Test
    void postersReadOnLightDarkAndBusyPhotosInEveryFormat() {
        Map<String, Double> overlays = new LinkedHashMap<>();
        for (Format format : Format.values()) {
            for (Map.Entry<String, BufferedImage> photo : Map.of("light", LIGHT, "dark", DARK, "busy", BUSY).entrySet()) {
                Visual visual = Visual.of(Template.POSTER, format, Template.POSTER.examples(),
                        Map.of("photo", new Photos.Photo(photo.getValue(), 0.5, 0.5)));
                Rendered rendered = measured(visual, SampleVisuals.BRAND, format.id() + " on " + photo.getKey());
                overlays.merge(photo.getKey(), rendered.overlay(), Math::max);
            }
        }
        // The overlay follows the photo: the night needs the least, the sunny street and the crowd more.
        assertTrue(overlays.get("dark") < overlays.get("light"), overlays.toString());
        assertTrue(overlays.get("light") > 0, overlays.toString());
    }

    @Test
    void everyTemplateReadsWhateverAccentAFederationChooses() {
        List<String> accents = List.of("#E4003B", "#777777", "#FFD400", "#202020", "#00A86B", "#FFFFFF", "#7F7F7F");
        for (String accent : accents) {
            BrandKit brand = SampleVisuals.brand(Colors.hex(accent));
            for (Template template : Template.values()) {
                for (Format format : List.of(Format.PORTRAIT, Format.LINK)) {
                    measured(SampleVisuals.of(template, format), brand, template.id() + " " + format.id() + " accent " + accent);
                }
            }
        }
    }

    @Test
    void aMidToneAccentGetsBlackTextWhereNeitherWhiteNorTheInkWouldDo() {
        Color mid = Colors.hex("#777777");
        assertTrue(Colors.contrast(mid, Color.WHITE) < 4.5 && Colors.contrast(mid, SampleVisuals.BRAND.ink()) < 4.5);
        assertEquals(Color.BLACK, SampleVisuals.brand(mid).onAccent());
    }

    /** Renders, then checks every text against the background it was drawn on, with this test's own arithmetic. */
    private static Rendered measured(Visual visual, BrandKit brand, String label) {
        BufferedImage[] background = new BufferedImage[1];
        Rendered rendered = Renderer.render(visual, brand, 1, b -> background[0] = b);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < rendered.texts().size(); i++) {
            Composition.Placed text = rendered.texts().get(i);
            double lowest = lowest(background[0], text.ink(), text.color());
            if (lowest < 4.5) {
                failures.add(label + ": " + text.field() + " " + lowest);
            }
            // The renderer measured the same pixels.
            assertEquals(lowest, rendered.contrasts().get(i), 1e-9, label + " " + text.field());
        }
        assertEquals(List.of(), failures);
        return rendered;
    }

    private static double lowest(BufferedImage image, Rectangle2D ink, Color text) {
        double textL = relativeLuminance(text.getRGB());
        double lowest = Double.MAX_VALUE;
        for (int y = (int) Math.floor(ink.getMinY()); y < Math.ceil(ink.getMaxY()); y++) {
            for (int x = (int) Math.floor(ink.getMinX()); x < Math.ceil(ink.getMaxX()); x++) {
                if (x >= 0 && y >= 0 && x < image.getWidth() && y < image.getHeight()) {
                    double l = relativeLuminance(image.getRGB(x, y));
                    lowest = Math.min(lowest, (Math.max(l, textL) + 0.05) / (Math.min(l, textL) + 0.05));
                }
            }
        }
        return lowest;
    }

    /** WCAG 2.x relative luminance, written out again on purpose. */
    private static double relativeLuminance(int rgb) {
        double[] c = new double[3];
        for (int k = 0; k < 3; k++) {
            double v = ((rgb >> (16 - 8 * k)) & 0xFF) / 255.0;
            c[k] = v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }
}
