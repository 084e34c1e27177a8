package fr.eterrain.core.content;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The real type of a file from its first bytes (magic numbers), never from its name or declared type. Only the
 * types the library accepts are recognised; anything else is "unknown" and refused.
 */
public final class TypeSniffer {
    /** How many leading bytes the intake reads: enough for every signature and a fair text sample. */
    public static final int PREFIX_BYTES = 4096;
    /** MP4, QuickTime and M4A share the ISO base media file format; their brands overlap in practice. */
    static final String ISO_BMFF = "iso-bmff";

    private TypeSniffer() {
    }

    /** Whether the bytes are of the declared (accepted) media type. */
    public static boolean matches(String declaredType, byte[] prefix) {
        return detect(prefix).map(found -> found.equals(ISO_BMFF)
                ? declaredType.equals("video/mp4") || declaredType.equals("video/quicktime") || declaredType.equals("audio/mp4")
                : found.equals(declaredType)).orElse(false);
    }

    /** The media type the bytes look like, {@value #ISO_BMFF} for the MP4 family, or empty when unknown. */
    public static Optional<String> detect(byte[] b) {
        if (startsWith(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of("image/png");
        }
        if (startsWith(b, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of("image/jpeg");
        }
        if (startsWith(b, 0, 'G', 'I', 'F', '8') && b.length > 5 && (b[4] == '7' || b[4] == '9') && b[5] == 'a') {
            return Optional.of("image/gif");
        }
        if (startsWith(b, 0, 'R', 'I', 'F', 'F') && startsWith(b, 8, 'W', 'E', 'B', 'P')) {
            return Optional.of("image/webp");
        }
        if (startsWith(b, 4, 'f', 't', 'y', 'p') || startsWith(b, 4, 'm', 'o', 'o', 'v') || startsWith(b, 4, 'm', 'd', 'a', 't')
                || startsWith(b, 4, 'w', 'i', 'd', 'e')) {
            return Optional.of(ISO_BMFF);
        }
        if (startsWith(b, 0, 0x1A, 0x45, 0xDF, 0xA3)) {
            return Optional.of("video/webm");
        }
        if (startsWith(b, 0, 'O', 'g', 'g', 'S')) {
            return Optional.of("audio/ogg");
        }
        if (startsWith(b, 0, 'I', 'D', '3') || mpegAudioFrame(b)) {
            return Optional.of("audio/mpeg");
        }
        if (startsWith(b, 0, '%', 'P', 'D', 'F', '-')) {
            return Optional.of("application/pdf");
        }
        return isText(b) ? Optional.of("text/plain") : Optional.empty();
    }

    /** An MPEG audio frame header: 11 sync bits, a valid version and a layer (not AAC's ADTS, layer 0). */
    private static boolean mpegAudioFrame(byte[] b) {
        if (b.length < 3 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xE0) != 0xE0) {
            return false;
        }
        int version = (b[1] >> 3) & 0x3;
        int layer = (b[1] >> 1) & 0x3;
        int bitrate = (b[2] >> 4) & 0xF;
        return version != 1 && layer != 0 && bitrate != 0xF;
    }

    /** UTF-8 (a sequence cut by the sample's end is fine) without NUL or control characters but tab, CR, LF, FF. */
    static boolean isText(byte[] b) {
        if (b.length == 0) {
            return false;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(b.length + 1);
        CoderResult result = decoder.decode(ByteBuffer.wrap(b), out, false);
        if (result.isError()) {
            return false;
        }
        out.flip();
        while (out.hasRemaining()) {
            char c = out.get();
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7F) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] b, int offset, int... signature) {
        if (b.length < offset + signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((b[offset + i] & 0xFF) != signature[i]) {
                return false;
            }
        }
        return true;
    }
}
