package fr.eterrain.core.content;

import java.util.Optional;

/**
 * What an image's header says, read from its bytes before any decoder runs: dimensions, and for a JPEG whether it
 * is progressive and how many 8×8 blocks its components make (a progressive JPEG is decoded with the coefficients
 * of every block in memory at once, whatever the subsampling asked).
 *
 * @param blocks the JPEG's blocks over all components (0 for other formats)
 */
record ImageHeader(int width, int height, boolean progressive, long blocks) {

    long pixels() {
        return (long) width * height;
    }

    /** Bytes a progressive JPEG decoder holds for its coefficients: 64 of 2 bytes per block. */
    long coefficientBytes() {
        return blocks * 64 * 2;
    }

    /** Empty when the header is missing or not one we know how to read (the decoder then says so). */
    static Optional<ImageHeader> read(byte[] image, String contentType) {
        try {
            return switch (contentType) {
                case "image/png" -> png(image);
                case "image/gif" -> gif(image);
                case "image/jpeg" -> jpeg(image);
                default -> Optional.empty();
            };
        } catch (IndexOutOfBoundsException truncated) {
            return Optional.empty();
        }
    }

    /** IHDR, always the first chunk: width and height as 4-byte big-endian at 16 and 20, checked by its CRC. */
    private static Optional<ImageHeader> png(byte[] b) {
        if (b.length < 33 || b[12] != 'I' || b[13] != 'H' || b[14] != 'D' || b[15] != 'R') {
            return Optional.empty();
        }
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(b, 12, 17);
        if ((int) crc.getValue() != int32(b, 29)) {
            return Optional.empty();
        }
        return Optional.of(new ImageHeader(int32(b, 16), int32(b, 20), false, 0));
    }

    /** The logical screen, and the first image's own descriptor (which may be larger). */
    private static Optional<ImageHeader> gif(byte[] b) {
        if (b.length < 13) {
            return Optional.empty();
        }
        int width = u16le(b, 6);
        int height = u16le(b, 8);
        int at = 13 + ((b[10] & 0x80) != 0 ? 3 * (1 << ((b[10] & 7) + 1)) : 0);
        while (at < b.length) {
            int block = b[at] & 0xFF;
            if (block == 0x2C) { // image descriptor
                width = Math.max(width, u16le(b, at + 5));
                height = Math.max(height, u16le(b, at + 7));
                break;
            }
            if (block != 0x21) { // neither an image nor an extension: let the decoder judge
                break;
            }
            at += 2;
            while (at < b.length && (b[at] & 0xFF) != 0) { // extension sub-blocks
                at += (b[at] & 0xFF) + 1;
            }
            at++;
        }
        return Optional.of(new ImageHeader(width, height, false, 0));
    }

    /** Markers from SOI to the first start of frame (SOFn): its size, components and sampling factors. */
    private static Optional<ImageHeader> jpeg(byte[] b) {
        if (b.length < 4 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xFF) != 0xD8) {
            return Optional.empty();
        }
        int at = 2;
        while (at + 4 <= b.length) {
            if ((b[at] & 0xFF) != 0xFF) {
                return Optional.empty();
            }
            int marker = b[at + 1] & 0xFF;
            if (marker == 0xFF) { // fill byte
                at++;
                continue;
            }
            if (marker == 0xD8 || marker >= 0xD0 && marker <= 0xD7 || marker == 0x01) { // no length
                at += 2;
                continue;
            }
            int length = u16be(b, at + 2);
            boolean frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (frame) {
                return Optional.of(frame(b, at + 4, marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE));
            }
            if (marker == 0xDA || marker == 0xD9) { // a scan or the end before any frame
                return Optional.empty();
            }
            at += 2 + length;
        }
        return Optional.empty();
    }

    private static ImageHeader frame(byte[] b, int at, boolean progressive) {
        int height = u16be(b, at + 1);
        int width = u16be(b, at + 3);
        int components = b[at + 5] & 0xFF;
        int hMax = 1;
        int vMax = 1;
        for (int c = 0; c < components; c++) {
            int sampling = b[at + 7 + 3 * c] & 0xFF;
            hMax = Math.max(hMax, Math.max(1, sampling >> 4));
            vMax = Math.max(vMax, Math.max(1, sampling & 15));
        }
        long blocks = 0;
        for (int c = 0; c < components; c++) {
            int sampling = b[at + 7 + 3 * c] & 0xFF;
            long w = ceilDiv((long) width * Math.max(1, sampling >> 4), hMax);
            long h = ceilDiv((long) height * Math.max(1, sampling & 15), vMax);
            blocks += ceilDiv(w, 8) * ceilDiv(h, 8);
        }
        return new ImageHeader(width, height, progressive, blocks);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private static int int32(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    private static int u16be(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    private static int u16le(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }
}
