package fr.eterrain.visuals.render;

import java.text.BreakIterator;
import java.text.CharacterIterator;
import java.text.StringCharacterIterator;
import java.util.Arrays;

/**
 * Where a French line may break: after a run of ordinary spaces, and after a hyphen between two letters
 * ("Alpes-/Maritimes"). Nowhere else: never at a no-break space (before « : ; ! ? », inside guillemets, in
 * "18 h 30" or "12 000"), never after an apostrophe ("l’hôpital", which the JDK's line iterator would split), never
 * inside a web address. {@link java.awt.font.LineBreakMeasurer} asks it for boundaries.
 */
final class FrenchLineBreaks extends BreakIterator {
    private CharacterIterator text = new StringCharacterIterator("");
    private int[] boundaries = {0};
    private int current;

    @Override
    public void setText(CharacterIterator newText) {
        text = newText;
        int begin = newText.getBeginIndex();
        int end = newText.getEndIndex();
        int[] found = new int[Math.max(2, end - begin + 1)];
        int n = 0;
        found[n++] = begin;
        for (int i = begin; i < end; i++) {
            char c = newText.setIndex(i);
            boolean breakAfter;
            if (c == ' ') {
                breakAfter = i + 1 == end || newText.setIndex(i + 1) != ' ';
            } else if (c == '-' && i > begin && i + 1 < end) {
                breakAfter = Character.isLetter(newText.setIndex(i - 1)) && Character.isLetter(newText.setIndex(i + 1));
            } else {
                breakAfter = false;
            }
            if (breakAfter && i + 1 < end) {
                found[n++] = i + 1;
            }
        }
        if (found[n - 1] != end) {
            found[n++] = end;
        }
        boundaries = Arrays.copyOf(found, n);
        current = 0;
        newText.setIndex(begin);
    }

    @Override
    public CharacterIterator getText() {
        return text;
    }

    @Override
    public int first() {
        current = 0;
        return boundaries[0];
    }

    @Override
    public int last() {
        current = boundaries.length - 1;
        return boundaries[current];
    }

    @Override
    public int next(int n) {
        int target = current + n;
        if (target < 0 || target >= boundaries.length) {
            current = target < 0 ? 0 : boundaries.length - 1;
            return DONE;
        }
        current = target;
        return boundaries[current];
    }

    @Override
    public int next() {
        return next(1);
    }

    @Override
    public int previous() {
        return next(-1);
    }

    @Override
    public int following(int offset) {
        for (int i = 0; i < boundaries.length; i++) {
            if (boundaries[i] > offset) {
                current = i;
                return boundaries[i];
            }
        }
        current = boundaries.length - 1;
        return DONE;
    }

    @Override
    public int preceding(int offset) {
        for (int i = boundaries.length - 1; i >= 0; i--) {
            if (boundaries[i] < offset) {
                current = i;
                return boundaries[i];
            }
        }
        current = 0;
        return DONE;
    }

    @Override
    public boolean isBoundary(int offset) {
        return Arrays.binarySearch(boundaries, offset) >= 0;
    }

    @Override
    public int current() {
        return boundaries[current];
    }
}
