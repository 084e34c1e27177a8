package fr.eterrain.core.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {
    @Test
    void readsQuotesSemicolonsBomAndCrlf() {
        List<List<String>> rows = Csv.parse("\uFEFFemail;nom\r\n\"a@b.fr\";\"Dupont; \"\"Jr\"\"\"\r\nc@d.fr;Martin\r\n");
        assertEquals(List.of(List.of("email", "nom"), List.of("a@b.fr", "Dupont; \"Jr\""), List.of("c@d.fr", "Martin")), rows);
    }

    @Test
    void refusesAnUnclosedQuote() {
        assertThrows(IllegalArgumentException.class, () -> Csv.parse("email\n\"a@b.fr\n"));
    }
}
