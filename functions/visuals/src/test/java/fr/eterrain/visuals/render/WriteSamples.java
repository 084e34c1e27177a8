package fr.eterrain.visuals.render;

import java.nio.file.Files;
import java.nio.file.Path;

/** Scratch: every template × format to target/visual-samples (the test suite writes the same). */
public final class WriteSamples {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/visual-samples");
        Files.createDirectories(dir);
        for (Template t : Template.values()) {
            for (Format f : Format.values()) {
                long t0 = System.nanoTime();
                Rendered r = Renderer.render(SampleVisuals.of(t, f), SampleVisuals.BRAND, 1);
                long t1 = System.nanoTime();
                byte[] png = Png.encode(r.image());
                long t2 = System.nanoTime();
                Files.write(dir.resolve(t.id() + "-" + f.id() + ".png"), png);
                System.out.printf("%-8s %-10s render %5.1f ms png %5.1f ms %7d bytes contrast %.2f overlay %.2f%n", t.id(), f.id(),
                        (t1 - t0) / 1e6, (t2 - t1) / 1e6, png.length, r.minContrast(), r.overlay());
            }
        }
    }
}
