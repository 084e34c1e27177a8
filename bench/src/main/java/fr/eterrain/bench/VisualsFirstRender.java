package fr.eterrain.bench;

import fr.eterrain.bench.probe.ColdStartProbe;
import fr.eterrain.visuals.render.Format;
import fr.eterrain.visuals.render.Png;
import fr.eterrain.visuals.render.Rendered;
import fr.eterrain.visuals.render.Renderer;
import fr.eterrain.visuals.render.SampleVisuals;
import fr.eterrain.visuals.render.Template;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;

/**
 * Run in a fresh JVM by {@link VisualsBench}: the first render of one template at 1080×1350 (fonts, classes, layout,
 * painting, PNG), or with {@code reference} a bare ImageIO PNG encode of a 1080×1350 image; prints the ANSWERED line
 * of the cold-start probe (init: loading the fonts or the image classes; invoke: the render and encode).
 */
public final class VisualsFirstRender {
    private VisualsFirstRender() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        long start = System.nanoTime();
        if (args[0].equals("reference")) {
            BufferedImage image = new BufferedImage(1080, 1350, BufferedImage.TYPE_INT_RGB);
            long ready = System.nanoTime();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            print(start, ready, out.size());
            return;
        }
        Template template = Template.parse(args[0]).orElseThrow();
        fr.eterrain.visuals.render.Fonts.load();
        var visual = SampleVisuals.of(template, Format.PORTRAIT);
        long ready = System.nanoTime();
        Rendered rendered = Renderer.render(visual, SampleVisuals.BRAND, 1);
        print(start, ready, Png.encode(rendered).length);
    }

    private static void print(long start, long ready, int bytes) {
        long end = System.nanoTime();
        System.out.println(new ColdStartProbe.Answer((ready - start) / 1e6, (end - ready) / 1e6, 200, bytes).line());
    }
}
