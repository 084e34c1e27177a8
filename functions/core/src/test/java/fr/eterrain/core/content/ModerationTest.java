package fr.eterrain.core.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.testing.ContentKit;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModerationTest {
    private final ContentKit kit = new ContentKit();

    @Test
    void aFederationModeratesOnlyItsOwnContentsAndHqAll() {
        Content own = kit.submitted("06");
        Content other = kit.submitted("13");
        ApiException foreign = assertThrows(ApiException.class, () -> kit.moderation.decide(ContentKit.federationKey("06"), "13",
                other.id(), Decision.Verdict.APPROVE, null));
        assertEquals(403, foreign.status());
        assertTrue(kit.store.decisions("13", other.id()).isEmpty(), "a refused decision is not recorded");
        assertEquals(ContentStatus.APPROVED, kit.moderation.decide(ContentKit.federationKey("06"), "06", own.id(),
                Decision.Verdict.APPROVE, null).status());
        assertEquals(ContentStatus.APPROVED, kit.moderation.decide(ContentKit.HQ, "13", other.id(),
                Decision.Verdict.APPROVE, "Conforme à la charte").status());
        assertTrue(Moderation.mayModerate(ContentKit.HQ, "971"));
        assertFalse(Moderation.mayModerate(ContentKit.federationKey("971"), "972"));
    }

    @Test
    void onlyApprovedContentsReachTheLibraryAndEveryDecisionIsKept() {
        Content c = kit.submitted("06");
        assertTrue(kit.store.find(c.ref()).isEmpty(), "submitted is not visible to others");
        kit.moderation.decideNationally(ContentKit.HQ, "06", c.id(), Decision.Verdict.APPROVE, null);
        Content visible = kit.store.find(c.ref()).orElseThrow();
        assertNull(visible.proposerName(), "the library does not carry the proposer");
        kit.clock.advance(Duration.ofHours(1));
        ApiException noReason = assertThrows(ApiException.class, () -> kit.moderation.decide(ContentKit.HQ, "06", c.id(),
                Decision.Verdict.REJECT, "  "));
        assertEquals("reason_required", noReason.code());
        Content rejected = kit.moderation.decide(ContentKit.federationKey("06"), "06", c.id(), Decision.Verdict.REJECT,
                "Une photo montre un mineur sans autorisation.");
        assertEquals(ContentStatus.REJECTED, rejected.status());
        assertEquals("key06", rejected.rejection().by());
        assertTrue(kit.store.find(c.ref()).isEmpty(), "taken back from the library");
        List<Decision> log = kit.store.decisions("06", c.id());
        assertEquals(List.of(Decision.Verdict.APPROVE, Decision.Verdict.REJECT), log.stream().map(Decision::verdict).toList());
        assertEquals(List.of(Decision.Level.NATIONAL, Decision.Level.FEDERATION), log.stream().map(Decision::level).toList());
        assertEquals("hqkey", log.get(0).keyId());
        assertEquals("hq", log.get(0).role());
        assertEquals("federation", log.get(1).role());
        assertEquals("Une photo montre un mineur sans autorisation.", log.get(1).reason());
        assertEquals(kit.clock.instant(), log.get(1).at());
    }

    @Test
    void aFederationsApprovalPublishesForItselfOnlyAndTheNationalLibraryNeedsHq() {
        Content c = kit.submitted("06");
        Content approved = kit.moderation.decide(ContentKit.federationKey("06"), "06", c.id(), Decision.Verdict.APPROVE, null);
        assertEquals(ContentStatus.APPROVED, approved.status(), "published for 06");
        assertTrue(kit.store.find(c.ref()).isEmpty(), "not in the national library other federations read");
        assertTrue(kit.store.approvedBetween(kit.clock.instant().minusSeconds(60), kit.clock.instant().plusSeconds(60)).isEmpty(),
                "nor among the selection's candidates");
        assertEquals(List.of(c.id()), kit.store.awaitingReview(null, 10).items().stream().map(Content::id).toList(),
                "in HQ's review queue");

        ApiException byFederation = assertThrows(ApiException.class, () -> kit.moderation.decideNationally(
                ContentKit.federationKey("06"), "06", c.id(), Decision.Verdict.APPROVE, null));
        assertEquals(403, byFederation.status());
        assertTrue(kit.store.find(c.ref()).isEmpty());

        kit.clock.advance(Duration.ofHours(2));
        Content national = kit.moderation.decideNationally(ContentKit.HQ, "06", c.id(), Decision.Verdict.APPROVE, "Pour tous");
        assertTrue(national.inLibrary());
        assertEquals(kit.clock.instant(), kit.store.find(c.ref()).orElseThrow().national().approvedAt());
        assertTrue(kit.store.awaitingReview(null, 10).items().isEmpty(), "out of the queue once decided");
        assertEquals(1, kit.store.approvedBetween(kit.clock.instant().minusSeconds(1), kit.clock.instant().plusSeconds(1)).size(),
                "a candidate from its national approval on");
    }

    @Test
    void hqKeepsAContentOutOfTheNationalLibraryWithAReasonAndItStaysPublishedForItsFederation() {
        Content c = kit.approved("06");
        assertEquals("reason_required", assertThrows(ApiException.class, () -> kit.moderation.decideNationally(ContentKit.HQ,
                "06", c.id(), Decision.Verdict.REJECT, null)).code());
        Content refused = kit.moderation.decideNationally(ContentKit.HQ, "06", c.id(), Decision.Verdict.REJECT,
                "Trop local pour la sélection nationale.");
        assertEquals(ContentStatus.APPROVED, refused.status());
        assertEquals("Trop local pour la sélection nationale.", refused.national().refusal().reason());
        assertTrue(kit.store.find(c.ref()).isEmpty(), "taken out of the national library");
        assertTrue(kit.store.awaitingReview(null, 10).items().isEmpty(), "and not waiting for review again");
        kit.moderation.decideNationally(ContentKit.HQ, "06", c.id(), Decision.Verdict.REJECT, "Trop local pour la sélection nationale.");
        assertEquals(3, kit.store.decisions("06", c.id()).size(), "a repeat records nothing");
    }

    @Test
    void hqCannotPublishNationallyWhatItsFederationRejected() {
        Content c = kit.submitted("06");
        kit.moderation.decide(ContentKit.federationKey("06"), "06", c.id(), Decision.Verdict.REJECT, "Droits incertains.");
        assertEquals("rejected_by_federation", assertThrows(ApiException.class, () -> kit.moderation.decideNationally(
                ContentKit.HQ, "06", c.id(), Decision.Verdict.APPROVE, null)).code());
        assertTrue(kit.store.find(c.ref()).isEmpty());
    }

    @Test
    void aFederationsRejectionTakesItsContentOutOfTheNationalLibrary() {
        Content c = kit.approved("06");
        kit.moderation.decide(ContentKit.federationKey("06"), "06", c.id(), Decision.Verdict.REJECT, "Retiré par la fédération.");
        assertTrue(kit.store.find(c.ref()).isEmpty());
        assertTrue(kit.store.awaitingReview(null, 10).items().isEmpty());
        Content again = kit.moderation.decide(ContentKit.federationKey("06"), "06", c.id(), Decision.Verdict.APPROVE, null);
        assertTrue(!again.inLibrary() && again.awaitingNationalReview(), "a new approval needs HQ's decision again");
    }

    @Test
    void repeatingOnesDecisionIsHarmlessButAnotherKeyIsToldItIsDone() {
        Content c = kit.submitted("06");
        kit.moderation.decide(ContentKit.HQ, "06", c.id(), Decision.Verdict.APPROVE, null);
        kit.moderation.decide(ContentKit.HQ, "06", c.id(), Decision.Verdict.APPROVE, null);
        assertEquals(1, kit.store.decisions("06", c.id()).size());
        ApiException again = assertThrows(ApiException.class, () -> kit.moderation.decide(ContentKit.federationKey("06"), "06",
                c.id(), Decision.Verdict.APPROVE, null));
        assertEquals("already_approved", again.code());
    }

    @Test
    void thereIsNothingToModerateBeforeTheFilePassedItsChecks() {
        Content waiting = kit.uploaded("06", "graphic", "a.png", "image/png", ContentKit.png(8, 8));
        assertEquals("not_reviewable", assertThrows(ApiException.class, () -> kit.moderation.decide(ContentKit.HQ, "06",
                waiting.id(), Decision.Verdict.APPROVE, null)).code());
        Content forged = kit.uploaded("06", "graphic", "b.png", "image/png", ContentKit.text("words"));
        kit.intake.objectCreated(forged.file().uploadKey());
        assertEquals("not_reviewable", assertThrows(ApiException.class, () -> kit.moderation.decide(ContentKit.HQ, "06",
                forged.id(), Decision.Verdict.APPROVE, null)).code());
        assertEquals(404, assertThrows(ApiException.class, () -> kit.moderation.decide(ContentKit.HQ, "06",
                "kAAAAAAAAAAAAAAAA", Decision.Verdict.APPROVE, null)).status());
    }
}
