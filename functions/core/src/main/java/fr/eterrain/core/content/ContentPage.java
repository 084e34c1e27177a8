package fr.eterrain.core.content;

import java.util.List;

/** One page of contents and the opaque cursor of the next page (null at the end). */
public record ContentPage(List<Content> items, String nextCursor) {
}
