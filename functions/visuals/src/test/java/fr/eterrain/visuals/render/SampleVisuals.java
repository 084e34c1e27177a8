package fr.eterrain.visuals.render;

import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.Map;

/** The visuals tests, goldens and the benchmark draw: each template with its examples, photos where it takes them. */
public final class SampleVisuals {
    public static final BrandKit BRAND = new BrandKit("e-terrain", "Alpes-Maritimes", Colors.hex("#1B2A6B"),
            Colors.hex("#E4003B"), Colors.hex("#F4F5F9"), Colors.hex("#1A1A1A"));

    /** As uploads arrive: JPEGs, decoded by the renderer's own decoder. */
    public static final java.awt.image.BufferedImage PORTRAIT = Photos.decode(TestPhotos.jpeg(TestPhotos.portrait(600, 750)), "test");
    public static final java.awt.image.BufferedImage STREET = Photos.decode(TestPhotos.jpeg(TestPhotos.light(1600, 1200)), "test");

    private SampleVisuals() {
    }

    public static BrandKit brand(Color accent) {
        return new BrandKit(BRAND.partyName(), BRAND.federation(), BRAND.primary(), accent, BRAND.light(), BRAND.ink());
    }

    /** The template's examples, the portrait on the quote card, the light street on the poster. */
    public static Visual of(Template template, Format format) {
        return of(template, format, template.examples());
    }

    public static Visual of(Template template, Format format, Map<String, String> texts) {
        Map<String, Photos.Photo> photos = new LinkedHashMap<>();
        if (template == Template.QUOTE) {
            photos.put("portrait", new Photos.Photo(PORTRAIT, 0.5, 0.38));
        }
        if (template == Template.POSTER) {
            photos.put("photo", new Photos.Photo(STREET, 0.6, 0.4));
        }
        return Visual.of(template, format, texts, photos);
    }
}
