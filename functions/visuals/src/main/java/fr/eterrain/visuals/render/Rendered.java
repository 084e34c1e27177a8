package fr.eterrain.visuals.render;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A drawn visual with what was measured on it.
 *
 * @param contrasts   for each text (in the order of {@link #texts}), the lowest contrast ratio between its colour and
 *                    the pixels behind it, measured on the composited background before the text was drawn
 * @param overlay     the strength of the photo overlay that was needed (0 without a photo)
 * @param scale       1 for the full format, less for a preview
 * @param photographic a photo fills the visual (a poster)
 */
public record Rendered(BufferedImage image, Format format, List<Composition.Placed> texts, List<Double> contrasts,
                       double overlay, double scale, boolean photographic) {

    public double minContrast() {
        return contrasts.stream().mapToDouble(Double::doubleValue).min().orElse(Double.POSITIVE_INFINITY);
    }
}
