package fr.eterrain.core.contacts;

import java.util.Locale;
import java.util.Optional;

/** How close a contact is to the party; chosen by the person at signup. */
public enum Category {
    MILITANT, SYMPATHISANT, CURIEUX;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Category> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (Category c : values()) {
            if (c.wire().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
