package fr.eterrain.core.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.testing.ContentKit;
import org.junit.jupiter.api.Test;

class EngagementsTest {
    private final ContentKit kit = new ContentKit();

    @Test
    void eachRelayLikeAndClickReportCountsOnce() {
        Content c = kit.approved("06");
        assertTrue(kit.engagements.relay(c.ref(), "13"));
        assertFalse(kit.engagements.relay(c.ref(), "13"), "a retry or a second relay by 13");
        assertTrue(kit.engagements.relay(c.ref(), "2A"));
        assertTrue(kit.engagements.like(c.ref(), "13", "member-42").counted());
        assertEquals(Engagements.Like.ALREADY_COUNTED, kit.engagements.like(c.ref(), "13", "member-42"));
        assertTrue(kit.engagements.like(c.ref(), "13", "member-43").counted());
        assertTrue(kit.engagements.like(c.ref(), "2A", "member-42").counted(), "another federation's member 42 is someone else");
        assertTrue(kit.engagements.clicks(c.ref(), "nl-1:2026-11-24T10", 7));
        assertFalse(kit.engagements.clicks(c.ref(), "nl-1:2026-11-24T10", 7));
        assertEquals(new Content.Engagement(2, 3, 7), kit.store.find(c.ref()).orElseThrow().engagement());
        assertEquals(new Content.Engagement(2, 3, 7), kit.store.find("06", c.id()).orElseThrow().engagement());
        assertTrue(kit.store.markers.stream().noneMatch(m -> m.contains("member-42")), "people are kept as keyed hashes only");
    }

    @Test
    void onlyApprovedContentsCanBeRelayed() {
        Content c = kit.submitted("06");
        assertEquals(404, assertThrows(ApiException.class, () -> kit.engagements.relay(c.ref(), "13")).status());
        assertEquals(Content.Engagement.NONE, kit.store.find("06", c.id()).orElseThrow().engagement());
    }

    @Test
    void aContentApprovedByItsFederationOnlyGathersNoScore() {
        Content c = kit.approvedByFederation("06");
        assertEquals(404, assertThrows(ApiException.class, () -> kit.engagements.relay(c.ref(), "13")).status());
        assertEquals(404, assertThrows(ApiException.class, () -> kit.engagements.like(c.ref(), "13", "m1")).status());
        assertEquals(Content.Engagement.NONE, kit.store.find("06", c.id()).orElseThrow().engagement());
    }

    @Test
    void aFederationCannotRelayOrLikeItsOwnContentIntoTheScore() {
        Content c = kit.approved("06");
        ApiException relay = assertThrows(ApiException.class, () -> kit.engagements.relay(c.ref(), "06"));
        assertEquals(403, relay.status());
        assertEquals("own_content", relay.code());
        assertEquals("own_content", assertThrows(ApiException.class, () -> kit.engagements.like(c.ref(), "06", "m1")).code());
        assertEquals(Content.Engagement.NONE, kit.store.find(c.ref()).orElseThrow().engagement());
    }

    @Test
    void theLikesOfOneFederationCountAtMostThreeTimesOnOneContent() {
        Content c = kit.approved("06");
        for (int i = 1; i <= Engagements.LIKES_PER_FEDERATION; i++) {
            assertTrue(kit.engagements.like(c.ref(), "13", "member-" + i).counted());
        }
        for (int i = 100; i < 110; i++) {
            assertEquals(Engagements.Like.FEDERATION_LIMIT, kit.engagements.like(c.ref(), "13", "member-" + i),
                    "person ids are the federation's to choose: more of them buy nothing");
        }
        assertEquals(Engagements.Like.ALREADY_COUNTED, kit.engagements.like(c.ref(), "13", "member-1"));
        assertTrue(kit.engagements.like(c.ref(), "2A", "member-1").counted(), "another federation's likes still count");
        assertEquals(Engagements.LIKES_PER_FEDERATION + 1, kit.store.find(c.ref()).orElseThrow().engagement().likes());
    }
}
