package fr.eterrain.core.selection;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * The selection of one period, stored once. {@code draft} is the national newsletter draft made from it, ready
 * for HQ; {@code publishedAt} is set once the SelectionPublished event went out (null before, and for an empty
 * selection, which announces nothing).
 */
public record Selection(SelectionPeriod period, Instant generatedAt, String scoreVersion, List<SelectionItem> items,
                        JsonNode draft, Instant publishedAt) {
}
