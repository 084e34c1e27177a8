package fr.eterrain.stats;

import fr.eterrain.core.config.Settings;
import fr.eterrain.core.http.HttpRequest;
import fr.eterrain.core.http.HttpResponse;
import java.util.Arrays;
import java.util.List;

/**
 * CORS for the statistics page deployed as a static site on its own origin ({@code STATS_SITE_ORIGINS}, comma
 * separated). Served by the API's own origin (the local runtime) it needs none. Refusals get the headers too,
 * so the page can show the message of a 401 or 403.
 */
final class StatsCors {
    private final List<String> origins;

    StatsCors(List<String> origins) {
        this.origins = List.copyOf(origins);
    }

    static StatsCors from(Settings settings) {
        return new StatsCors(settings.optional("STATS_SITE_ORIGINS")
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of()));
    }

    boolean allows(String origin) {
        return origin != null && origins.contains(origin);
    }

    HttpResponse apply(HttpResponse response, HttpRequest request) {
        String origin = request.header("origin");
        if (!allows(origin)) {
            return response;
        }
        return response.withHeader("access-control-allow-origin", origin).withHeader("vary", "Origin")
                .withHeader("access-control-expose-headers", "content-disposition");
    }

    HttpResponse preflight(HttpRequest request) {
        HttpResponse response = HttpResponse.noContent();
        if (!allows(request.header("origin"))) {
            return response;
        }
        return apply(response, request).withHeader("access-control-allow-methods", "GET, OPTIONS")
                .withHeader("access-control-allow-headers", "authorization")
                .withHeader("access-control-max-age", "600");
    }
}
