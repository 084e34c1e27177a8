package fr.eterrain.core.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.eterrain.core.http.HttpResponse;
import fr.eterrain.core.testing.ContentKit;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentPagesTest {
    private final ContentKit kit = new ContentKit();

    @Test
    void everyTextOnThePublicPageIsEscaped() {
        Content c = kit.approved("06");
        Content hostile = new Content(c.id(), c.federation(), "<script>alert(1)</script>", c.kind(),
                "\"><img src=x onerror=alert(2)>\n\nSecond paragraphe", List.of(), "<b>crédits</b>",
                new Content.Rights("<i>titulaire</i>", "own-work"), "Marie D.", c.file(), c.status(), c.objectKey(),
                c.thumbnailKey(), null, c.createdAt(), c.updatedAt(), c.submittedAt(), c.approvedAt(), null, c.engagement(),
                c.national(), c.version());
        HttpResponse page = ContentPages.page(hostile, kit.federations.require("06"), kit.links);
        assertEquals(200, page.status());
        String html = page.body();
        assertFalse(html.contains("<script>alert"), html);
        assertFalse(html.contains("<img src=x"), html);
        assertFalse(html.contains("<b>crédits"), html);
        assertFalse(html.contains("<i>titulaire"), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
        assertTrue(html.contains("<p>Second paragraphe</p>"), html);
        assertFalse(html.contains("Marie"), "the proposer is never named");
        assertTrue(html.contains(ContentKit.BASE_URL + "/v1/contents/06/" + c.id() + "/thumbnail"), "the stable thumbnail");
        assertEquals("no-store", page.headers().get("cache-control"));
    }
}
