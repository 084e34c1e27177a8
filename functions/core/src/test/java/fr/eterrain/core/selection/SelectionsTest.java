package fr.eterrain.core.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.content.Content;
import fr.eterrain.core.testing.ContentKit;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SelectionsTest {
    private final ContentKit kit = new ContentKit();
    private final SelectionPeriod week = SelectionPeriod.containing(Cadence.WEEKLY, kit.clock.instant());

    @Test
    void aPeriodIsSelectedStoredAndPublishedOnce() {
        Content a = kit.approved("06");
        Content b = kit.approved("13");
        kit.engagements.relay(b.ref(), "06");
        kit.clock.advance(Duration.ofDays(7));

        Selections.Run first = kit.selections.run(week);
        assertTrue(first.created());
        assertEquals(2, first.selection().items().size());
        assertEquals(b.ref(), first.selection().items().get(0).content(), "the relayed one first");
        assertEquals(1, kit.events.published.size());
        assertNotNull(first.selection().publishedAt());

        kit.engagements.relay(a.ref(), "13");
        kit.engagements.relay(a.ref(), "2A");
        Selections.Run second = kit.selections.run(week);
        assertFalse(second.created());
        assertEquals(first.selection(), second.selection(), "the stored selection stands, later engagement or not");
        assertEquals(1, kit.selectionStore.selections.size());
        assertEquals(1, kit.events.published.size(), "published once");
    }

    @Test
    void theEventCarriesTheNewsletterDraftInOrder() {
        Content c = kit.approved("06");
        kit.clock.advance(Duration.ofDays(7));
        kit.selections.run(week);
        var event = kit.events.published.get(0); // validated against schemas/events/SelectionPublished by the fake
        assertEquals("eterrain.contents", event.source());
        assertEquals("SelectionPublished", event.detailType());
        JsonNode detail = event.detail();
        assertEquals(week.label(), detail.get("period").asText());
        JsonNode item = detail.get("items").get(0);
        assertEquals(c.title(), item.get("title").asText());
        assertEquals("graphic", item.get("kind").asText());
        assertEquals("06", item.get("federation").asText());
        assertEquals(ContentKit.BASE_URL + "/v1/contents/06/" + c.id() + "/thumbnail", item.get("thumbnailUrl").asText());
        assertEquals(ContentKit.BASE_URL + "/v1/contents/06/" + c.id() + "/page", item.get("contentUrl").asText(),
                "a page anyone reading the email can open, not the keyed API");
        assertTrue(detail.get("subject").asText().contains("semaine " + week.label().substring(6)));
        assertFalse(detail.toString().contains("Marie"), "the proposer is named nowhere");
        assertEquals(detail.get("items"), kit.selectionStore.find(week.label()).orElseThrow().draft().get("items"),
                "the stored draft is the published one");
        JsonNode newsletter = kit.selectionStore.find(week.label()).orElseThrow().draft().get("newsletter");
        fr.eterrain.core.validation.Schemas.validate("newsletter-draft", newsletter);
        assertTrue(newsletter.toString().contains(c.title()), "HQ can open it in the newsletter editor as is");
    }

    @Test
    void aFederationsOwnApprovalNeverReachesTheNationalSelection() {
        kit.approvedByFederation("06");
        Content national = kit.approved("13");
        kit.clock.advance(Duration.ofDays(7));
        Selection s = kit.selections.run(week).selection();
        assertEquals(1, s.items().size(), "only what HQ approved for the national library");
        assertEquals(national.ref(), s.items().get(0).content());
    }

    @Test
    void onlyContentsApprovedDuringThePeriodCount() {
        kit.approved("06");
        kit.clock.advance(Duration.ofDays(8));
        kit.approved("13"); // next week
        Selection s = kit.selections.run(week).selection();
        assertEquals(1, s.items().size());
        assertEquals("06", s.items().get(0).content().federation());
    }

    @Test
    void anEmptyPeriodIsStoredButAnnouncesNothing() {
        Selection s = kit.selections.run(week).selection();
        assertTrue(s.items().isEmpty());
        assertNull(s.publishedAt());
        assertTrue(kit.events.published.isEmpty());
        assertTrue(kit.selectionStore.find(week.label()).isPresent());
    }

    @Test
    void aRunThatStoppedBeforePublishingIsFinishedByTheNext() {
        kit.approved("06");
        Selection unpublished = new Selection(week, Instant.parse("2026-11-30T08:00:00Z"), SelectionPolicy.VERSION,
                SelectionPolicy.select(kit.store.approvedBetween(week.start(), week.end()), week),
                SelectionDraft.build(week, SelectionPolicy.select(kit.store.approvedBetween(week.start(), week.end()), week),
                        kit.federations, kit.links), null);
        kit.selectionStore.create(unpublished);
        Selections.Run run = kit.selections.run(week);
        assertFalse(run.created());
        assertEquals(1, kit.events.published.size());
        assertNotNull(kit.selectionStore.find(week.label()).orElseThrow().publishedAt());
    }
}
