package fr.eterrain.core.contacts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.events.EventPublisher;
import fr.eterrain.core.events.EventPublisher.DomainEvent;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.security.Ids;
import fr.eterrain.core.security.KeyedHash;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Imports an existing address book. A row with proof of consent (wording version, date and source) becomes an
 * active contact with that proof logged; a row without becomes "pending" and only ever receives the double
 * opt-in email, sent asynchronously by the confirmation mailer. The report lists every row with its fate.
 */
public final class ContactImport {
    public static final int MAX_ROWS = 1000;
    public static final String EVENT_SOURCE = "eterrain.contacts";
    public static final String CONFIRMATION_REQUESTED = "ConfirmationRequested";
    private static final int REQUESTS_PER_EVENT = 50;

    private static final Map<String, String> COLUMN_ALIASES = Map.ofEntries(
            Map.entry("email", "email"), Map.entry("e-mail", "email"), Map.entry("courriel", "email"), Map.entry("mail", "email"),
            Map.entry("firstname", "firstName"), Map.entry("prenom", "firstName"),
            Map.entry("lastname", "lastName"), Map.entry("nom", "lastName"),
            Map.entry("postalcode", "postalCode"), Map.entry("codepostal", "postalCode"), Map.entry("cp", "postalCode"),
            Map.entry("category", "category"), Map.entry("categorie", "category"),
            Map.entry("tags", "tags"),
            Map.entry("consentwordingversion", "consentWordingVersion"),
            Map.entry("consentdate", "consentDate"),
            Map.entry("consentsource", "consentSource"));

    private final ContactStore store;
    private final EventPublisher events;
    private final KeyedHash hash;
    private final Clock clock;

    public ContactImport(ContactStore store, EventPublisher events, KeyedHash hash, Clock clock) {
        this.store = store;
        this.events = events;
        this.hash = hash;
        this.clock = clock;
    }

    public ObjectNode importCsv(String federation, String csv, String importedBy) {
        List<List<String>> rows;
        try {
            rows = Csv.parse(csv == null ? "" : csv);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("malformed_csv", "The CSV is malformed: " + e.getMessage() + ".", null);
        }
        if (rows.isEmpty()) {
            throw ApiException.badRequest("empty_csv", "The CSV has no header row.", null);
        }
        Map<String, Integer> columns = columns(rows.get(0));
        if (!columns.containsKey("email")) {
            throw ApiException.badRequest("missing_column", "The CSV needs an 'email' column.", "email");
        }
        if (rows.size() - 1 > MAX_ROWS) {
            throw ApiException.badRequest("too_many_rows", "At most " + MAX_ROWS + " rows per import; split the file.", null);
        }
        Instant now = clock.instant();
        ArrayNode report = Json.array();
        Set<String> seen = new HashSet<>();
        List<ObjectNode> confirmations = new ArrayList<>();
        int active = 0;
        int pending = 0;
        for (int i = 1; i < rows.size(); i++) {
            int line = i + 1;
            Row row = new Row(rows.get(i), columns);
            ObjectNode entry = report.addObject();
            entry.put("line", line);
            String refusal = importRow(federation, row, seen, now, importedBy, entry, confirmations);
            if (refusal == null) {
                entry.put("status", "accepted");
                if ("active".equals(entry.path("contactStatus").asText())) {
                    active++;
                } else {
                    pending++;
                }
            } else {
                entry.put("status", "rejected");
                entry.put("reason", refusal);
            }
        }
        requestConfirmations(federation, confirmations);
        ObjectNode result = Json.object();
        result.put("received", rows.size() - 1);
        result.put("accepted", active + pending);
        result.put("active", active);
        result.put("pending", pending);
        result.put("rejected", rows.size() - 1 - active - pending);
        result.set("rows", report);
        return result;
    }

