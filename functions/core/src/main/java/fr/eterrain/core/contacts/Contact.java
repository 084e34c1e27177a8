package fr.eterrain.core.contacts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A person known to a federation. Plain mutable object: stores map it (encrypting the identifying fields),
 * services change it and save it back under an optimistic version check.
 */
public final class Contact {
    private String id;
    private String emailHash;
    private String email;
    private String firstName;
    private String lastName;
    private String postalCode;
    private Category category;
    private List<String> tags = new ArrayList<>();
    private ContactStatus status = ContactStatus.PENDING;
    private boolean newsletterConsent;
    private boolean audienceConsent;
    private String wordingVersion;
    private String source;
    private String origin;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant confirmedAt;
    private Instant lastActiveAt;
    private Instant reconfirmRequestedAt;
    private Instant unsubscribedAt;
    private PendingSignup pending;
    private String lastConfirmedNonce;
    private boolean suppressed;
    private String suppressionReason;
    private long version;

    public boolean isSubscribed() {
        return status == ContactStatus.ACTIVE && newsletterConsent;
    }

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getEmailHash() { return emailHash; }
    public void setEmailHash(String emailHash) { this.emailHash = emailHash; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public String getFirstName() { return firstName; }
    public void setFirstName(String firstName) { this.firstName = firstName; }
    public String getLastName() { return lastName; }
    public void setLastName(String lastName) { this.lastName = lastName; }
    public String getPostalCode() { return postalCode; }
    public void setPostalCode(String postalCode) { this.postalCode = postalCode; }
    public Category getCategory() { return category; }
    public void setCategory(Category category) { this.category = category; }
    public List<String> getTags() { return tags; }
    public void setTags(List<String> tags) { this.tags = tags == null ? new ArrayList<>() : new ArrayList<>(tags); }
    public ContactStatus getStatus() { return status; }
    public void setStatus(ContactStatus status) { this.status = status; }
    public boolean isNewsletterConsent() { return newsletterConsent; }
    public void setNewsletterConsent(boolean newsletterConsent) { this.newsletterConsent = newsletterConsent; }
    public boolean isAudienceConsent() { return audienceConsent; }
    public void setAudienceConsent(boolean audienceConsent) { this.audienceConsent = audienceConsent; }
    public String getWordingVersion() { return wordingVersion; }
    public void setWordingVersion(String wordingVersion) { this.wordingVersion = wordingVersion; }
    public String getSource() { return source; }
    public void setSource(String source) { this.source = source; }
    public String getOrigin() { return origin; }
    public void setOrigin(String origin) { this.origin = origin; }
    public Instant getCreatedAt() { return createdAt; }
    public void setCreatedAt(Instant createdAt) { this.createdAt = createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(Instant updatedAt) { this.updatedAt = updatedAt; }
    public Instant getConfirmedAt() { return confirmedAt; }
    public void setConfirmedAt(Instant confirmedAt) { this.confirmedAt = confirmedAt; }
    public Instant getLastActiveAt() { return lastActiveAt; }
    public void setLastActiveAt(Instant lastActiveAt) { this.lastActiveAt = lastActiveAt; }
    public Instant getReconfirmRequestedAt() { return reconfirmRequestedAt; }
    public void setReconfirmRequestedAt(Instant reconfirmRequestedAt) { this.reconfirmRequestedAt = reconfirmRequestedAt; }
    public Instant getUnsubscribedAt() { return unsubscribedAt; }
    public void setUnsubscribedAt(Instant unsubscribedAt) { this.unsubscribedAt = unsubscribedAt; }
    public PendingSignup getPending() { return pending; }
    public void setPending(PendingSignup pending) { this.pending = pending; }
    public String getLastConfirmedNonce() { return lastConfirmedNonce; }
    public void setLastConfirmedNonce(String lastConfirmedNonce) { this.lastConfirmedNonce = lastConfirmedNonce; }
    /** A hard bounce or a complaint: never mailed again, whatever the consent says. */
    public boolean isSuppressed() { return suppressed; }
    public void setSuppressed(boolean suppressed) { this.suppressed = suppressed; }
    public String getSuppressionReason() { return suppressionReason; }
    public void setSuppressionReason(String suppressionReason) { this.suppressionReason = suppressionReason; }
    public long getVersion() { return version; }
    public void setVersion(long version) { this.version = version; }
}
