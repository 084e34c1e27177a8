package fr.eterrain.visuals.render;

/**
 * How a text is set: its weight, the largest size it is drawn at and the smallest it may shrink to (px), line
 * height as a multiple of the size, how many lines it may take, alignment, capitals and letter spacing (em).
 */
public record TextStyle(Fonts.Weight weight, double maxSize, double minSize, double lineHeight, int maxLines,
                        Align align, boolean upperCase, double tracking) {

    public enum Align { LEFT, CENTER }

    public static TextStyle of(Fonts.Weight weight, double maxSize, double minSize, int maxLines) {
        return new TextStyle(weight, maxSize, minSize, 1.12, maxLines, Align.LEFT, false, 0);
    }

    public TextStyle lineHeight(double value) {
        return new TextStyle(weight, maxSize, minSize, value, maxLines, align, upperCase, tracking);
    }

    public TextStyle centered() {
        return new TextStyle(weight, maxSize, minSize, lineHeight, maxLines, Align.CENTER, upperCase, tracking);
    }

    /** Capitals, letter-spaced: labels. */
    public TextStyle label(double letterSpacing) {
        return new TextStyle(weight, maxSize, minSize, lineHeight, maxLines, align, true, letterSpacing);
    }

    /** Only the smallest size: whether a text can fit at all. */
    public TextStyle smallestOnly() {
        return new TextStyle(weight, minSize, minSize, lineHeight, maxLines, align, upperCase, tracking);
    }

    /** The same style with sizes multiplied (formats scale their type). */
    public TextStyle scaled(double factor) {
        return new TextStyle(weight, maxSize * factor, minSize * factor, lineHeight, maxLines, align, upperCase, tracking);
    }
}