    private String importRow(String federation, Row row, Set<String> seen, Instant now, String importedBy,
                             ObjectNode entry, List<ObjectNode> confirmations) {
        String email = EmailAddresses.normalize(row.get("email")).orElse(null);
        if (email == null) {
            entry.put("field", "email");
            return "invalid email address";
        }
        if (!seen.add(email)) {
            entry.put("field", "email");
            return "duplicate of an earlier row";
        }
        String categoryText = row.get("category");
        Category category = categoryText == null ? Category.CURIEUX : Category.parse(categoryText).orElse(null);
        if (category == null) {
            entry.put("field", "category");
            return "category must be militant, sympathisant or curieux";
        }
        String postalCode = row.get("postalCode");
        if (postalCode != null && !postalCode.matches("[0-9A-Za-z -]{2,10}")) {
            entry.put("field", "postalCode");
            return "invalid postal code";
        }
        String firstName = row.get("firstName");
        String lastName = row.get("lastName");
        for (String[] name : new String[][] {{"firstName", firstName}, {"lastName", lastName}}) {
            String problem = PersonNames.problem(name[1]);
            if (problem != null) {
                entry.put("field", name[0]);
                return problem;
            }
        }
        List<String> tags = new ArrayList<>(new LinkedHashSet<>(splitTags(row.get("tags"))));
        if (tags.size() > 20 || tags.stream().anyMatch(t -> t.length() > 50)) {
            entry.put("field", "tags");
            return "at most 20 tags of 50 characters";
        }
        String wording = row.get("consentWordingVersion");
        String consentDate = row.get("consentDate");
        String consentSource = row.get("consentSource");
        boolean anyProof = wording != null || consentDate != null || consentSource != null;
        boolean proof = wording != null && consentDate != null && consentSource != null;
        Instant consentAt = null;
        if (anyProof && !proof) {
            entry.put("field", wording == null ? "consentWordingVersion" : consentDate == null ? "consentDate" : "consentSource");
            return "incomplete proof of consent: wording version, date and source are all needed";
        }
        if (proof) {
            consentAt = parseDate(consentDate);
            if (consentAt == null || consentAt.isAfter(now)) {
                entry.put("field", "consentDate");
                return "consent date must be a past date (YYYY-MM-DD or ISO 8601)";
            }
            if (wording.length() > 100 || consentSource.length() > 200) {
                entry.put("field", "consentSource");
                return "proof of consent fields too long";
            }
        }
        String emailHash = hash.email(email);
        var existing = store.findEmailAny(federation, hash.emailCandidates(email));
        if (existing.isPresent()) {
            entry.put("field", "email");
            return existing.get().isSuppressed() ? "address is suppressed (erased, bounced or complained)" : "already a contact";
        }
        Contact contact = new Contact();
        contact.setId(Ids.contact());
        contact.setEmail(email);
        contact.setEmailHash(emailHash);
        contact.setFirstName(firstName);
        contact.setLastName(lastName);
        contact.setPostalCode(postalCode);
        contact.setCategory(category);
        contact.setTags(tags);
        contact.setOrigin("import");
        contact.setCreatedAt(now);
        contact.setUpdatedAt(now);
        List<ConsentEvent> consent = new ArrayList<>();
        if (proof) {
            contact.setStatus(ContactStatus.ACTIVE);
            contact.setNewsletterConsent(true);
            contact.setWordingVersion(wording);
            contact.setSource(consentSource);
            contact.setConfirmedAt(consentAt);
            contact.setLastActiveAt(consentAt);
            ConsentEvent event = new ConsentEvent();
            event.setContactId(contact.getId());
            event.setEventId(Ids.random(9));
            event.setAt(now);
            event.setType(ConsentEvent.IMPORTED_WITH_PROOF);
            event.setWordingVersion(wording);
            event.setSource(consentSource);
            event.setConfirmedAt(consentAt);
            event.setNewsletter(true);
            event.setAudienceMeasurement(false);
            event.setChannel("import");
            event.setRecordedBy(importedBy);
            consent.add(event);
        } else {
            contact.setStatus(ContactStatus.PENDING);
            contact.setPending(new PendingSignup(Ids.random(12), category, firstName, lastName, postalCode, false,
                    ConsentWordings.current(), "import", now, null, null, PendingSignup.IMPORT));
        }
        if (!store.create(federation, contact, consent)) {
            entry.put("field", "email");
            return "already a contact";
        }
        entry.put("contactId", contact.getId());
        entry.put("contactStatus", contact.getStatus().wire());
        if (!proof) {
            ObjectNode request = Json.object();
            request.put("contactId", contact.getId());
            request.put("nonce", contact.getPending().nonce());
            confirmations.add(request);
        }
        return null;
    }

    private void requestConfirmations(String federation, List<ObjectNode> requests) {
        List<DomainEvent> batch = new ArrayList<>();
        for (int start = 0; start < requests.size(); start += REQUESTS_PER_EVENT) {
            ObjectNode detail = Json.object();
            detail.put("federation", federation);
            ArrayNode items = detail.putArray("requests");
            requests.subList(start, Math.min(requests.size(), start + REQUESTS_PER_EVENT)).forEach(items::add);
            batch.add(new DomainEvent(EVENT_SOURCE, CONFIRMATION_REQUESTED, detail));
        }
        if (!batch.isEmpty()) {
            events.publish(batch);
        }
    }

    private static Instant parseDate(String text) {
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneId.of("Europe/Paris")).toInstant()
                    : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static List<String> splitTags(String text) {
        List<String> tags = new ArrayList<>();
        if (text != null) {
            for (String tag : text.split("[|]")) {
                if (!tag.isBlank()) {
                    tags.add(tag.trim());
                }
            }
        }
        return tags;
    }

    private static Map<String, Integer> columns(List<String> header) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String key = Normalizer.normalize(header.get(i).trim(), Normalizer.Form.NFD)
                    .replaceAll("\\p{M}", "").replaceAll("[\\s_]", "").toLowerCase(Locale.ROOT);
            String canonical = COLUMN_ALIASES.get(key);
            if (canonical != null) {
                columns.putIfAbsent(canonical, i);
            }
        }
        return columns;
    }

    /** A data row read through the header's column names; blank cells are absent. */
    private static final class Row {
        private final List<String> cells;
        private final Map<String, Integer> columns;

        Row(List<String> cells, Map<String, Integer> columns) {
            this.cells = cells;
            this.columns = columns;
        }

        String get(String column) {
            Integer index = columns.get(column);
            if (index == null || index >= cells.size()) {
                return null;
            }
            String value = cells.get(index).trim();
            return value.isEmpty() ? null : value;
        }
    }
}
