package fr.eterrain.visuals.render;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.IndexColorModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reduces a truecolour image to 256 colours (median cut over a 15-bit histogram, colours the mean of the pixels
 * they stand for), with Floyd–Steinberg error diffusion so photos and gradients keep their tones. Used when a
 * photo makes the truecolour PNG heavier than the networks like: a palette PNG of a photo is about a third of it.
 */
final class Palette {
    private static final int BINS = 1 << 15;

    private Palette() {
    }

    static BufferedImage reduce(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] pixels = image.getType() == BufferedImage.TYPE_INT_RGB
                ? ((DataBufferInt) image.getRaster().getDataBuffer()).getData() : image.getRGB(0, 0, w, h, null, 0, w);
        long[] count = new long[BINS];
        long[][] sums = new long[3][BINS];
        for (int p : pixels) {
            int bin = bin(p);
            count[bin]++;
            sums[0][bin] += (p >> 16) & 0xFF;
            sums[1][bin] += (p >> 8) & 0xFF;
            sums[2][bin] += p & 0xFF;
        }
        List<int[]> boxes = split(count);
        int n = boxes.size();
        byte[] r = new byte[n];
        byte[] g = new byte[n];
        byte[] b = new byte[n];
        int[][] colours = new int[n][3];
        for (int i = 0; i < n; i++) {
            long c = 0;
            long sr = 0;
            long sg = 0;
            long sb = 0;
            for (int bin : boxes.get(i)) {
                c += count[bin];
                sr += sums[0][bin];
                sg += sums[1][bin];
                sb += sums[2][bin];
            }
            colours[i] = new int[] {(int) (sr / c), (int) (sg / c), (int) (sb / c)};
            r[i] = (byte) colours[i][0];
            g[i] = (byte) colours[i][1];
            b[i] = (byte) colours[i][2];
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, n, r, g, b));
        byte[] data = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        int[] nearest = new int[BINS];
        Arrays.fill(nearest, -1);
        // Error of the current and next rows, in 1/16, with a pixel of margin on each side.
        int[][] current = new int[3][w + 2];
        int[][] next = new int[3][w + 2];
        for (int y = 0; y < h; y++) {
            for (int[] row : next) {
                Arrays.fill(row, 0);
            }
            for (int x = 0; x < w; x++) {
                int p = pixels[y * w + x];
                int cr = clamp(((p >> 16) & 0xFF) + current[0][x + 1] / 16);
                int cg = clamp(((p >> 8) & 0xFF) + current[1][x + 1] / 16);
                int cb = clamp((p & 0xFF) + current[2][x + 1] / 16);
                int bin = ((cr >> 3) << 10) | ((cg >> 3) << 5) | (cb >> 3);
                int index = nearest[bin];
                if (index < 0) {
                    index = closest(colours, cr, cg, cb);
                    nearest[bin] = index;
                }
                data[y * w + x] = (byte) index;
                int[] chosen = colours[index];
                int[] error = {cr - chosen[0], cg - chosen[1], cb - chosen[2]};
                for (int k = 0; k < 3; k++) {
                    current[k][x + 2] += error[k] * 7;
                    next[k][x] += error[k] * 3;
                    next[k][x + 1] += error[k] * 5;
                    next[k][x + 2] += error[k];
                }
            }
            int[][] swap = current;
            current = next;
            next = swap;
        }
        return out;
    }

    /** Median cut: the box with the widest channel range (weighted by its pixels) is split at its median, to 256. */
    private static List<int[]> split(long[] count) {
        int[] used = new int[BINS];
        int n = 0;
        for (int bin = 0; bin < BINS; bin++) {
            if (count[bin] > 0) {
                used[n++] = bin;
            }
        }
        List<int[]> boxes = new ArrayList<>();
        boxes.add(Arrays.copyOf(used, Math.max(1, n)));
        while (boxes.size() < 256) {
            int chosen = -1;
            int channel = 0;
            double best = 0;
            for (int i = 0; i < boxes.size(); i++) {
                int[] box = boxes.get(i);
                if (box.length < 2) {
                    continue;
                }
                int[] low = {31, 31, 31};
                int[] high = {0, 0, 0};
                long pixels = 0;
                for (int bin : box) {
                    for (int k = 0; k < 3; k++) {
                        int v = channel(bin, k);
                        low[k] = Math.min(low[k], v);
                        high[k] = Math.max(high[k], v);
                    }
                    pixels += count[bin];
                }
                for (int k = 0; k < 3; k++) {
                    double score = (high[k] - low[k]) * Math.sqrt(pixels);
                    if (high[k] > low[k] && score > best) {
                        best = score;
                        chosen = i;
                        channel = k;
                    }
                }
            }
            if (chosen < 0) {
                break; // every box is a single colour bin
            }
            int k = channel;
            int[] box = boxes.remove(chosen);
            // Sorted on the channel by packing it above the bin: one primitive sort.
            int[] sorted = new int[box.length];
            for (int i = 0; i < box.length; i++) {
                sorted[i] = (channel(box[i], k) << 15) | box[i];
            }
            Arrays.sort(sorted);
            for (int i = 0; i < sorted.length; i++) {
                sorted[i] &= BINS - 1;
            }
            long total = 0;
            for (int bin : sorted) {
                total += count[bin];
            }
            long seen = 0;
            int cut = 0;
            while (cut < sorted.length - 2 && (seen + count[sorted[cut]]) * 2 < total) {
                seen += count[sorted[cut]];
                cut++;
            }
            // Both halves keep at least one bin: [0, cut] and [cut + 1, end).
            boxes.add(Arrays.copyOfRange(sorted, 0, cut + 1));
            boxes.add(Arrays.copyOfRange(sorted, cut + 1, sorted.length));
        }
        return boxes;
    }

    private static int closest(int[][] colours, int r, int g, int b) {
        int best = 0;
        int bestDistance = Integer.MAX_VALUE;
        for (int i = 0; i < colours.length; i++) {
            int dr = r - colours[i][0];
            int dg = g - colours[i][1];
            int db = b - colours[i][2];
            int d = 2 * dr * dr + 4 * dg * dg + 3 * db * db;
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }

    private static int bin(int p) {
        return ((p >> 9) & 0x7C00) | ((p >> 6) & 0x3E0) | ((p >> 3) & 0x1F);
    }

    private static int channel(int bin, int k) {
        return k == 0 ? bin >> 10 : k == 1 ? (bin >> 5) & 31 : bin & 31;
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(255, v);
    }
}
