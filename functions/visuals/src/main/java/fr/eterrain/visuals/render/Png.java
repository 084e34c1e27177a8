package fr.eterrain.visuals.render;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * PNG encoding with the JDK's writer: truecolour, unless that weighs more than {@value #TARGET_BYTES} bytes (a
 * photo's grain does that), then 256 colours with error diffusion ({@link Palette}), which looks the same at a
 * third of the weight.
 */
public final class Png {
    /** What the networks and phones on mobile data take comfortably. */
    public static final int TARGET_BYTES = 1_000_000;

    private Png() {
    }

    public static byte[] encode(BufferedImage image) {
        byte[] truecolour = write(image);
        return truecolour.length <= TARGET_BYTES ? truecolour : write(Palette.reduce(image));
    }

    /** A rendered visual: straight to 256 colours when a photo fills it (its truecolour PNG would be too heavy). */
    public static byte[] encode(Rendered rendered) {
        return rendered.photographic() ? write(Palette.reduce(rendered.image())) : encode(rendered.image());
    }

    static byte[] write(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
