package fr.eterrain.core.mail;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** "Display Name &lt;address&gt;" with RFC 2047 encoding when the name is not ASCII, as SES requires. */
public final class Mailboxes {
    private Mailboxes() {
    }

    public static String format(String displayName, String address) {
        boolean ascii = displayName.chars().allMatch(c -> c >= 0x20 && c < 0x7f) && !displayName.contains("\"");
        String name = ascii ? "\"" + displayName + "\""
                : "=?UTF-8?B?" + Base64.getEncoder().encodeToString(displayName.getBytes(StandardCharsets.UTF_8)) + "?=";
        return name + " <" + address + ">";
    }
}
