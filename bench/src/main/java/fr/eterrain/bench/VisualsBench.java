package fr.eterrain.bench;

import fr.eterrain.bench.probe.ColdStartProbe;
import fr.eterrain.visuals.render.Format;
import fr.eterrain.visuals.render.Photos;
import fr.eterrain.visuals.render.Png;
import fr.eterrain.visuals.render.Rendered;
import fr.eterrain.visuals.render.Renderer;
import fr.eterrain.visuals.render.SampleVisuals;
import fr.eterrain.visuals.render.Template;
import fr.eterrain.visuals.render.TestPhotos;
import fr.eterrain.visuals.render.Visual;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The visuals function's renderer: each template at 1080×1350, warm (median and p99 of render + PNG, as the handler
 * does them) and first in a fresh JVM, and its PNG's size; beside a bare ImageIO PNG encode of a 1080×1350 image of
 * the same run, warm and fresh. Templates and the reference are interleaved round by round.
 */
final class VisualsBench implements Measurement {
    private static final int WARMUP = 15;
    private static final int ROUNDS = 60;
    private static final int FRESH_RUNS = 3;

    @Override
    public String name() {
        return "visuals";
    }

    @Override
    public void run(BenchContext context, Report report) throws Exception {
        Map<String, Visual> visuals = new LinkedHashMap<>();
        for (Template t : Template.values()) {
            visuals.put(t.id(), SampleVisuals.of(t, Format.PORTRAIT));
        }
        // The worst photo for contrast and weight: a crowd with placards, sensor grain and all.
        visuals.put("poster (crowd photo)", Visual.of(Template.POSTER, Format.PORTRAIT, Template.POSTER.examples(),
                Map.of("photo", new Photos.Photo(Photos.decode(TestPhotos.jpeg(TestPhotos.busy(1600, 1200)), "bench"), 0.5, 0.5))));
        BufferedImage referenceImage = Renderer.render(visuals.get("quote"), SampleVisuals.BRAND, 1).image();

        Map<String, Samples> times = new LinkedHashMap<>();
        Map<String, Integer> sizes = new LinkedHashMap<>();
        Map<String, Double> contrasts = new LinkedHashMap<>();
        Samples reference = new Samples();
        for (int round = 0; round < WARMUP + ROUNDS; round++) {
            for (Map.Entry<String, Visual> e : visuals.entrySet()) {
                long t0 = System.nanoTime();
                Rendered rendered = Renderer.render(e.getValue(), SampleVisuals.BRAND, 1);
                byte[] png = Png.encode(rendered);
                long t1 = System.nanoTime();
                if (round >= WARMUP) {
                    times.computeIfAbsent(e.getKey(), k -> new Samples()).add(t1 - t0);
                }
                sizes.put(e.getKey(), png.length);
                contrasts.put(e.getKey(), rendered.minContrast());
            }
            long t0 = System.nanoTime();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(referenceImage, "png", out);
            long t1 = System.nanoTime();
            if (round >= WARMUP) {
                reference.add(t1 - t0);
            }
        }
        double refMedian = reference.medianMillis();
        double refP99 = reference.percentile(99) / 1e6;
        int refBytes = bare(referenceImage);

        Report.Section s = report.section("Visuals: render time and PNG size at 1080×1350", method());
        for (String name : visuals.keySet()) {
            Samples t = times.get(name);
            s.row(name + ", warm median", t.medianMillis(), "ms", refMedian, "bare ImageIO PNG encode, median", null);
            s.row(name + ", warm p99", t.percentile(99) / 1e6, "ms", refP99, "bare ImageIO PNG encode, p99", null);
            s.row(name + ", PNG", sizes.get(name) / 1024.0, "KiB", refBytes / 1024.0, "bare ImageIO PNG of the quote card",
                    String.format(Locale.ROOT, "lowest measured text contrast %.2f:1", contrasts.get(name)));
        }
        fresh(context, s);
        System.out.printf(Locale.ROOT, "visuals: warm median %s; reference %.1f ms%n", times.entrySet().stream()
                .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.1f", e.getValue().medianMillis()) + " ms").toList(), refMedian);
    }

    /** The first render of each template in a fresh JVM started as Lambda starts one, beside a bare encode started so. */
    private static void fresh(BenchContext context, Report.Section s) throws Exception {
        Path root = context.root();
        Path jar = ColdStartBench.newest(root.resolve("functions/visuals/target"), "visuals-", "-lambda.jar").orElse(null);
        Path tests = ColdStartBench.newest(root.resolve("functions/visuals/target"), "visuals-", "-tests.jar").orElse(null);
        if (jar == null || tests == null) {
            s.note("ERROR: no visuals deployable or test jar in functions/visuals/target (make bench packages them).");
            return;
        }
        String classpath = jar + File.pathSeparator + tests + File.pathSeparator + root.resolve("bench/target/classes")
                + File.pathSeparator + ColdStartBench.newest(root.resolve("bench/probe/target"), "bench-probe-", ".jar").orElseThrow();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Map<String, Samples> walls = new LinkedHashMap<>();
        Map<String, Samples> renders = new LinkedHashMap<>();
        List<String> order = new ArrayList<>(List.of("reference"));
        for (Template t : Template.values()) {
            order.add(t.id());
        }
        for (int run = 0; run < FRESH_RUNS; run++) {
            for (String what : order) {
                List<String> command = new ArrayList<>(List.of(java.toString(), "-XX:MaxHeapSize=" + ColdStartBench.heapKiB(2048) + "k"));
                command.addAll(ColdStartBench.LAMBDA_JVM_FLAGS);
                command.addAll(List.of("-cp", classpath, VisualsFirstRender.class.getName(), what));
                Map<String, String> env = new LinkedHashMap<>();
                env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
                env.put("TZ", ":UTC");
                ColdStartBench.Run r = ColdStartBench.run(command, env);
                if (r.error() != null) {
                    s.note("ERROR: fresh JVM for " + what + ": " + ColdStartBench.cell(r.error()));
                    return;
                }
                walls.computeIfAbsent(what, k -> new Samples()).add(r.wallNanos());
                renders.computeIfAbsent(what, k -> new Samples()).add((long) (r.answer().invokeMs() * 1e6));
            }
        }
        double refWall = walls.get("reference").medianMillis();
        double refEncode = renders.get("reference").medianMillis();
        for (Template t : Template.values()) {
            s.row(t.id() + ", first render in a fresh JVM (JVM start to PNG)", walls.get(t.id()).medianMillis(), "ms", refWall,
                    "fresh JVM, bare ImageIO PNG encode", null);
            s.row(t.id() + ", first render in a fresh JVM (render and PNG only)", renders.get(t.id()).medianMillis(), "ms",
                    refEncode, "the bare encode only", null);
        }
    }

    private static int bare(BufferedImage image) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.size();
    }

    private static String method() {
        return "Each template of functions/visuals at 1080×1350 with the example texts of its fields (the quote card with a"
                + " portrait, the poster with a sunny street photo; and the poster again with a crowd of placards, the worst"
                + " photo for contrast and weight), rendered as the handler does: layout and fitting, painting (the overlay raised"
                + " until the measured contrast holds), then PNG encoding (truecolour, or 256 colours with error diffusion when"
                + " truecolour weighs more than 1 MB). " + WARMUP + " warm-up rounds, then " + ROUNDS + " measured rounds; in each"
                + " round every template once, then the reference: a bare ImageIO.write of the quote card's 1080×1350 image to"
                + " PNG, in this JVM. Fresh JVM: each template's first render in a new JVM started with Lambda's flags"
                + " (`-XX:TieredStopAtLevel=1`, serial GC, the heap of a 2048 MB function), from the visuals deployable jar,"
                + " median of " + FRESH_RUNS + " runs; the reference is a fresh JVM started the same way that only encodes a"
                + " 1080×1350 image with ImageIO. Targets (issue 14): a warm render well under a second, a PNG under 1 MB.";
    }
}
