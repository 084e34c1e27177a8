package fr.eterrain.core.selection;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.content.ContentLinks;
import fr.eterrain.core.federation.Federation;
import fr.eterrain.core.federation.FederationRegistry;
import fr.eterrain.core.json.Json;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The national newsletter draft made from a selection, for HQ to edit and send: subject, preheader, a short
 * introduction and the items in order, each with what a newsletter block needs. Stored with the selection and
 * carried by the SelectionPublished event (schemas/events/SelectionPublished.json); it names no person.
 */
public final class SelectionDraft {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.FRENCH);

    private SelectionDraft() {
    }

    public static ObjectNode build(SelectionPeriod period, List<SelectionItem> items, FederationRegistry federations,
                                   ContentLinks links) {
        ObjectNode draft = Json.object();
        draft.put("type", "national-selection");
        draft.put("audience", "national");
        draft.put("period", period.label());
        draft.put("cadence", period.cadence().wire());
        LocalDate first = period.start().atZone(SelectionPeriod.PARIS).toLocalDate();
        LocalDate last = period.end().atZone(SelectionPeriod.PARIS).toLocalDate().minusDays(1);
        boolean weekly = period.cadence() == Cadence.WEEKLY;
        draft.put("subject", weekly
                ? "La sélection nationale de la semaine " + period.label().substring(6) + " (" + first.getYear() + ")"
                : "La sélection nationale de " + MONTH.format(first));
        draft.put("preheader", items.size() + (items.size() == 1 ? " contenu" : " contenus") + " des fédérations à relayer");
        draft.put("intro", "Les contenus des fédérations les plus relayés et appréciés "
                + (weekly ? "de la semaine du " + DAY.format(first) + " au " + DAY.format(last) : "de " + MONTH.format(first))
                + ", choisis selon l'engagement, la fraîcheur et la diversité des fédérations et des formats.");
        ArrayNode list = draft.putArray("items");
        for (SelectionItem item : items) {
            ObjectNode node = list.addObject();
            node.put("rank", item.rank());
            node.put("title", item.title());
            node.put("kind", item.kind().wire());
            node.put("federation", item.content().federation());
            node.put("federationName", federations.find(item.content().federation()).map(Federation::displayName)
                    .orElse(item.content().federation()));
            node.put("description", item.description());
            node.put("credits", item.credits());
            node.put("thumbnailUrl", item.thumbnailKey() == null ? null : links.stableThumbnail(item.content()));
            // The public page: readers of the email hold no API key.
            node.put("contentUrl", links.page(item.content()));
        }
        draft.set("newsletter", newsletter(draft));
        return draft;
    }

    /**
     * The same draft in the newsletter editor's format (schemas/newsletter-draft.json): HQ can open it as a
     * newsletter as is. Images only when served over https, as the editor requires.
     */
    static ObjectNode newsletter(ObjectNode draft) {
        ObjectNode nl = Json.object();
        nl.put("subject", draft.get("subject").asText());
        nl.put("preheader", draft.get("preheader").asText());
        ArrayNode blocks = nl.putArray("blocks");
        blocks.addObject().put("type", "heading").put("text", draft.get("subject").asText());
        blocks.addObject().put("type", "text").put("markdown", draft.get("intro").asText());
        for (var item : draft.get("items")) {
            blocks.addObject().put("type", "heading").put("text", truncate(item.path("title").asText(), 200));
            String thumbnail = item.path("thumbnailUrl").asText("");
            if (thumbnail.startsWith("https://")) {
                blocks.addObject().put("type", "image").put("url", thumbnail).put("alt", truncate(item.path("title").asText(), 300))
                        .put("link", item.path("contentUrl").asText());
            }
            String description = item.path("description").asText("");
            blocks.addObject().put("type", "text").put("markdown", truncate(
                    (description.isBlank() ? "" : description.replace("[", "(").replace("]", ")") + "\n\n")
                            + "*" + item.path("federationName").asText() + "*", 20_000));
            if (item.path("contentUrl").asText("").matches("https?://\\S+")) {
                blocks.addObject().put("type", "button").put("label", "Voir le contenu").put("url", item.path("contentUrl").asText());
            }
            if (blocks.size() >= 48) {
                break;
            }
        }
        return nl;
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }
}
