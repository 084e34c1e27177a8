package fr.eterrain.visuals.render;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.font.TextAttribute;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * The party's typeface, Montserrat, loaded from the TrueType files bundled in this module (OFL, see
 * {@code fonts/README.md}), never from the system: Lambda has almost no fonts, and a machine with other fonts must
 * draw the very same pixels. Every font handed out has kerning and ligatures on; Java2D applies them only when the
 * {@link Font} itself carries them (a {@code FONT} attribute overrides the other font attributes of a text).
 *
 * <p>A JVM whose fontconfig finds no font at all (Lambda's runtime image) fails as soon as the font manager starts,
 * even for a font created from a file ("Fontconfig head is null"). So before any font is touched, the bundled files
 * are copied to a private temporary folder and the JDK is given its own font configuration naming only them
 * ({@code sun.awt.fontconfig}, the JDK's documented override of its font configuration file): the same fonts are
 * then the only ones, here, in tests and on Lambda. A JVM whose font manager already started keeps its own.
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

    /** The JDK's property naming its font configuration file (fontconfig.properties format). */
    static final String CONFIGURATION = "sun.awt.fontconfig";
    private static final Map<Weight, Font> BASE = new EnumMap<>(Weight.class);

    static {
        System.setProperty("java.awt.headless", "true");
        Map<Weight, Path> files = extract();
        if (System.getProperty(CONFIGURATION) == null) {
            System.setProperty(CONFIGURATION, configuration(files).toString());
        }
        for (Weight weight : Weight.values()) {
            BASE.put(weight, load(files.get(weight)).deriveFont(Map.of(TextAttribute.KERNING, TextAttribute.KERNING_ON,
                    TextAttribute.LIGATURES, TextAttribute.LIGATURES_ON)));
        }
    }

    private Fonts() {
    }

    /** Loads the fonts and sets the JDK's font configuration, if not done yet: call it before anything draws. */
    public static void load() {
        // The static initialiser did the work.
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

    /** The bundled files copied out of the jar (fonts must be files for the JDK's configuration). */
    private static Map<Weight, Path> extract() {
        try {
            Path dir = Files.createTempDirectory("eterrain-fonts");
            dir.toFile().deleteOnExit();
            Map<Weight, Path> files = new EnumMap<>(Weight.class);
            for (Weight weight : Weight.values()) {
                try (InputStream in = Fonts.class.getResourceAsStream("/fr/eterrain/visuals/fonts/" + weight.file)) {
                    if (in == null) {
                        throw new IllegalStateException("bundled font missing: " + weight.file);
                    }
                    Path file = dir.resolve(weight.file);
                    Files.copy(in, file);
                    file.toFile().deleteOnExit();
                    files.put(weight, file);
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every logical font (Dialog, SansSerif…) is Montserrat Medium, and there is no other font. */
    private static Path configuration(Map<Weight, Path> files) {
        Path medium = files.get(Weight.MEDIUM);
        String text = "version=1\n"
                + "allfonts.latin-1=Montserrat Medium\n"
                + "sequence.allfonts=latin-1\n"
                + "filename.Montserrat_Medium=" + medium.toAbsolutePath() + "\n";
        try {
            Path file = medium.resolveSibling("fontconfig.properties");
            Files.writeString(file, text, StandardCharsets.ISO_8859_1);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Font load(Path file) {
        try {
            return Font.createFont(Font.TRUETYPE_FONT, file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FontFormatException e) {
            throw new IllegalStateException("bundled font unreadable: " + file, e);
        }
    }
}
