package fr.eterrain.core.content;

import fr.eterrain.core.federation.Federation;
import fr.eterrain.core.html.Html;
import fr.eterrain.core.html.Layout;
import fr.eterrain.core.html.Pages;
import fr.eterrain.core.http.HttpResponse;
import fr.eterrain.core.storage.ObjectStorage;
import java.util.Map;

/**
 * The public page of an approved content: what a reader of a newsletter (the national selection's included) opens
 * without any key. Branded like the other public pages; every text comes from a federation and is escaped; the
 * proposer is never named. Anything not approved is the same 404 page as an unknown id.
 */
public final class ContentPages {
    private static final Map<ContentKind, String> KINDS = Map.of(ContentKind.GRAPHIC, "Visuel", ContentKind.VIDEO, "Vidéo",
            ContentKind.PODCAST, "Podcast", ContentKind.TEXT, "Texte");

    private ContentPages() {
    }

    public static HttpResponse page(Content content, Federation federation, ContentLinks links) {
        StringBuilder body = new StringBuilder();
        body.append("<p>").append(Html.escape(KINDS.get(content.kind()))).append(" — ")
                .append(Html.escape(federation.displayName())).append("</p>");
        if (content.thumbnailKey() != null) {
            body.append("<p><img src=\"").append(Html.escape(links.stableThumbnail(content.ref()))).append("\" alt=\"")
                    .append(Html.escape(content.title())).append("\" style=\"max-width:100%;height:auto\"></p>");
        }
        if (content.description() != null && !content.description().isBlank()) {
            for (String paragraph : content.description().split("\\R\\s*\\R")) {
                body.append("<p>").append(Html.escape(paragraph.strip())).append("</p>");
            }
        }
        if (content.credits() != null && !content.credits().isBlank()) {
            body.append("<p>Crédits : ").append(Html.escape(content.credits())).append("</p>");
        }
        body.append("<p>Droits : ").append(Html.escape(content.rights().holder())).append(" (")
                .append(Html.escape(content.rights().license())).append(")</p>");
        ObjectStorage.Presigned download = links.download(content);
        body.append("<p><a class=\"button\" href=\"").append(Html.escape(download.url())).append("\">Télécharger</a></p>");
        HttpResponse page = HttpResponse.html(200, Layout.page(federation, content.title(), body.toString()));
        // The download link inside lives 15 minutes: never serve a stale copy.
        return page.withHeader("cache-control", "no-store");
    }

    public static HttpResponse notFound() {
        return Pages.message(404, null, "Ce contenu n'est pas disponible",
                "Le contenu que vous cherchez n'existe pas ou n'est plus publié par sa fédération.");
    }
}
