package fr.eterrain.visuals.render;

import java.text.Normalizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * French typographic rules applied to what volunteers type, who type on phones with straight quotes and ordinary
 * spaces. The result is what is drawn; it is also valid Unicode text that can be copied as is.
 *
 * <ul>
 *   <li>A no-break space before {@code :} and inside « guillemets » (U+00A0, the full word space of the font, as the
 *       Imprimerie nationale's rules ask), a narrow no-break space (U+202F) before {@code ; ! ?}, {@code %} and
 *       {@code €}, and between groups of thousands ("12 000"). Montserrat has no U+202F glyph: {@link TextBlock} draws it as a no-break space tightened to about
 *       0.12 em, which is what a narrow space looks like; it never starts or ends a line either way.</li>
 *   <li>Straight double quotes become « » (opening after a space or at the start, closing elsewhere), “ ” too; a
 *       straight apostrophe becomes ’; {@code ...} becomes …; a spaced hyphen between words becomes an en dash.</li>
 *   <li>Spaces are collapsed, lines trimmed, at most one line break in a row kept (a forced line break), control
 *       characters, zero-width characters and soft hyphens removed. The text is in NFC, so "é" typed as e + ◌́ is
 *       one letter.</li>
 * </ul>
 * A colon followed by something other than a space or the end ("18:30", "https://") gets no space.
 */
public final class FrenchTypography {
    public static final char NBSP = '\u00A0';
    public static final char NARROW_NBSP = '\u202F';

    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cc}&&[^\\n]]|[\\u00AD\\u200B\\u200C\\u2060\\uFEFF]");
    private static final Pattern SPACES = Pattern.compile("[\\p{Zs}&&[^\\u00A0\\u202F]]+");
    private static final Pattern BEFORE_TALL = Pattern.compile("[ \\u00A0\\u202F]*([;!?]+)(?=$|[\\s»)\\]\\u00A0\\u202F.,…]|$)");
    private static final Pattern BEFORE_COLON = Pattern.compile("(?<=\\S)[ \\u00A0\\u202F]*:(?=\\s|$)");
    private static final Pattern UNIT = Pattern.compile("(\\d)[ \\u00A0\\u202F]?([%€])");
    private static final Pattern THOUSANDS = Pattern.compile("(?<=\\d) (?=\\d{3}(?!\\d))");

    private FrenchTypography() {
    }

    public static String apply(String raw) {
        if (raw == null) {
            return "";
        }
        String text = Normalizer.normalize(raw, Normalizer.Form.NFC).replace("\r\n", "\n").replace('\r', '\n').replace('\t', ' ');
        text = INVISIBLE.matcher(text).replaceAll("");
        text = SPACES.matcher(text).replaceAll(" ");
        text = text.replace("...", "…").replace('\'', '’').replace('‘', '’');
        text = quotes(text);
        text = lines(text);
        text = text.replaceAll("(?<=\\p{L}) - (?=\\p{L})", " – ");
        // Punctuation that takes a space before it: only after a word, and never at the start of a line.
        text = tall(text);
        text = BEFORE_COLON.matcher(text).replaceAll(NBSP + ":");
        text = UNIT.matcher(text).replaceAll("$1" + NARROW_NBSP + "$2");
        text = THOUSANDS.matcher(text).replaceAll(String.valueOf(NARROW_NBSP));
        text = guillemetSpaces(text);
        return text.strip();
    }

    /** Straight and English double quotes to guillemets, by position. */
    private static String quotes(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                char before = i == 0 ? ' ' : text.charAt(i - 1);
                boolean opening = Character.isWhitespace(before) || "([{«—–-/".indexOf(before) >= 0;
                out.append(opening ? '«' : '»');
            } else if (c == '“') {
                out.append('«');
            } else if (c == '”') {
                out.append('»');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Lines trimmed, empty ones dropped: a line break is kept, a blank line is not. */
    private static String lines(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty()) {
                out.append(out.isEmpty() ? "" : "\n").append(trimmed);
            }
        }
        return out.toString();
    }

    private static String tall(String text) {
        Matcher m = BEFORE_TALL.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int start = m.start();
            boolean afterWord = start > 0 && !Character.isWhitespace(text.charAt(start - 1)) && text.charAt(start - 1) != '\n';
            m.appendReplacement(out, Matcher.quoteReplacement((afterWord ? String.valueOf(NARROW_NBSP) : "") + m.group(1)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** « text » with a no-break space on the inner side of each guillemet, whatever was typed there. */
    private static String guillemetSpaces(String text) {
        String spaced = text.replaceAll("«[ \\u00A0\\u202F]*", "«" + NBSP).replaceAll("[ \\u00A0\\u202F]*»", NBSP + "»");
        // A guillemet alone at the end of a line keeps nothing dangling after it.
        return spaced.replaceAll("«\\u00A0(?=\\n|$)", "«").replaceAll("(?<=^|\\n)\\u00A0»", "»");
    }
}
