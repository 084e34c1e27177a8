package fr.eterrain.core.content;

import fr.eterrain.core.access.Caller;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.log.Log;
import fr.eterrain.core.security.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Approving or rejecting a content against the charter, at two levels. A federation's decision (HQ keys may take
 * it for any federation, a federation's key only for its own) publishes the content for that federation only, or
 * takes it back everywhere. HQ's decision ({@code library:moderate}) puts an approved content in the national
 * library, which other federations see and the national selection draws from, or keeps it out: a federation
 * cannot put its own content in front of the country. A rejection needs a reason. Each decision is appended to the
 * content's log (who, when, what, at which level, why) in the same transaction as the new state; repeating one's
 * own last decision is answered without recording it twice.
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

    /** Whether this caller may moderate this federation's contents for that federation. */
    public static boolean mayModerate(Caller caller, String federation) {
        return caller.isHq() || caller.scope().equals(federation);
    }

    /** Whether this caller decides what enters the national library ({@code library:moderate}: HQ only). */
    public static boolean mayModerateLibrary(Caller caller) {
        return caller.has("library:moderate");
    }

    /** The federation's decision: approved publishes for that federation only; rejected takes it back everywhere. */
    public Content decide(Caller caller, String federation, String id, Decision.Verdict verdict, String reason) {
        if (!mayModerate(caller, federation)) {
            throw ApiException.forbidden("Only HQ or this federation's coordinators may moderate its contents.");
        }
        String why = reason(verdict, reason);
        return decideWith(caller, federation, id, verdict, Decision.Level.FEDERATION, why, content -> {
            ContentStatus target = verdict == Decision.Verdict.APPROVE ? ContentStatus.APPROVED : ContentStatus.REJECTED;
            if (content.status() == target) {
                return null;
            }
            Instant now = clock.instant();
            return verdict == Decision.Verdict.APPROVE ? content.approved(now)
                    : content.rejected(new Content.Rejection(why, caller.keyId(), now));
        }, () -> {
            String state = (verdict == Decision.Verdict.APPROVE ? ContentStatus.APPROVED : ContentStatus.REJECTED).wire();
            return ApiException.conflict("already_" + state, "This content is already " + state + ".");
        });
    }

    /**
     * HQ's decision on the national library. Approving puts the content there (approving it for its federation
     * too if that was not done yet, but never over its federation's rejection); rejecting keeps it out, or takes
     * it out, and leaves it as its federation decided.
     */
    public Content decideNationally(Caller caller, String federation, String id, Decision.Verdict verdict, String reason) {
        if (!mayModerateLibrary(caller)) {
            throw ApiException.forbidden("Only HQ approves contents for the national library (library:moderate).");
        }
        String why = reason(verdict, reason);
        return decideWith(caller, federation, id, verdict, Decision.Level.NATIONAL, why, content -> {
            Instant now = clock.instant();
            if (verdict == Decision.Verdict.APPROVE) {
                if (content.national().inLibrary()) {
                    return null;
                }
                if (content.status() == ContentStatus.REJECTED) {
                    throw ApiException.conflict("rejected_by_federation", "This content is rejected for its federation: "
                            + "approve it for the federation first if it should be published.");
                }
                return content.nationallyApproved(now);
            }
            if (!content.national().inLibrary() && content.national().refusal() != null) {
                return null;
            }
            return content.nationallyRefused(new Content.Rejection(why, caller.keyId(), now));
        }, () -> verdict == Decision.Verdict.APPROVE
                ? ApiException.conflict("already_in_library", "This content is already in the national library.")
                : ApiException.conflict("already_refused", "This content is already kept out of the national library."));
    }

    private static String reason(Decision.Verdict verdict, String reason) {
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (verdict == Decision.Verdict.REJECT && why == null) {
            throw ApiException.badRequest("reason_required", "A rejection needs a reason the federation can act on.", "reason");
        }
        if (why != null && why.length() > MAX_REASON) {
            throw ApiException.badRequest("reason_too_long", "The reason may be at most " + MAX_REASON + " characters.", "reason");
        }
        return why;
    }

    /**
     * @param next    the new state, or null when the content already is in the state this decision asks for
     * @param already the conflict when another key's decision already put it there
     */
    private Content decideWith(Caller caller, String federation, String id, Decision.Verdict verdict, Decision.Level level,
                               String why, Function<Content, Content> next, Supplier<ApiException> already) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Content content = store.find(federation, id).orElseThrow(() -> ApiException.notFound("No such content."));
            if (!content.hasFile()) {
                throw ApiException.conflict("not_reviewable", content.status() == ContentStatus.AWAITING_UPLOAD
                        ? "The file has not arrived or not passed its checks yet." : "The file was refused at upload: there is nothing to review.");
            }
            Content updated = next.apply(content);
            if (updated == null) {
                if (repeatsLast(content, caller, verdict, level, why)) {
                    return content;
                }
                throw already.get();
            }
            Decision decision = new Decision(Ids.random(9), content.ref(), verdict, level, why, caller.keyId(), caller.role(),
                    caller.scope(), updated.updatedAt());
            if (store.update(updated, decision)) {
                LOG.info("content moderated", "federation", federation, "content", id, "decision", verdict.wire(),
                        "level", level.wire(), "key", caller.keyId());
                return updated;
            }
        }
        throw new ApiException(409, "concurrent_update", "The content changed while deciding; please retry.");
    }

    private boolean repeatsLast(Content content, Caller caller, Decision.Verdict verdict, Decision.Level level, String why) {
        List<Decision> log = store.decisions(content.federation(), content.id()).stream()
                .filter(d -> d.level() == level).toList();
        if (log.isEmpty()) {
            return false;
        }
        Decision last = log.get(log.size() - 1);
        return last.verdict() == verdict && last.keyId().equals(caller.keyId()) && Objects.equals(last.reason(), why);
    }
}
