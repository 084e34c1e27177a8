package fr.eterrain.core.contacts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Persistence of contacts, their email index and consent log, one federation table at a time. */
public interface ContactStore {
    Optional<Contact> find(String federation, String contactId);

    /** Several contacts at once (a dispatcher page), by id; ids not found are absent from the map. */
    default java.util.Map<String, Contact> findAll(String federation, java.util.Collection<String> contactIds) {
        java.util.Map<String, Contact> found = new java.util.HashMap<>();
        for (String id : contactIds) {
            find(federation, id).ifPresent(c -> found.put(id, c));
        }
        return found;
    }

    Optional<EmailEntry> findEmail(String federation, String emailHash);

    /** The first entry found among these hashes of one address (KeyedHash.emailCandidates: every key of a rotation). */
    default Optional<EmailEntry> findEmailAny(String federation, List<String> emailHashes) {
        for (String emailHash : emailHashes) {
            Optional<EmailEntry> entry = findEmail(federation, emailHash);
            if (entry.isPresent()) {
                return entry;
            }
        }
        return Optional.empty();
    }

    /** Creates the contact and its email index together; false when the address is already indexed. */
    boolean create(String federation, Contact contact, List<ConsentEvent> consent);

    /**
     * Saves the contact if its stored version is still {@code contact.getVersion()} (then increments it) and
     * appends the consent events in the same transaction. False when someone else changed it first.
     */
    boolean update(String federation, Contact contact, List<ConsentEvent> consent);

    /** @throws IllegalArgumentException for a cursor this store did not issue */
    ContactPage list(String federation, ContactFilter filter, String cursor, int limit);

    List<ConsentEvent> consentLog(String federation, String contactId);

    /**
     * Removes every item about the person. With {@code suppressionReason} non-null the address's keyed hash
     * stays, marked suppressed, and nothing else.
     */
    void erase(String federation, Contact contact, String suppressionReason, Instant at);

    /** Marks an address never to be mailed again (bounce, complaint), whether or not a contact exists. */
    void suppress(String federation, String emailHash, String reason, Instant at);

    void forEach(String federation, Consumer<Contact> action);
}
