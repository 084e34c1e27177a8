package fr.eterrain.core.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.eterrain.core.testing.ContentKit;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TypeSnifferTest {
    private static byte[] bytes(int... values) {
        byte[] b = new byte[Math.max(values.length, 16)];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void recognisesEveryAcceptedTypeByItsFirstBytes() {
        assertEquals(Optional.of("image/png"), TypeSniffer.detect(ContentKit.png(4, 4)));
        assertEquals(Optional.of("image/jpeg"), TypeSniffer.detect(bytes(0xFF, 0xD8, 0xFF, 0xE0)));
        assertEquals(Optional.of("image/gif"), TypeSniffer.detect(ascii("GIF89a\u0001\u0000")));
        assertEquals(Optional.of("image/webp"), TypeSniffer.detect(ascii("RIFF\u0000\u0000\u0000\u0000WEBPVP8 ")));
        assertEquals(Optional.of("video/webm"), TypeSniffer.detect(bytes(0x1A, 0x45, 0xDF, 0xA3, 0x9F)));
        assertEquals(Optional.of("audio/ogg"), TypeSniffer.detect(ascii("OggS\u0000\u0002")));
        assertEquals(Optional.of("audio/mpeg"), TypeSniffer.detect(ascii("ID3\u0004\u0000")));
        assertEquals(Optional.of("audio/mpeg"), TypeSniffer.detect(bytes(0xFF, 0xFB, 0x90, 0x64)), "an MP3 frame without ID3");
        assertEquals(Optional.of("application/pdf"), TypeSniffer.detect(ascii("%PDF-1.7\n")));
        assertEquals(Optional.of("text/plain"), TypeSniffer.detect("Tract : « Été 2026 »\r\n\tfin".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void mp4QuickTimeAndM4aShareTheIsoFamily() {
        byte[] mp4 = ascii("\u0000\u0000\u0000\u0018ftypisom\u0000\u0000\u0002\u0000");
        byte[] mov = ascii("\u0000\u0000\u0000\u0014ftypqt  \u0000\u0000\u0002\u0000");
        assertTrue(TypeSniffer.matches("video/mp4", mp4));
        assertTrue(TypeSniffer.matches("video/quicktime", mov));
        assertTrue(TypeSniffer.matches("audio/mp4", ascii("\u0000\u0000\u0000\u0020ftypM4A \u0000\u0000\u0000\u0000")));
        assertFalse(TypeSniffer.matches("video/webm", mp4));
    }

    @Test
    void aDeclaredTypeThatTheBytesContradictIsRefused() {
        assertFalse(TypeSniffer.matches("image/png", ascii("just some text pretending to be an image")), "a PNG name holding text");
        assertFalse(TypeSniffer.matches("text/plain", ContentKit.png(4, 4)), "a PNG sent as text");
        assertFalse(TypeSniffer.matches("image/jpeg", ContentKit.png(4, 4)));
        assertFalse(TypeSniffer.matches("application/pdf", ascii("<html><body>%PDF-</body></html>")));
        assertFalse(TypeSniffer.matches("audio/mpeg", bytes(0xFF, 0xF1, 0x50, 0x80)), "AAC (ADTS) is not MP3");
    }

    @Test
    void binaryIsNotText() {
        assertEquals(Optional.empty(), TypeSniffer.detect(bytes(0x00, 0x01, 0x02, 0x03)));
        assertEquals(Optional.empty(), TypeSniffer.detect(bytes(0xC3, 0x28, 0x41)), "invalid UTF-8");
        assertEquals(Optional.empty(), TypeSniffer.detect(new byte[0]));
        assertEquals(Optional.of("text/plain"), TypeSniffer.detect(new byte[] {'a', (byte) 0xC3}), "a character cut by the sample's end");
    }
}
