package fr.eterrain.core.testing;

import fr.eterrain.core.newsletters.Newsletter;
import fr.eterrain.core.newsletters.NewsletterStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A NewsletterStore in memory with the DynamoDB store's conditions: a recipient moves queued → sending (claim, by
 * one worker) → sent / failed / suppressed, or back to queued (release by its worker, requeue once stalled);
 * every move that counts changes the counter with it. Newsletters are copied on the way in and out.
 */
public final class InMemoryNewsletterStore implements NewsletterStore {
    /** One recipient item. */
    public static final class Recipient {
        public String status = "queued";
        public String worker;
        public Instant claimedAt;
        public String messageId;
    }

    private final Map<String, Newsletter> newsletters = new HashMap<>();
    public final Map<String, Map<String, Recipient>> recipients = new HashMap<>();

    private static String key(String federation, String id) {
        return federation + "/" + id;
    }

    private Map<String, Recipient> recipients(String federation, String id) {
        return recipients.computeIfAbsent(key(federation, id), k -> new TreeMap<>());
    }

    private static Newsletter copy(Newsletter nl) {
        Newsletter c = new Newsletter();
        c.setId(nl.getId());
        c.setSubject(nl.getSubject());
        c.setPreheader(nl.getPreheader());
        c.setBlocks(nl.getBlocks());
        c.setSegment(nl.getSegment());
        c.setLinks(nl.getLinks());
        c.setState(nl.getState());
        c.setScheduledAt(nl.getScheduledAt());
        c.setCreatedAt(nl.getCreatedAt());
        c.setUpdatedAt(nl.getUpdatedAt());
        c.setStartedAt(nl.getStartedAt());
        c.setFinishedAt(nl.getFinishedAt());
        c.setMaterialized(nl.isMaterialized());
        c.setStateReason(nl.getStateReason());
        c.setTotal(nl.getTotal());
        c.setSent(nl.getSent());
        c.setFailed(nl.getFailed());
        c.setSuppressed(nl.getSuppressed());
        c.setDelivered(nl.getDelivered());
        c.setBounced(nl.getBounced());
        c.setComplaints(nl.getComplaints());
        c.setMeasured(nl.getMeasured());
        c.setVersion(nl.getVersion());
        return c;
    }

    @Override
    public synchronized void create(String federation, Newsletter newsletter) {
        newsletter.setVersion(1);
        newsletters.put(key(federation, newsletter.getId()), copy(newsletter));
    }

    @Override
    public synchronized Optional<Newsletter> find(String federation, String id) {
        return Optional.ofNullable(newsletters.get(key(federation, id))).map(InMemoryNewsletterStore::copy);
    }

    @Override
    public synchronized boolean update(String federation, Newsletter newsletter) {
        Newsletter stored = newsletters.get(key(federation, newsletter.getId()));
        if (stored == null || stored.getVersion() != newsletter.getVersion()) {
            return false;
        }
        Newsletter saved = copy(newsletter);
        saved.setVersion(newsletter.getVersion() + 1);
        // Counters are not the draft's to change.
        saved.setTotal(stored.getTotal());
        saved.setSent(stored.getSent());
        saved.setFailed(stored.getFailed());
        saved.setSuppressed(stored.getSuppressed());
        saved.setMeasured(stored.getMeasured());
        saved.setMaterialized(stored.isMaterialized() || newsletter.isMaterialized());
        newsletters.put(key(federation, newsletter.getId()), saved);
        newsletter.setVersion(saved.getVersion());
        return true;
    }

    @Override
    public synchronized List<Newsletter> list(String federation, int limit) {
        return newsletters.entrySet().stream().filter(e -> e.getKey().startsWith(federation + "/")).map(e -> copy(e.getValue()))
                .limit(limit).toList();
    }

    @Override
    public synchronized boolean addRecipient(String federation, String newsletterId, String contactId) {
        return recipients(federation, newsletterId).putIfAbsent(contactId, new Recipient()) == null;
    }

    @Override
    public synchronized void completeMaterialisation(String federation, String newsletterId, long total) {
        Newsletter nl = newsletters.get(key(federation, newsletterId));
        nl.setTotal(total);
        nl.setMaterialized(true);
    }

    @Override
    public synchronized List<String> queued(String federation, String newsletterId, int limit) {
        return recipients(federation, newsletterId).entrySet().stream().filter(e -> e.getValue().status.equals("queued"))
                .map(Map.Entry::getKey).limit(limit).toList();
    }

    @Override
    public synchronized boolean claim(String federation, String newsletterId, String contactId, String worker, Instant now) {
        Recipient r = recipients(federation, newsletterId).get(contactId);
        boolean sameClaim = r != null && r.status.equals("sending") && worker.equals(r.worker) && now.equals(r.claimedAt);
        if (r == null || !(r.status.equals("queued") || sameClaim)) {
            return false;
        }
        r.status = "sending";
        r.worker = worker;
        r.claimedAt = now;
        return true;
    }

    @Override
    public synchronized boolean markSent(String federation, String newsletterId, String contactId, String messageId, Instant at) {
        return markSent(federation, newsletterId, contactId, messageId, at, false);
    }

    @Override
    public synchronized boolean markSent(String federation, String newsletterId, String contactId, String messageId, Instant at,
                                         boolean measured) {
        Recipient r = recipients(federation, newsletterId).get(contactId);
        if (r == null || !r.status.equals("sending")) {
            return false;
        }
        r.status = "sent";
        r.worker = null;
        r.messageId = messageId;
        Newsletter nl = newsletters.get(key(federation, newsletterId));
        nl.setSent(nl.getSent() + 1);
        if (measured) {
            nl.setMeasured(nl.getMeasured() + 1);
        }
        return true;
    }

    @Override
    public synchronized void markFailed(String federation, String newsletterId, String contactId, boolean suppressed, String reason) {
        Recipient r = recipients(federation, newsletterId).get(contactId);
        if (r == null || !r.status.equals("sending")) {
            return;
        }
        r.status = suppressed ? "suppressed" : "failed";
        r.worker = null;
        Newsletter nl = newsletters.get(key(federation, newsletterId));
        if (suppressed) {
            nl.setSuppressed(nl.getSuppressed() + 1);
        } else {
            nl.setFailed(nl.getFailed() + 1);
        }
    }

    @Override
    public synchronized void release(String federation, String newsletterId, String contactId, String worker) {
        Recipient r = recipients(federation, newsletterId).get(contactId);
        if (r != null && r.status.equals("sending") && worker.equals(r.worker)) {
            r.status = "queued";
            r.worker = null;
            r.claimedAt = null;
        }
    }

    @Override
    public synchronized List<String> stalled(String federation, String newsletterId, Instant before) {
        List<String> ids = new ArrayList<>();
        recipients(federation, newsletterId).forEach((id, r) -> {
            if (r.status.equals("sending") && r.claimedAt.isBefore(before)) {
                ids.add(id);
            }
        });
        return ids;
    }

    @Override
    public synchronized boolean requeue(String federation, String newsletterId, String contactId, Instant before) {
        Recipient r = recipients(federation, newsletterId).get(contactId);
        if (r == null || !r.status.equals("sending") || !r.claimedAt.isBefore(before)) {
            return false;
        }
        r.status = "queued";
        r.worker = null;
        r.claimedAt = null;
        return true;
    }

    @Override
    public synchronized boolean recordOutcome(String federation, String newsletterId, String contactId, Outcome outcome, Instant at) {
        return recipients(federation, newsletterId).containsKey(contactId);
    }
}
