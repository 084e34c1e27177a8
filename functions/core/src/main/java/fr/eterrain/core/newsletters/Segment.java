package fr.eterrain.core.newsletters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.contacts.Category;
import fr.eterrain.core.contacts.Contact;
import fr.eterrain.core.contacts.ContactStatus;
import fr.eterrain.core.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Who receives a newsletter: contacts matching every given criterion (any listed category, any listed tag, any
 * listed postal-code prefix; an empty list means no restriction) — and only confirmed, subscribed, non-suppressed
 * contacts, whatever the criteria.
 */
public record Segment(List<Category> categories, List<String> tags, List<String> postalCodePrefixes) {
    public static final Segment EVERYONE = new Segment(List.of(), List.of(), List.of());

    public boolean includes(Contact c) {
        return c.getStatus() == ContactStatus.ACTIVE && c.isNewsletterConsent() && !c.isSuppressed()
                && (categories.isEmpty() || categories.contains(c.getCategory()))
                && (tags.isEmpty() || c.getTags().stream().anyMatch(tags::contains))
                && (postalCodePrefixes.isEmpty() || (c.getPostalCode() != null
                        && postalCodePrefixes.stream().anyMatch(c.getPostalCode()::startsWith)));
    }

    /** From a node validated against schemas/newsletter-draft.json (absent → everyone). */
    public static Segment fromJson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return EVERYONE;
        }
        List<Category> categories = new ArrayList<>();
        node.path("categories").forEach(c -> categories.add(Category.parse(c.asText()).orElseThrow()));
        List<String> tags = new ArrayList<>();
        node.path("tags").forEach(t -> tags.add(t.asText()));
        List<String> prefixes = new ArrayList<>();
        node.path("postalCodePrefixes").forEach(p -> prefixes.add(p.asText()));
        return new Segment(List.copyOf(categories), List.copyOf(tags), List.copyOf(prefixes));
    }

    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        ArrayNode c = node.putArray("categories");
        categories.forEach(x -> c.add(x.wire()));
        ArrayNode t = node.putArray("tags");
        tags.forEach(t::add);
        ArrayNode p = node.putArray("postalCodePrefixes");
        postalCodePrefixes.forEach(p::add);
        return node;
    }
}
