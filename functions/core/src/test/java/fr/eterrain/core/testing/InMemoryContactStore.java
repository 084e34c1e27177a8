package fr.eterrain.core.testing;

import fr.eterrain.core.contacts.ConsentEvent;
import fr.eterrain.core.contacts.Contact;
import fr.eterrain.core.contacts.ContactFilter;
import fr.eterrain.core.contacts.ContactPage;
import fr.eterrain.core.contacts.ContactStore;
import fr.eterrain.core.contacts.EmailEntry;
import fr.eterrain.core.contacts.PendingSignup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/** A ContactStore in memory, copying on the way in and out as a database would. */
public final class InMemoryContactStore implements ContactStore {
    public final Map<String, Map<String, Contact>> contacts = new HashMap<>();
    public final Map<String, Map<String, EmailEntry>> emails = new HashMap<>();
    public final Map<String, Map<String, List<ConsentEvent>>> consent = new HashMap<>();

    private Map<String, Contact> contacts(String f) {
        return contacts.computeIfAbsent(f, k -> new TreeMap<>());
    }

    private Map<String, EmailEntry> emails(String f) {
        return emails.computeIfAbsent(f, k -> new HashMap<>());
    }

    @Override
    public synchronized Optional<Contact> find(String federation, String contactId) {
        return Optional.ofNullable(contacts(federation).get(contactId)).map(InMemoryContactStore::copy);
    }

    @Override
    public synchronized Optional<EmailEntry> findEmail(String federation, String emailHash) {
        return Optional.ofNullable(emails(federation).get(emailHash));
    }

    @Override
    public synchronized boolean create(String federation, Contact contact, List<ConsentEvent> events) {
        if (emails(federation).containsKey(contact.getEmailHash()) || contacts(federation).containsKey(contact.getId())) {
            return false;
        }
        contact.setVersion(1);
        contacts(federation).put(contact.getId(), copy(contact));
        emails(federation).put(contact.getEmailHash(), EmailEntry.forContact(contact.getEmailHash(), contact.getId()));
        consent.computeIfAbsent(federation, k -> new HashMap<>()).computeIfAbsent(contact.getId(), k -> new ArrayList<>()).addAll(events);
        return true;
    }

    @Override
    public synchronized boolean update(String federation, Contact contact, List<ConsentEvent> events) {
        Contact stored = contacts(federation).get(contact.getId());
        if (stored == null || stored.getVersion() != contact.getVersion()) {
            return false;
        }
        contact.setVersion(contact.getVersion() + 1);
        contacts(federation).put(contact.getId(), copy(contact));
        consent.computeIfAbsent(federation, k -> new HashMap<>()).computeIfAbsent(contact.getId(), k -> new ArrayList<>()).addAll(events);
        return true;
    }

    @Override
    public synchronized ContactPage list(String federation, ContactFilter filter, String cursor, int limit) {
        List<Contact> all = contacts(federation).values().stream()
                .sorted(Comparator.comparing((Contact c) -> c.getCreatedAt()).thenComparing(Contact::getId))
                .filter(filter::matches).toList();
        int start = cursor == null ? 0 : Integer.parseInt(cursor);
        List<Contact> page = all.subList(Math.min(start, all.size()), Math.min(all.size(), start + limit))
                .stream().map(InMemoryContactStore::copy).toList();
        return new ContactPage(page, start + limit < all.size() ? Integer.toString(start + limit) : null);
    }

    @Override
    public synchronized List<ConsentEvent> consentLog(String federation, String contactId) {
        return List.copyOf(consent.getOrDefault(federation, Map.of()).getOrDefault(contactId, List.of()));
    }

    @Override
    public synchronized void erase(String federation, Contact contact, String suppressionReason, Instant at) {
        contacts(federation).remove(contact.getId());
        consent.getOrDefault(federation, new HashMap<>()).remove(contact.getId());
        emails(federation).remove(contact.getEmailHash());
        if (suppressionReason != null) {
            suppress(federation, contact.getEmailHash(), suppressionReason, at);
        }
    }

    @Override
    public synchronized void suppress(String federation, String emailHash, String reason, Instant at) {
        emails(federation).put(emailHash, EmailEntry.suppression(emailHash, reason, at));
    }

    @Override
    public synchronized void forEach(String federation, Consumer<Contact> action) {
        new ArrayList<>(contacts(federation).values()).forEach(c -> action.accept(copy(c)));
    }

    public static Contact copy(Contact c) {
        Contact d = new Contact();
        d.setId(c.getId());
        d.setEmailHash(c.getEmailHash());
        d.setEmail(c.getEmail());
        d.setFirstName(c.getFirstName());
        d.setLastName(c.getLastName());
        d.setPostalCode(c.getPostalCode());
        d.setCategory(c.getCategory());
        d.setTags(c.getTags());
        d.setStatus(c.getStatus());
        d.setNewsletterConsent(c.isNewsletterConsent());
        d.setAudienceConsent(c.isAudienceConsent());
        d.setWordingVersion(c.getWordingVersion());
        d.setSource(c.getSource());
        d.setOrigin(c.getOrigin());
        d.setCreatedAt(c.getCreatedAt());
        d.setUpdatedAt(c.getUpdatedAt());
        d.setConfirmedAt(c.getConfirmedAt());
        d.setLastActiveAt(c.getLastActiveAt());
        d.setReconfirmRequestedAt(c.getReconfirmRequestedAt());
        d.setUnsubscribedAt(c.getUnsubscribedAt());
        PendingSignup p = c.getPending();
        d.setPending(p == null ? null : PendingSignup.fromJson(p.toJson()));
        d.setLastConfirmedNonce(c.getLastConfirmedNonce());
        d.setSuppressed(c.isSuppressed());
        d.setSuppressionReason(c.getSuppressionReason());
        d.setVersion(c.getVersion());
        return d;
    }
}
