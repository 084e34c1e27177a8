package fr.eterrain.core.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvWriterTest {
    @Test
    void everyCellStartingAFormulaIsNeutralised() {
        for (String start : List.of("=", "+", "-", "@", "\t", "\r")) {
            String written = CsvWriter.cell(start + "1+1");
            assertEquals('\'', written.charAt(written.startsWith("\"") ? 1 : 0), "cell starting with " + (int) start.charAt(0));
        }
        assertEquals("'-42", CsvWriter.cell("-42"), "numbers too: every cell");
        assertEquals("42", CsvWriter.cell("42"));
        assertEquals("", CsvWriter.cell(null));
    }

    @Test
    void semicolonsCommasQuotesAndLineBreaksAreQuoted() {
        assertEquals("\"a;=HYPERLINK(1)\"", CsvWriter.cell("a;=HYPERLINK(1)"), "French Excel splits on ;");
        assertEquals("\"a,b\"", CsvWriter.cell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvWriter.cell("say \"hi\""));
        assertEquals("\"a\nb\"", CsvWriter.cell("a\nb"));
        assertEquals("\"'\rb\"", CsvWriter.cell("\rb"));
        assertEquals("plain text", CsvWriter.cell("plain text"));
    }

    @Test
    void rowsAreCommaSeparatedWithCrlf() {
        assertEquals("id,'=x,\"a;b\"\r\n,2\r\n", new CsvWriter().row(List.of("id", "=x", "a;b")).row(Arrays.asList(null, "2")).toString());
    }
}
