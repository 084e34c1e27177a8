package fr.eterrain.visuals.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Every template in every format against its golden image, with a small tolerance (antialiasing may differ by a
 * shade between JDK builds; a moved or missing element does not pass). Goldens are stored at a third of the size
 * (block averages, computed here, not by a JDK scaler) in src/test/resources/goldens.
 *
 * <p>Each render is also written full size to {@code target/visual-samples/} for people to look at.
 *
 * <p>After an intended change of the look, regenerate the goldens and review them before committing:
 * {@code ./mvnw -pl functions/visuals -am test -Dtest=GoldenImagesTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dvisuals.goldens=write} (from the repository root; JAVA_HOME as the Makefile finds it).
 */
class GoldenImagesTest {
    static final int REDUCTION = 3;
    /** Mean difference per channel (0–255) the whole image may have. */
    static final double MEAN_TOLERANCE = 1.0;
    /** Share of pixels that may differ by more than {@link #PIXEL_TOLERANCE} on a channel. */
    static final double OUTLIER_SHARE = 0.003;
    static final int PIXEL_TOLERANCE = 40;

    private static final Path GOLDENS = Path.of("src/test/resources/goldens");
    private static final Path SAMPLES = Path.of("target/visual-samples");

    @Test
    void everyTemplateInEveryFormatMatchesItsGolden() throws IOException {
        boolean write = "write".equals(System.getProperty("visuals.goldens"));
        Files.createDirectories(SAMPLES);
        List<String> failures = new ArrayList<>();
        for (Template template : Template.values()) {
            for (Format format : Format.values()) {
                String name = template.id() + "-" + format.id() + ".png";
                Rendered rendered = Renderer.render(SampleVisuals.of(template, format), SampleVisuals.BRAND, 1);
                byte[] png = Png.encode(rendered);
                Files.write(SAMPLES.resolve(name), png);
                assertTrue(png.length <= Png.TARGET_BYTES, name + " weighs " + png.length);
                BufferedImage small = reduce(rendered.image());
                if (write) {
                    Files.createDirectories(GOLDENS);
                    ImageIO.write(small, "png", GOLDENS.resolve(name).toFile());
                    continue;
                }
                BufferedImage golden;
                try (InputStream in = GoldenImagesTest.class.getResourceAsStream("/goldens/" + name)) {
                    if (in == null) {
                        failures.add(name + ": no golden (see this class's comment to write them)");
                        continue;
                    }
                    golden = ImageIO.read(in);
                }
                String difference = compare(golden, small);
                if (difference != null) {
                    ImageIO.write(small, "png", SAMPLES.resolve("actual-reduced-" + name).toFile());
                    failures.add(name + ": " + difference);
                }
            }
        }
        assertEquals(List.of(), failures, "renders are in " + SAMPLES.toAbsolutePath());
    }

    @Test
    void theComparisonCatchesAMovedElement() {
        Rendered rendered = Renderer.render(SampleVisuals.of(Template.EVENT, Format.PORTRAIT), SampleVisuals.BRAND, 1);
        BufferedImage shifted = new BufferedImage(rendered.image().getWidth(), rendered.image().getHeight(), BufferedImage.TYPE_INT_RGB);
        shifted.createGraphics().drawImage(rendered.image(), 0, 12, null);
        assertEquals(null, compare(reduce(rendered.image()), reduce(rendered.image())));
        assertTrue(compare(reduce(rendered.image()), reduce(shifted)) != null, "a 12 px shift is seen");
    }

    /** Null when alike within the tolerances, else what differs. */
    static String compare(BufferedImage expected, BufferedImage actual) {
        if (expected.getWidth() != actual.getWidth() || expected.getHeight() != actual.getHeight()) {
            return "size " + actual.getWidth() + "×" + actual.getHeight() + " instead of " + expected.getWidth() + "×" + expected.getHeight();
        }
        long sum = 0;
        long outliers = 0;
        long pixels = (long) expected.getWidth() * expected.getHeight();
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                int a = expected.getRGB(x, y);
                int b = actual.getRGB(x, y);
                int worst = 0;
                for (int shift = 0; shift <= 16; shift += 8) {
                    int d = Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF));
                    sum += d;
                    worst = Math.max(worst, d);
                }
                if (worst > PIXEL_TOLERANCE) {
                    outliers++;
                }
            }
        }
        double mean = sum / (3.0 * pixels);
        double share = outliers / (double) pixels;
        return mean <= MEAN_TOLERANCE && share <= OUTLIER_SHARE ? null
                : String.format(Locale.ROOT, "mean difference %.2f (at most %.2f), %.2f %% of pixels off by more than %d (at most %.2f %%)",
                mean, MEAN_TOLERANCE, 100 * share, PIXEL_TOLERANCE, 100 * OUTLIER_SHARE);
    }

    /** Averages of {@value #REDUCTION}×{@value #REDUCTION} blocks. */
    static BufferedImage reduce(BufferedImage image) {
        int w = image.getWidth() / REDUCTION;
        int h = image.getHeight() / REDUCTION;
        BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int n = REDUCTION * REDUCTION;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = 0;
                int g = 0;
                int b = 0;
                for (int dy = 0; dy < REDUCTION; dy++) {
                    for (int dx = 0; dx < REDUCTION; dx++) {
                        int p = image.getRGB(x * REDUCTION + dx, y * REDUCTION + dy);
                        r += (p >> 16) & 0xFF;
                        g += (p >> 8) & 0xFF;
                        b += p & 0xFF;
                    }
                }
                small.setRGB(x, y, ((r / n) << 16) | ((g / n) << 8) | (b / n));
            }
        }
        return small;
    }
}
