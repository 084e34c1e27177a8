package fr.eterrain.core.contacts;

import java.time.Instant;

/**
 * The index from an address's keyed hash to its contact. After erasure, a hard bounce or a complaint it stays
 * alone, marked suppressed: the only trace kept, so the address is never mailed again.
 */
public final class EmailEntry {
    private String emailHash;
    private String contactId;
    private boolean suppressed;
    private String suppressionReason;
    private Instant suppressedAt;

    public static EmailEntry forContact(String emailHash, String contactId) {
        EmailEntry entry = new EmailEntry();
        entry.setEmailHash(emailHash);
        entry.setContactId(contactId);
        return entry;
    }

    public static EmailEntry suppression(String emailHash, String reason, Instant at) {
        EmailEntry entry = new EmailEntry();
        entry.setEmailHash(emailHash);
        entry.setSuppressed(true);
        entry.setSuppressionReason(reason);
        entry.setSuppressedAt(at);
        return entry;
    }

    public String getEmailHash() { return emailHash; }
    public void setEmailHash(String emailHash) { this.emailHash = emailHash; }
    public String getContactId() { return contactId; }
    public void setContactId(String contactId) { this.contactId = contactId; }
    public boolean isSuppressed() { return suppressed; }
    public void setSuppressed(boolean suppressed) { this.suppressed = suppressed; }
    public String getSuppressionReason() { return suppressionReason; }
    public void setSuppressionReason(String suppressionReason) { this.suppressionReason = suppressionReason; }
    public Instant getSuppressedAt() { return suppressedAt; }
    public void setSuppressedAt(Instant suppressedAt) { this.suppressedAt = suppressedAt; }
}
