package fr.eterrain.visuals.render;

import java.util.EnumMap;
import java.util.Map;

/**
 * One field of a template as the console shows it and the renderer checks it.
 *
 * @param maxLength characters (after spaces are collapsed), per format: the longest text of ordinary French words
 *                  that always fits at the field's smallest size there (tested for every length up to it)
 * @param hint      a short help for the person typing
 * @param example   a value to show while the field is empty (null for photos)
 */
public record FieldSpec(String name, String label, Kind kind, boolean required, boolean multiline,
                        Map<Format, Integer> maxLength, String hint, String example) {

    public enum Kind {
        TEXT("text"), DATE("date"), TIME("time"), PHOTO("photo");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** @param lengths square, portrait, story, wide (16:9), link (1.91:1) */
    static FieldSpec text(String name, String label, boolean required, boolean multiline, String hint, String example,
                          int... lengths) {
        Map<Format, Integer> max = new EnumMap<>(Format.class);
        Format[] formats = Format.values();
        for (int i = 0; i < formats.length; i++) {
            max.put(formats[i], lengths[i]);
        }
        return new FieldSpec(name, label, Kind.TEXT, required, multiline, Map.copyOf(max), hint, example);
    }

    static FieldSpec of(String name, String label, Kind kind, boolean required, String hint, String example) {
        return new FieldSpec(name, label, kind, required, false, Map.of(), hint, example);
    }

    public int maxLength(Format format) {
        return maxLength.getOrDefault(format, 0);
    }
}
