package fr.eterrain.infra;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * What each wiring function may touch, decided here rather than granted broadly. A function added to
 * {@code wiring.json} without an entry fails the synth: its permissions must be chosen, not defaulted.
 */
public final class FunctionAccess {

    public enum Grant {
        /** Items in every federation table: contacts, consent log, email index, audit log. */
        FEDERATION_TABLES,
        /** Whole-table scans of the federation tables (batch jobs only). */
        FEDERATION_SCAN,
        /** Platform table reads: federation registry, API keys. */
        PLATFORM_READ,
        /** Platform table writes: registry edits, API keys, per-source rate limits. */
        PLATFORM_WRITE,
        /** ses:SendEmail from the mail domain through the configuration set. */
        SEND_MAIL,
        /** events:PutEvents on the stage's bus. */
        PUT_EVENTS
    }

    private static final Map<String, Set<Grant>> ACCESS = Map.of(
            // Public routes write rate-limit counters in the platform table; signup sends the opt-in email.
            "signup", EnumSet.of(Grant.FEDERATION_TABLES, Grant.PLATFORM_READ, Grant.PLATFORM_WRITE, Grant.SEND_MAIL),
            "confirm", EnumSet.of(Grant.FEDERATION_TABLES, Grant.PLATFORM_READ, Grant.PLATFORM_WRITE),
            "unsubscribe", EnumSet.of(Grant.FEDERATION_TABLES, Grant.PLATFORM_READ, Grant.PLATFORM_WRITE),
            // Key-authenticated routes audit into the federation table; imports ask for bulk opt-in mails.
            "contacts", EnumSet.of(Grant.FEDERATION_TABLES, Grant.PLATFORM_READ, Grant.PLATFORM_WRITE,
                    Grant.PUT_EVENTS),
            "federations", EnumSet.of(Grant.FEDERATION_TABLES, Grant.PLATFORM_READ, Grant.PLATFORM_WRITE),
            "api-keys", EnumSet.of(Grant.FEDERATION_TABLES, Grant.PLATFORM_READ, Grant.PLATFORM_WRITE),
            "confirmation-mailer", EnumSet.of(Grant.FEDERATION_TABLES, Grant.PLATFORM_READ, Grant.SEND_MAIL),
            "retention", EnumSet.of(Grant.FEDERATION_TABLES, Grant.FEDERATION_SCAN, Grant.PLATFORM_READ,
                    Grant.SEND_MAIL));

    private FunctionAccess() {
    }

    public static Set<Grant> of(String function) {
        Set<Grant> grants = ACCESS.get(function);
        if (grants == null) {
            throw new IllegalStateException("function " + function + " has no entry in FunctionAccess");
        }
        return Set.copyOf(grants);
    }
}
