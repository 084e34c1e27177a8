package fr.eterrain.core.newsletters;

import java.util.Locale;

/** draft → scheduled → sending → sent; cancelled from draft, scheduled or sending; paused when reputation is at risk. */
public enum NewsletterState {
    DRAFT, SCHEDULED, SENDING, SENT, CANCELLED, PAUSED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static NewsletterState parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public boolean finished() {
        return this == SENT || this == CANCELLED;
    }
}
