package fr.eterrain.core.csv;

import java.util.List;

/**
 * Every CSV the platform writes (RFC 4180, comma, CRLF, UTF-8), safe to open in a spreadsheet: a cell that starts
 * with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return is neutralised with a leading
 * apostrophe (else Excel or LibreOffice may run it as a formula), and a cell holding {@code ;}, {@code ,}, a quote or
 * a line break is quoted (French Excel splits on {@code ;}: an unquoted {@code a;=cmd} would become a formula cell).
 * Applied to every cell, numbers and headers included.
 */
public final class CsvWriter {
    private final StringBuilder out = new StringBuilder();

    public CsvWriter row(List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
        return this;
    }

    /** One cell as written: neutralised, then quoted if needed. */
    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quote = false;
        for (int i = 0; i < safe.length() && !quote; i++) {
            quote = ";,\"\n\r".indexOf(safe.charAt(i)) >= 0;
        }
        return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
