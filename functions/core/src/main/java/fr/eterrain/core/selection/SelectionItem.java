package fr.eterrain.core.selection;

import fr.eterrain.core.content.Content;
import fr.eterrain.core.content.ContentKind;
import fr.eterrain.core.content.ContentRef;
import java.time.Instant;

/** One selected content, frozen as it was when selected (a later edit does not rewrite history). */
public record SelectionItem(int rank, double score, ContentRef content, String title, ContentKind kind,
                            String description, String credits, String thumbnailKey, Instant approvedAt,
                            Content.Engagement engagement) {
}
