package fr.eterrain.core.contacts;

import java.util.Locale;
import java.util.Optional;

/** pending: awaiting double opt-in; active: confirmed and subscribed; unsubscribed: withdrew consent. */
public enum ContactStatus {
    PENDING, ACTIVE, UNSUBSCRIBED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ContactStatus> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (ContactStatus s : values()) {
            if (s.wire().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
