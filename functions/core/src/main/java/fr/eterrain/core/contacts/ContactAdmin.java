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
