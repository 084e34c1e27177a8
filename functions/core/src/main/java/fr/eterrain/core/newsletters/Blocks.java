package fr.eterrain.core.newsletters;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Reading a draft's ordered blocks (validated against schemas/newsletter-draft.json). */
public final class Blocks {
    private Blocks() {
    }

    /** Every distinct link target, in order: the newsletter's own list, indexed by tracking tokens. */
    public static List<String> links(JsonNode blocks) {
        LinkedHashSet<String> links = new LinkedHashSet<>();
        for (JsonNode block : blocks) {
            switch (block.path("type").asText()) {
                case "text" -> links.addAll(SafeMarkdown.links(block.path("markdown").asText()));
                case "image" -> {
                    if (block.hasNonNull("link")) {
                        links.add(block.get("link").asText());
                    }
                }
                case "button" -> links.add(block.path("url").asText());
                default -> { }
            }
        }
        return new ArrayList<>(links);
    }
}
