package fr.eterrain.visuals.render;

import java.awt.Color;

/** sRGB colours, WCAG 2.x relative luminance and contrast ratio. */
public final class Colors {
    /** WCAG 2.1 AA for normal text; every text of a visual is held to it, large or not. */
    public static final double MIN_CONTRAST = 4.5;

    private Colors() {
    }

    /** "#RRGGBB" (the brand's notation). */
    public static Color hex(String value) {
        if (value == null || !value.matches("#[0-9A-Fa-f]{6}")) {
            throw new IllegalArgumentException("not a #RRGGBB colour: " + value);
        }
        return new Color(Integer.parseInt(value.substring(1), 16));
    }

    public static String hex(Color color) {
        return String.format("#%06X", color.getRGB() & 0xFFFFFF);
    }

    /** Relative luminance of an sRGB pixel (0xRRGGBB), per WCAG 2.1. */
    public static double luminance(int rgb) {
        return 0.2126 * LINEAR[(rgb >> 16) & 0xFF] + 0.7152 * LINEAR[(rgb >> 8) & 0xFF] + 0.0722 * LINEAR[rgb & 0xFF];
    }

    public static double luminance(Color color) {
        return luminance(color.getRGB());
    }

    public static double contrast(double luminanceA, double luminanceB) {
        double light = Math.max(luminanceA, luminanceB);
        double dark = Math.min(luminanceA, luminanceB);
        return (light + 0.05) / (dark + 0.05);
    }

    public static double contrast(Color a, Color b) {
        return contrast(luminance(a), luminance(b));
    }

    /**
     * The first of the preferred text colours that reaches {@link #MIN_CONTRAST} on {@code background}; when none
     * does (a mid-tone), black or white, whichever is better: one of them always reaches 4.58:1.
     */
    public static Color readableOn(Color background, Color... preferred) {
        for (Color candidate : preferred) {
            if (contrast(background, candidate) >= MIN_CONTRAST) {
                return candidate;
            }
        }
        return contrast(background, Color.WHITE) >= contrast(background, Color.BLACK) ? Color.WHITE : Color.BLACK;
    }

    public static Color withAlpha(Color color, double alpha) {
        int a = (int) Math.round(Math.max(0, Math.min(1, alpha)) * 255);
        return new Color(color.getRed(), color.getGreen(), color.getBlue(), a);
    }

    private static final double[] LINEAR = new double[256];

    static {
        for (int i = 0; i < 256; i++) {
            double c = i / 255.0;
            LINEAR[i] = c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
    }
}
