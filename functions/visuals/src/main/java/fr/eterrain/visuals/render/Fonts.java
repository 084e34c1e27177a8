package fr.eterrain.visuals.render;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.font.TextAttribute;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * The party's typeface, Montserrat, loaded from the TrueType files bundled in this module (OFL, see
 * {@code fonts/README.md}), never from the system: Lambda has almost no fonts, and a machine with other fonts must
 * draw the very same pixels. Every font handed out has kerning and ligatures on; Java2D applies them only when the
 * {@link Font} itself carries them (a {@code FONT} attribute overrides the other font attributes of a text).
 */
public final class Fonts {
    /** The three weights bundled: body and captions, labels, headlines and figures. */
    public enum Weight {
        MEDIUM("Montserrat-Medium.ttf"), BOLD("Montserrat-Bold.ttf"), EXTRA_BOLD("Montserrat-ExtraBold.ttf");

        private final String file;

        Weight(String file) {
            this.file = file;
        }
    }

    private static final Map<Weight, Font> BASE = new EnumMap<>(Weight.class);

    static {
        System.setProperty("java.awt.headless", "true");
        for (Weight weight : Weight.values()) {
            BASE.put(weight, load(weight.file).deriveFont(Map.of(TextAttribute.KERNING, TextAttribute.KERNING_ON,
                    TextAttribute.LIGATURES, TextAttribute.LIGATURES_ON)));
        }
    }

    private Fonts() {
    }

    /** @param tracking letter spacing in em (0 for none) */
    public static Font font(Weight weight, double size, double tracking) {
        Font font = BASE.get(weight).deriveFont((float) size);
        return tracking == 0 ? font : font.deriveFont(Map.of(TextAttribute.TRACKING, (float) tracking));
    }

    /** Whether every bundled weight draws this code point (they share one character set). */
    public static boolean draws(int codePoint) {
        for (Font font : BASE.values()) {
            if (!font.canDisplay(codePoint)) {
                return false;
            }
        }
        return true;
    }

    private static Font load(String file) {
        try (InputStream in = Fonts.class.getResourceAsStream("/fr/eterrain/visuals/fonts/" + file)) {
            if (in == null) {
                throw new IllegalStateException("bundled font missing: " + file);
            }
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FontFormatException e) {
            throw new IllegalStateException("bundled font unreadable: " + file, e);
        }
    }
}
