package fr.eterrain.core.newsletters;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A federation's newsletter: the draft, its audience, its send state and counters. */
public final class Newsletter {
    private String id;
    private String subject;
    private String preheader;
    private JsonNode blocks;
    private Segment segment = Segment.EVERYONE;
    private List<String> links = new ArrayList<>();
    private NewsletterState state = NewsletterState.DRAFT;
    private Instant scheduledAt;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant startedAt;
    private Instant finishedAt;
    private boolean materialized;
    private String stateReason;
    private long total;
    private long sent;
    private long failed;
    private long suppressed;
    private long delivered;
    private long bounced;
    private long complaints;
    /** Recipients whose email carried the open pixel, counted when sent: the denominator of open and click rates. */
    private long measured;
    private long version;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getSubject() { return subject; }
    public void setSubject(String subject) { this.subject = subject; }
    public String getPreheader() { return preheader; }
    public void setPreheader(String preheader) { this.preheader = preheader; }
    public JsonNode getBlocks() { return blocks; }
    public void setBlocks(JsonNode blocks) { this.blocks = blocks; }
    public Segment getSegment() { return segment; }
    public void setSegment(Segment segment) { this.segment = segment; }
    public List<String> getLinks() { return links; }
    public void setLinks(List<String> links) { this.links = new ArrayList<>(links); }
    public NewsletterState getState() { return state; }
    public void setState(NewsletterState state) { this.state = state; }
    public Instant getScheduledAt() { return scheduledAt; }
    public void setScheduledAt(Instant scheduledAt) { this.scheduledAt = scheduledAt; }
    public Instant getCreatedAt() { return createdAt; }
    public void setCreatedAt(Instant createdAt) { this.createdAt = createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(Instant updatedAt) { this.updatedAt = updatedAt; }
    public Instant getStartedAt() { return startedAt; }
    public void setStartedAt(Instant startedAt) { this.startedAt = startedAt; }
    public Instant getFinishedAt() { return finishedAt; }
    public void setFinishedAt(Instant finishedAt) { this.finishedAt = finishedAt; }
    public boolean isMaterialized() { return materialized; }
    public void setMaterialized(boolean materialized) { this.materialized = materialized; }
    public String getStateReason() { return stateReason; }
    public void setStateReason(String stateReason) { this.stateReason = stateReason; }
    public long getTotal() { return total; }
    public void setTotal(long total) { this.total = total; }
    public long getSent() { return sent; }
    public void setSent(long sent) { this.sent = sent; }
    public long getFailed() { return failed; }
    public void setFailed(long failed) { this.failed = failed; }
    public long getSuppressed() { return suppressed; }
    public void setSuppressed(long suppressed) { this.suppressed = suppressed; }
    public long getDelivered() { return delivered; }
    public void setDelivered(long delivered) { this.delivered = delivered; }
    public long getMeasured() { return measured; }
    public void setMeasured(long measured) { this.measured = measured; }
    public long getBounced() { return bounced; }
    public void setBounced(long bounced) { this.bounced = bounced; }
    public long getComplaints() { return complaints; }
    public void setComplaints(long complaints) { this.complaints = complaints; }
    public long getVersion() { return version; }
    public void setVersion(long version) { this.version = version; }
}
