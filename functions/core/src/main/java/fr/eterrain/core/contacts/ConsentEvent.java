package fr.eterrain.core.contacts;

import java.time.Instant;

/**
 * One entry of the append-only consent log: the proof of a consent given or withdrawn. IPs and user agents are
 * kept only as keyed hashes.
 */
public final class ConsentEvent {
    public static final String CONFIRMED = "confirmed";
    public static final String IMPORTED_WITH_PROOF = "imported_with_proof";
    public static final String NEWSLETTER_WITHDRAWN = "newsletter_withdrawn";
    public static final String AUDIENCE_WITHDRAWN = "audience_measurement_withdrawn";

    private String contactId;
    private String eventId;
    private Instant at;
    private String type;
    private String wordingVersion;
    private String source;
    private Instant signupAt;
    private Instant confirmedAt;
    private Boolean newsletter;
    private Boolean audienceMeasurement;
    private String signupIpHash;
    private String signupUserAgentHash;
    private String actionIpHash;
    private String actionUserAgentHash;
    private String channel;
    private String recordedBy;

    public String getContactId() { return contactId; }
    public void setContactId(String contactId) { this.contactId = contactId; }
    public String getEventId() { return eventId; }
    public void setEventId(String eventId) { this.eventId = eventId; }
    public Instant getAt() { return at; }
    public void setAt(Instant at) { this.at = at; }
    public String getType() { return type; }
    public void setType(String type) { this.type = type; }
    public String getWordingVersion() { return wordingVersion; }
    public void setWordingVersion(String wordingVersion) { this.wordingVersion = wordingVersion; }
    public String getSource() { return source; }
    public void setSource(String source) { this.source = source; }
    public Instant getSignupAt() { return signupAt; }
    public void setSignupAt(Instant signupAt) { this.signupAt = signupAt; }
    public Instant getConfirmedAt() { return confirmedAt; }
    public void setConfirmedAt(Instant confirmedAt) { this.confirmedAt = confirmedAt; }
    public Boolean getNewsletter() { return newsletter; }
    public void setNewsletter(Boolean newsletter) { this.newsletter = newsletter; }
    public Boolean getAudienceMeasurement() { return audienceMeasurement; }
    public void setAudienceMeasurement(Boolean audienceMeasurement) { this.audienceMeasurement = audienceMeasurement; }
    public String getSignupIpHash() { return signupIpHash; }
    public void setSignupIpHash(String signupIpHash) { this.signupIpHash = signupIpHash; }
    public String getSignupUserAgentHash() { return signupUserAgentHash; }
    public void setSignupUserAgentHash(String signupUserAgentHash) { this.signupUserAgentHash = signupUserAgentHash; }
    public String getActionIpHash() { return actionIpHash; }
    public void setActionIpHash(String actionIpHash) { this.actionIpHash = actionIpHash; }
    public String getActionUserAgentHash() { return actionUserAgentHash; }
    public void setActionUserAgentHash(String actionUserAgentHash) { this.actionUserAgentHash = actionUserAgentHash; }
    public String getChannel() { return channel; }
    public void setChannel(String channel) { this.channel = channel; }
    public String getRecordedBy() { return recordedBy; }
    public void setRecordedBy(String recordedBy) { this.recordedBy = recordedBy; }
}
