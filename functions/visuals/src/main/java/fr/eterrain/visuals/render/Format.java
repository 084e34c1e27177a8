package fr.eterrain.visuals.render;

import java.util.Arrays;
import java.util.Optional;

/** The image sizes of the social networks the federations post on. */
public enum Format {
    SQUARE("1080x1080", 1080, 1080, "Carré 1:1 (Instagram, Facebook)"),
    PORTRAIT("1080x1350", 1080, 1350, "Portrait 4:5 (Instagram, Facebook)"),
    STORY("1080x1920", 1080, 1920, "Story 9:16 (Stories, Reels, TikTok)"),
    WIDE("1200x675", 1200, 675, "Paysage 16:9 (X, Bluesky)"),
    LINK("1200x630", 1200, 630, "Lien 1,91:1 (Facebook, LinkedIn)");

    private final String id;
    private final int width;
    private final int height;
    private final String label;

    Format(String id, int width, int height, String label) {
        this.id = id;
        this.width = width;
        this.height = height;
        this.label = label;
    }

    public static Optional<Format> parse(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }

    public String id() {
        return id;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public String label() {
        return label;
    }

    public boolean landscape() {
        return width > height;
    }
}
