package fr.eterrain.contacts;

import fr.eterrain.core.contacts.Category;
import fr.eterrain.core.contacts.ContactFilter;
import fr.eterrain.core.contacts.ContactStatus;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.http.HttpRequest;

/** Query-string parameters of the contacts list, each checked with a clear refusal. */
final class ListQuery {
    private ListQuery() {
    }

    static ContactFilter filter(HttpRequest request) {
        String category = request.queryParam("category");
        String status = request.queryParam("status");
        String tag = request.queryParam("tag");
        String postal = request.queryParam("postalCodePrefix");
        if (tag != null && (tag.isBlank() || tag.length() > 50)) {
            throw ApiException.badRequest("invalid_tag", "tag must be 1 to 50 characters.", "tag");
        }
        if (postal != null && !postal.matches("[0-9A-Za-z]{1,10}")) {
            throw ApiException.badRequest("invalid_postal_code_prefix", "postalCodePrefix must be 1 to 10 letters or digits.",
                    "postalCodePrefix");
        }
        return new ContactFilter(
                category == null ? null : Category.parse(category).orElseThrow(() -> ApiException.badRequest("invalid_category",
                        "category must be militant, sympathisant or curieux.", "category")),
                status == null ? null : ContactStatus.parse(status).orElseThrow(() -> ApiException.badRequest("invalid_status",
                        "status must be pending, active or unsubscribed.", "status")),
                tag, postal);
    }

    static int limit(HttpRequest request, int fallback) {
        String limit = request.queryParam("limit");
        if (limit == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= 200) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.badRequest("invalid_limit", "limit must be a number between 1 and 200.", "limit");
    }
}
