package fr.eterrain.core.contacts;

import java.util.Locale;
import java.util.Set;

/**
 * One key per inbox, for the confirmation-email throttle: the many spellings that reach the same inbox count as
 * one. Lower case; a {@code +tag} dropped for every domain (Gmail, Outlook.com, iCloud, Fastmail, Proton and most
 * hosts deliver {@code marie+1@…} to {@code marie@…}; where a host does not, two people only share a throttle);
 * dots dropped, and googlemail.com read as gmail.com, for Gmail, which ignores them. Never used to send: only to
 * count.
 */
public final class CanonicalAddress {
    /** The domains whose local part ignores dots. */
    public static final Set<String> DOTS_IGNORED = Set.of("gmail.com", "googlemail.com");

    private CanonicalAddress() {
    }

    /** @param address an address already normalized by {@link EmailAddresses#normalize} */
    public static String of(String address) {
        String lower = address.toLowerCase(Locale.ROOT);
        int at = lower.lastIndexOf('@');
        if (at <= 0) {
            return lower;
        }
        String local = lower.substring(0, at);
        String domain = lower.substring(at + 1);
        int plus = local.indexOf('+');
        if (plus > 0) {
            local = local.substring(0, plus);
        }
        if (DOTS_IGNORED.contains(domain)) {
            local = local.replace(".", "");
            domain = "gmail.com";
        }
        return local + "@" + domain;
    }
}
