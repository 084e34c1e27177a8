package fr.eterrain.core.content;

import java.text.Normalizer;
import java.util.Locale;

/** File names as they appear in object keys and downloads: ASCII letters, digits, dot, dash, underscore. */
public final class SafeNames {
    static final int MAX_LENGTH = 100;

    private SafeNames() {
    }

    /** "Affiche été 2026 (v2).PNG" → "Affiche-ete-2026-v2.png"; never empty, never a path. */
    public static String file(String name) {
        String plain = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        int slash = Math.max(plain.lastIndexOf('/'), plain.lastIndexOf('\\'));
        plain = plain.substring(slash + 1);
        int dot = plain.lastIndexOf('.');
        String base = dot > 0 ? plain.substring(0, dot) : plain;
        String extension = dot > 0 ? plain.substring(dot + 1).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "") : "";
        base = base.replaceAll("[^A-Za-z0-9_-]+", "-").replaceAll("-{2,}", "-").replaceAll("^-|-$", "");
        if (base.isEmpty()) {
            base = "file";
        }
        int room = MAX_LENGTH - (extension.isEmpty() ? 0 : extension.length() + 1);
        if (extension.length() > 10) {
            extension = extension.substring(0, 10);
            room = MAX_LENGTH - 11;
        }
        base = base.substring(0, Math.min(base.length(), room));
        return extension.isEmpty() ? base : base + "." + extension;
    }
}
