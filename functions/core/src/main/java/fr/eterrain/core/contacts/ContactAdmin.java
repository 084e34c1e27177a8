package fr.eterrain.core.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** The federation side: read, correct, export and erase contacts. Consent itself only changes by the person. */
public final class ContactAdmin {
    public static final int MAX_PAGE = 200;
    private final ContactStore store;
    private final Clock clock;
    private final ConfirmationThrottle throttle;
    private final fr.eterrain.core.security.KeyedHash hash;

    public ContactAdmin(ContactStore store, Clock clock, ConfirmationThrottle throttle, fr.eterrain.core.security.KeyedHash hash) {
        this.store = store;
        this.clock = clock;
        this.throttle = throttle;
        this.hash = hash;
    }

    public ContactPage list(String federation, ContactFilter filter, String cursor, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ApiException.badRequest("invalid_limit", "limit must be between 1 and " + MAX_PAGE + ".", "limit");
        }
        try {
            return store.list(federation, filter, cursor, limit);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_cursor", "This cursor is not one we issued.", "cursor");
        }
    }

    /** The contact with exactly this address (any case), if it passes the filter: a page of zero or one. */
    public ContactPage byEmail(String federation, String rawEmail, ContactFilter filter) {
        String email = EmailAddresses.normalize(rawEmail).orElseThrow(() -> ApiException.badRequest("invalid_email",
                "email must be a valid address.", "email"));
        List<Contact> found = store.findEmailAny(federation, hash.emailCandidates(email))
                .filter(e -> e.getContactId() != null)
                .flatMap(e -> store.find(federation, e.getContactId()))
                .filter(filter::matches)
                .map(List::of).orElse(List.of());
        return new ContactPage(found, null);
    }

    /**
     * Contacts whose first or last name contains every word of {@code name} (case and accents ignored), with the
     * filters. Names are sealed in the table, so the match runs here over the federation's contacts; the cursor
     * is the number of matches already returned.
     */
    public ContactPage byName(String federation, String name, ContactFilter filter, String cursor, int limit) {
        String[] words = fold(name).split("\\s+");
        if (name.isBlank() || name.length() > 100) {
            throw ApiException.badRequest("invalid_name", "name must be 1 to 100 characters.", "name");
        }
        int skip;
        try {
            skip = cursor == null ? 0 : Integer.parseInt(cursor);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_cursor", "This cursor is not one we issued.", "cursor");
        }
        List<Contact> matches = new ArrayList<>();
        store.forEach(federation, c -> {
            String full = fold((c.getFirstName() == null ? "" : c.getFirstName()) + " " + (c.getLastName() == null ? "" : c.getLastName()));
            if (filter.matches(c) && java.util.Arrays.stream(words).allMatch(full::contains)) {
                matches.add(c);
            }
        });
        matches.sort(java.util.Comparator.comparing((Contact c) -> fold(c.getLastName() == null ? "" : c.getLastName()))
                .thenComparing(c -> fold(c.getFirstName() == null ? "" : c.getFirstName())).thenComparing(Contact::getId));
        int from = Math.min(skip, matches.size());
        int to = Math.min(from + limit, matches.size());
        return new ContactPage(new ArrayList<>(matches.subList(from, to)), to < matches.size() ? Integer.toString(to) : null);
    }

    private static String fold(String s) {
        return java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(java.util.Locale.ROOT).trim();
    }

    public Contact get(String federation, String contactId) {
        if (contactId == null || !contactId.matches("[A-Za-z0-9]{1,40}")) {
            throw ApiException.notFound("No such contact.");
        }
        return store.find(federation, contactId).orElseThrow(() -> ApiException.notFound("No such contact."));
    }

    /** Applies a body validated against schemas/contact-patch.json. */
    public Contact patch(String federation, String contactId, JsonNode body) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Contact contact = get(federation, contactId);
            if (body.has("firstName")) {
                contact.setFirstName(PersonNames.require("firstName", SignupRequest.blankToNull(Json.text(body, "firstName"))));
            }
            if (body.has("lastName")) {
                contact.setLastName(PersonNames.require("lastName", SignupRequest.blankToNull(Json.text(body, "lastName"))));
            }
            if (body.has("postalCode")) {
                contact.setPostalCode(SignupRequest.blankToNull(Json.text(body, "postalCode")));
            }
            if (body.has("category")) {
                contact.setCategory(Category.parse(Json.text(body, "category")).orElseThrow());
            }
            if (body.has("tags")) {
                LinkedHashSet<String> tags = new LinkedHashSet<>();
                body.get("tags").forEach(t -> tags.add(t.asText().trim()));
                contact.setTags(new ArrayList<>(tags));
            }
            contact.setUpdatedAt(clock.instant());
            if (store.update(federation, contact, List.of())) {
                return contact;
            }
        }
        throw new ApiException(409, "concurrent_update", "The contact changed while saving; please retry.");
    }

    /** Art. 17 erasure: nothing of the person stays but the keyed hash that keeps the address suppressed. */
    public void erase(String federation, String contactId) {
        Contact contact = get(federation, contactId);
        store.erase(federation, contact, "erased", clock.instant());
        // The confirmation throttle holds a keyed hash of the address for a day: it goes too.
        throttle.forget(ConfirmationThrottle.key(hash, contact.getEmail()));
    }

    /** The consent history of a contact, oldest first, with its proofs. */
    public List<ConsentEvent> consentLog(String federation, String contactId) {
        return store.consentLog(federation, contactId);
    }

    /** Art. 15 access / art. 20 portability: everything held on the person. */
    public ObjectNode export(String federation, String contactId) {
        Contact contact = get(federation, contactId);
        ObjectNode out = Json.object();
        out.put("federation", federation);
        out.put("exportedAt", Instant.now(clock).toString());
        out.set("contact", ContactViews.contact(contact));
        if (contact.getPending() != null) {
            PendingSignup p = contact.getPending();
            ObjectNode pending = out.putObject("pendingRequest");
            pending.put("requestedAt", p.requestedAt().toString());
            pending.put("category", p.category() == null ? null : p.category().wire());
            pending.put("firstName", p.firstName());
            pending.put("lastName", p.lastName());
            pending.put("postalCode", p.postalCode());
            pending.put("audienceMeasurement", p.audienceMeasurement());
            pending.put("wordingVersion", p.wordingVersion());
            pending.put("source", p.source());
        }
        ArrayNode log = out.putArray("consentLog");
        store.consentLog(federation, contactId).forEach(e -> log.add(ContactViews.consent(e)));
        return out;
    }
}
