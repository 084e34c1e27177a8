package fr.eterrain.visuals.render;

/**
 * The orientation tag (0x0112) of a JPEG's EXIF block: phones store photos as the sensor saw them and say in this
 * tag how to turn them; ImageIO ignores it. Anything unreadable counts as upright (1).
 */
final class Exif {
    private Exif() {
    }

    static int orientation(byte[] jpeg) {
        try {
            int i = 2; // after SOI
            while (i + 4 <= jpeg.length && (jpeg[i] & 0xFF) == 0xFF) {
                int marker = jpeg[i + 1] & 0xFF;
                int length = ((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF);
                if (marker == 0xDA || length < 2) {
                    return 1; // image data starts: no EXIF before it
                }
                if (marker == 0xE1 && length > 14 && startsWith(jpeg, i + 4, "Exif\0\0")) {
                    return fromTiff(jpeg, i + 10, i + 2 + length);
                }
                i += 2 + length;
            }
        } catch (RuntimeException malformed) {
            return 1;
        }
        return 1;
    }

    private static int fromTiff(byte[] b, int tiff, int end) {
        boolean little = b[tiff] == 'I' && b[tiff + 1] == 'I';
        if (!little && !(b[tiff] == 'M' && b[tiff + 1] == 'M')) {
            return 1;
        }
        int ifd = tiff + (int) read(b, tiff + 4, 4, little);
        int entries = (int) read(b, ifd, 2, little);
        for (int e = 0; e < entries; e++) {
            int entry = ifd + 2 + e * 12;
            if (entry + 12 > end) {
                return 1;
            }
            if (read(b, entry, 2, little) == 0x0112) {
                int value = (int) read(b, entry + 8, 2, little);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    private static long read(byte[] b, int at, int bytes, boolean little) {
        long value = 0;
        for (int k = 0; k < bytes; k++) {
            int octet = b[at + (little ? bytes - 1 - k : k)] & 0xFF;
            value = (value << 8) | octet;
        }
        return value;
    }

    private static boolean startsWith(byte[] b, int at, String ascii) {
        for (int k = 0; k < ascii.length(); k++) {
            if (at + k >= b.length || b[at + k] != ascii.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
