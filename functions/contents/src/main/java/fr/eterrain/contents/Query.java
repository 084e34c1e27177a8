package fr.eterrain.contents;

import fr.eterrain.core.content.ContentKind;
import fr.eterrain.core.content.ContentStatus;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.http.HttpRequest;
import fr.eterrain.core.selection.SelectionPeriod;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Query-string parameters of the content lists, each checked with a clear refusal naming it. */
final class Query {
    static final int MAX_LIMIT = 100;
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = LocalDate.of(10_000, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();

    private Query() {
    }

    static int limit(HttpRequest request) {
        String limit = request.queryParam("limit");
        if (limit == null) {
            return 50;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.badRequest("invalid_limit", "limit must be a number between 1 and " + MAX_LIMIT + ".", "limit");
    }

    static ContentKind kind(HttpRequest request) {
        String kind = request.queryParam("kind");
        return kind == null ? null : ContentKind.parse(kind).orElseThrow(() -> ApiException.badRequest("invalid_kind",
                "kind must be graphic, video, podcast or text.", "kind"));
    }

    static ContentStatus status(HttpRequest request) {
        String status = request.queryParam("status");
        return status == null ? null : ContentStatus.parse(status).orElseThrow(() -> ApiException.badRequest("invalid_status",
                "status must be awaiting_upload, submitted, approved or rejected.", "status"));
    }

    static String federation(HttpRequest request) {
        String federation = request.queryParam("federation");
        if (federation != null && !federation.matches("[0-9]{2}|2A|2B|97[1-6]|FFE")) {
            throw ApiException.badRequest("invalid_federation", "federation must be a federation id such as 06, 2A or FFE.", "federation");
        }
        return federation;
    }

    static String tag(HttpRequest request) {
        String tag = request.queryParam("tag");
        if (tag != null && (tag.isBlank() || tag.length() > 40)) {
            throw ApiException.badRequest("invalid_tag", "tag must be 1 to 40 characters.", "tag");
        }
        return tag;
    }

    /** A date (2026-11-23, from midnight Paris time) or an ISO instant, in the years 1970 to 9999. */
    static Instant instant(HttpRequest request, String name) {
        String value = request.queryParam(name);
        if (value == null) {
            return null;
        }
        try {
            Instant at = value.length() == 10 ? LocalDate.parse(value).atStartOfDay(SelectionPeriod.PARIS).toInstant() : Instant.parse(value);
            // Beyond, sort keys lose their order and Instant arithmetic overflows (Instant.MIN minus a millisecond).
            if (!at.isBefore(EARLIEST) && at.isBefore(LATEST)) {
                return at;
            }
        } catch (DateTimeParseException e) {
            // refused below
        }
        throw ApiException.badRequest("invalid_" + name, name + " must be a date (2026-11-23) or an ISO instant.", name);
    }

    /** Approvals in [since, until), each end optional. */
    record Range(Instant since, Instant until) {
    }

    /** since and until, since strictly before until when both are given (the index query needs a range). */
    static Range range(HttpRequest request) {
        Instant since = instant(request, "since");
        Instant until = instant(request, "until");
        if (since != null && until != null && !since.isBefore(until)) {
            throw ApiException.badRequest("invalid_period", "since must be before until.", "until");
        }
        return new Range(since, until);
    }
}
