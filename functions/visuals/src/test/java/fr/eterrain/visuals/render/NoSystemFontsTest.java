package fr.eterrain.visuals.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lambda has almost no fonts: a JVM whose fontconfig knows none (an empty configuration, and a fresh home so the
 * JDK's own cache of the machine's fonts is not read) draws every template pixel for pixel as this one does, which
 * has the machine's fonts. In that JVM, a plain JDK font created from a file fails (the control): the renderer's own
 * font configuration is what makes it work.
 */
class NoSystemFontsTest {
    @Test
    void aJvmWithoutSystemFontsDrawsTheSamePixels(@TempDir Path dir) throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Run control = run(dir, Control.class.getName());
        assertTrue(control.exit() != 0, "without the renderer's configuration "
                + "the JDK cannot start its fonts there: " + control.output());
        Run probe = run(dir, Probe.class.getName(), out.toString());
        assertEquals(0, probe.exit(), probe.output());
        String output = probe.output();
        assertTrue(output.contains("families=0"), "the probe's JVM saw no system font: " + output);
        for (Template template : Template.values()) {
            BufferedImage here = Renderer.render(SampleVisuals.of(template, Format.PORTRAIT), SampleVisuals.BRAND, 1).image();
            BufferedImage there = ImageIO.read(out.resolve(template.id() + ".png").toFile());
            assertArrayEquals(pixels(here), pixels(there), template.id());
        }
    }

    private record Run(int exit, String output) {
    }

    /** A JVM of this test's classpath with no font at all visible to fontconfig. */
    private static Run run(Path dir, String main, String... args) throws Exception {
        Path config = dir.resolve("fonts.conf");
        if (!Files.exists(config)) {
            Files.writeString(config, "<?xml version=\"1.0\"?>\n<fontconfig></fontconfig>\n");
        }
        Path home = Files.createDirectories(dir.resolve("home-" + main.hashCode()));
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home, "-cp", System.getProperty("java.class.path"), main));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("FONTCONFIG_FILE", config.toString());
        builder.environment().remove("FONTCONFIG_PATH");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), main + " still running");
        return new Run(process.exitValue(), output);
    }

    /** What Java2D does there without the renderer: a font from one of our files, drawn. */
    public static final class Control {
        public static void main(String[] args) throws Exception {
            System.setProperty("java.awt.headless", "true");
            try (java.io.InputStream in = Control.class.getResourceAsStream("/fr/eterrain/visuals/fonts/Montserrat-Medium.ttf")) {
                java.awt.Font font = java.awt.Font.createFont(java.awt.Font.TRUETYPE_FONT, in).deriveFont(40f);
                BufferedImage image = new BufferedImage(200, 60, BufferedImage.TYPE_INT_RGB);
                java.awt.Graphics2D g = image.createGraphics();
                g.setFont(font);
                g.drawString("Évènement", 5, 45);
                g.dispose();
            }
        }
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    /** Run in the child JVM: says how many font families it can see, then draws each template. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            System.setProperty("java.awt.headless", "true");
            Fonts.load(); // as the handler does when its class loads
            List<String> families = List.of(java.awt.GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames())
                    .stream().filter(f -> !f.startsWith("Dialog") && !f.equals("Serif") && !f.equals("SansSerif")
                            && !f.equals("Monospaced") && !f.startsWith("Montserrat")).toList();
            System.out.println("families=" + families.size() + " " + families);
            for (Template template : Template.values()) {
                Rendered r = Renderer.render(SampleVisuals.of(template, Format.PORTRAIT), SampleVisuals.BRAND, 1);
                ImageIO.write(r.image(), "png", new File(args[0], template.id() + ".png"));
            }
        }
    }
}
