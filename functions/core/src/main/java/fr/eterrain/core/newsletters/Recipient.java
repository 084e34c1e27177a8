package fr.eterrain.core.newsletters;

/** Who one rendering is for: what personalisation and consent-aware tracking need, nothing more. */
public record Recipient(String contactId, String email, String firstName, boolean audienceConsent) {
    /** Previews and test sends: no real person behind, no tracking. */
    public static Recipient sample(String email) {
        return new Recipient(null, email, "Camille", false);
    }
}
