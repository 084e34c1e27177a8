package fr.eterrain.core.contacts;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** One normal form per address, so that one person is one contact. */
public final class EmailAddresses {
    // Deliberately stricter than RFC 5322: what mailbox providers accept in practice, no quoted local parts.
    private static final Pattern ADDRESS = Pattern.compile(
            "^[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");

    private EmailAddresses() {
    }

    public static Optional<String> normalize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String address = raw.trim().toLowerCase(Locale.ROOT);
        if (address.length() > 254 || !ADDRESS.matcher(address).matches() || address.contains("..")
                || address.startsWith(".") || address.contains(".@")) {
            return Optional.empty();
        }
        return Optional.of(address);
    }
}
