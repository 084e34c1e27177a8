package fr.eterrain.visuals.render;

import java.util.List;

/** French texts to cut at every length: ordinary words, long words, and figures. */
final class Corpora {
    static final String ORDINARY = "Nous voulons des services publics présents partout : une école ouverte dans chaque village, "
            + "un bureau de poste où l'on vous connaît, des trains qui passent encore à l'heure, un hôpital à moins de trente "
            + "minutes de chez vous. Ce n'est pas un rêve, c'est un choix ! Les moyens existent, il faut la volonté de les "
            + "donner à ceux qui font vivre nos territoires chaque jour, sans bruit et sans relâche. Rejoignez-nous pour que "
            + "cela change enfin ; nous avons besoin de chacune et de chacun d'entre vous dès maintenant.";
    static final String LONG_WORDS = "L'accompagnement départemental indispensable des intercommunalités rurales nécessite "
            + "l'augmentation significative des investissements territoriaux, particulièrement l'accessibilité hospitalière "
            + "et l'aménagement ferroviaire, conformément aux engagements gouvernementaux précédemment annoncés par "
            + "l'administration préfectorale compétente, malheureusement restés inappliqués depuis l'élaboration contractuelle "
            + "pluriannuelle interministérielle.";
    static final String FIGURES = "12 345 678,9 € 42 % +27 % 3,5 M€ 1 200 000 personnes";

    static List<String> forField(String field) {
        return field.equals("fields.figure") ? List.of(FIGURES, "8 888 888,8 %") : List.of(ORDINARY, LONG_WORDS);
    }

    /** The first {@code length} characters, as typed (no space at either end). */
    static String cut(String corpus, int length) {
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            text.append(corpus).append(' ');
        }
        String cut = text.substring(0, length);
        // A space at the cut would be trimmed: the text would be shorter than asked; use a letter instead.
        return cut.endsWith(" ") ? cut.substring(0, length - 1) + "x" : cut;
    }

    private Corpora() {
    }
}
