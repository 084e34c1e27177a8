package fr.eterrain.core.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SafeNamesTest {
    @Test
    void namesBecomeKeySafe() {
        assertEquals("Affiche-ete-2026-v2.png", SafeNames.file("Affiche été 2026 (v2).PNG"));
        assertEquals("passwd", SafeNames.file("../../etc/passwd"));
        assertEquals("file.pdf", SafeNames.file("«».pdf"));
        assertEquals("file", SafeNames.file(""));
        assertTrue(SafeNames.file("x".repeat(300) + ".jpeg").length() <= SafeNames.MAX_LENGTH);
        assertTrue(SafeNames.file("x".repeat(300) + ".jpeg").endsWith(".jpeg"));
    }
}
