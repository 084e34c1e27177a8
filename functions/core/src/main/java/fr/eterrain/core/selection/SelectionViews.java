package fr.eterrain.core.selection;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.content.ContentLinks;
import fr.eterrain.core.json.Json;

/** The JSON shape of a selection on the API. */
public final class SelectionViews {
    private SelectionViews() {
    }

    public static ObjectNode selection(Selection s, ContentLinks links) {
        ObjectNode node = Json.object();
        node.put("period", s.period().label());
        node.put("cadence", s.period().cadence().wire());
        node.put("start", s.period().start().toString());
        node.put("end", s.period().end().toString());
        node.put("generatedAt", s.generatedAt().toString());
        node.put("publishedAt", s.publishedAt() == null ? null : s.publishedAt().toString());
        node.put("scoreVersion", s.scoreVersion());
        ArrayNode items = node.putArray("items");
        for (SelectionItem item : s.items()) {
            ObjectNode i = items.addObject();
            i.put("rank", item.rank());
            i.put("score", item.score());
            i.put("federation", item.content().federation());
            i.put("id", item.content().id());
            i.put("title", item.title());
            i.put("kind", item.kind().wire());
            i.put("description", item.description());
            i.put("credits", item.credits());
            i.put("approvedAt", item.approvedAt().toString());
            i.putObject("engagement").put("relays", item.engagement().relays()).put("likes", item.engagement().likes())
                    .put("clicks", item.engagement().clicks());
            i.put("thumbnailUrl", item.thumbnailKey() == null ? null : links.stableThumbnail(item.content()));
            i.put("href", links.href(item.content()));
        }
        node.set("draft", s.draft());
        return node;
    }
}
