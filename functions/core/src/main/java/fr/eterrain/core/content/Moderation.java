package fr.eterrain.core.content;

import fr.eterrain.core.access.Caller;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.log.Log;
import fr.eterrain.core.security.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Approving or rejecting a content against the charter. HQ keys moderate every federation's contents, a
 * federation's key only its own; a rejection needs a reason. Each decision is appended to the content's log
 * (who, when, what, why) in the same transaction as the new status; only approved contents reach the library
 * other federations see. Repeating one's own last decision is answered without recording it twice.
 */
public final class Moderation {
    static final int MAX_REASON = 1000;
    private static final Log LOG = Log.of("Moderation");

    private final ContentStore store;
    private final Clock clock;

    public Moderation(ContentStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Whether this caller may moderate this federation's contents. */
    public static boolean mayModerate(Caller caller, String federation) {
        return caller.isHq() || caller.scope().equals(federation);
    }

    public Content decide(Caller caller, String federation, String id, Decision.Verdict verdict, String reason) {
        if (!mayModerate(caller, federation)) {
            throw ApiException.forbidden("Only HQ or this federation's coordinators may moderate its contents.");
        }
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (verdict == Decision.Verdict.REJECT && why == null) {
            throw ApiException.badRequest("reason_required", "A rejection needs a reason the federation can act on.", "reason");
        }
        if (why != null && why.length() > MAX_REASON) {
            throw ApiException.badRequest("reason_too_long", "The reason may be at most " + MAX_REASON + " characters.", "reason");
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            Content content = store.find(federation, id).orElseThrow(() -> ApiException.notFound("No such content."));
            if (!content.hasFile()) {
                throw ApiException.conflict("not_reviewable", content.status() == ContentStatus.AWAITING_UPLOAD
                        ? "The file has not arrived or not passed its checks yet." : "The file was refused at upload: there is nothing to review.");
            }
            ContentStatus target = verdict == Decision.Verdict.APPROVE ? ContentStatus.APPROVED : ContentStatus.REJECTED;
            if (content.status() == target) {
                if (repeatsLast(content, caller, verdict, why)) {
                    return content;
                }
                throw ApiException.conflict("already_" + target.wire(), "This content is already " + target.wire() + ".");
            }
            Instant now = clock.instant();
            Decision decision = new Decision(Ids.random(9), content.ref(), verdict, why, caller.keyId(), caller.role(),
                    caller.scope(), now);
            Content updated = verdict == Decision.Verdict.APPROVE ? content.approved(now)
                    : content.rejected(new Content.Rejection(why, caller.keyId(), now));
            if (store.update(updated, decision)) {
                LOG.info("content moderated", "federation", federation, "content", id, "decision", verdict.wire(),
                        "key", caller.keyId());
                return updated;
            }
        }
        throw new ApiException(409, "concurrent_update", "The content changed while deciding; please retry.");
    }

    private boolean repeatsLast(Content content, Caller caller, Decision.Verdict verdict, String why) {
        List<Decision> log = store.decisions(content.federation(), content.id());
        if (log.isEmpty()) {
            return false;
        }
        Decision last = log.get(log.size() - 1);
        return last.verdict() == verdict && last.keyId().equals(caller.keyId()) && Objects.equals(last.reason(), why);
    }
}
