package fr.eterrain.visuals.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FrenchTypographyTest {
    private static final String NB = "\u00A0";
    private static final String NNB = "\u202F";

    private static String apply(String text) {
        return FrenchTypography.apply(text);
    }

    @Test
    void highPunctuationTakesANarrowNoBreakSpaceAndTheColonAFullOne() {
        assertEquals("Vraiment" + NNB + "? Oui" + NNB + "! Enfin" + NNB + "; bref" + NB + ": non.",
                apply("Vraiment? Oui ! Enfin ; bref: non."));
        assertEquals("Quoi" + NNB + "?!", apply("Quoi ?!"));
        // Already right stays right; no space at the start of a line.
        assertEquals("Ah" + NNB + "!", apply("Ah" + NNB + "!"));
        assertEquals("!", apply("!"));
    }

    @Test
    void colonsInTimesAndAddressesAreLeftAlone() {
        assertEquals("Rendez-vous à 18:30 sur https://e-terrain.fr/?q=agir", apply("Rendez-vous à 18:30 sur https://e-terrain.fr/?q=agir"));
    }

    @Test
    void straightQuotesBecomeGuillemetsWithInnerSpacesAndApostrophesCurl() {
        assertEquals("Il a dit" + NB + ": «" + NB + "c’est fini" + NB + "»", apply("Il a dit : \"c'est fini\""));
        assertEquals("«" + NB + "Aujourd’hui" + NB + "»", apply("“Aujourd'hui”"));
        assertEquals("«" + NB + "déjà" + NB + "»", apply("«déjà»"));
        assertEquals("«" + NB + "déjà" + NB + "»", apply("«   déjà »"));
    }

    @Test
    void unitsThousandsEllipsisAndDashes() {
        assertEquals("42" + NNB + "% et 12" + NNB + "€, 12" + NNB + "000 voyageurs", apply("42% et 12 €, 12 000 voyageurs"));
        assertEquals("Et après…", apply("Et après..."));
        assertEquals("Nice – Cannes", apply("Nice - Cannes"));
        assertEquals("mot-clé", apply("mot-clé"));
    }

    @Test
    void spacesAreCollapsedLinesTrimmedAndInvisibleCharactersRemoved() {
        assertEquals("Une ligne\nune autre", apply("  Une   ligne \n\n\n  une\tautre  "));
        assertEquals("invisible", apply("in\u200Bvi\u00ADsi\u0007ble"));
        // Typed as e + combining acute: one letter, as the font draws it.
        assertEquals("é", apply("e\u0301"));
    }

    @Test
    void everyFrenchLetterAndSignIsInTheFont() {
        String french = "àâäæçéèêëîïôöœùûüÿÀÂÄÆÇÉÈÊËÎÏÔÖŒÙÛÜŸ«»’…–—€%°№";
        french.codePoints().filter(cp -> cp != '№').forEach(cp -> assertTrue(Fonts.draws(cp), Character.toString(cp)));
        // A visual with them all draws, accents and ligatures included (œ, the fi ligature).
        Visual visual = Visual.of(Template.QUOTE, Format.SQUARE, Map.of("text", "Œuvrer à l’égalité : « Ça suffit ! » "
                + "Ève, Noël, maïs, où, cœur, fière, Ÿ", "author", "Zoé Lefèvre-Ançay"), Map.of());
        Rendered rendered = Renderer.render(visual, SampleVisuals.BRAND, 1);
        assertTrue(rendered.minContrast() >= Colors.MIN_CONTRAST);
        assertEquals("Œuvrer à l’égalité" + NB + ": «" + NB + "Ça suffit" + NNB + "!" + NB + "» Ève, Noël, maïs, où, cœur, fière, Ÿ",
                visual.text("text"));
    }

    @Test
    void linesBreakOnlyAtSpacesAndBetweenHyphenatedWords() {
        TextStyle style = TextStyle.of(Fonts.Weight.BOLD, 40, 40, 20);
        // A width that would end the first line just after "l’" if breaks were allowed there.
        String text = apply("nous défendrons l'hôpital, ici : « vraiment » 12 000 fois ! Alpes-Maritimes");
        for (int width = 80; width < 700; width += 7) {
            TextBlock block = TextBlock.fit(text, style, width, 5000);
            if (block == null) {
                continue;
            }
            for (String line : lines(text, block)) {
                assertTrue(!line.endsWith("’") && !line.startsWith("!") && !line.startsWith(":") && !line.startsWith("»")
                        && !line.endsWith("«") && !line.startsWith("000"), "width " + width + ": line «" + line + "»");
            }
        }
    }

    /** The lines a block broke the text into (its layouts' character counts, in order). */
    private static java.util.List<String> lines(String text, TextBlock block) {
        return block.lines(text);
    }
}
