package fr.eterrain.core.http;

import fr.eterrain.core.federation.Federation;

/** CORS per federation: only the website origins registered for that federation may call from a browser. */
public final class Cors {
    private Cors() {
    }

    public static HttpResponse apply(HttpResponse response, HttpRequest request, Federation federation) {
        String origin = request.header("origin");
        if (federation == null || !federation.allowsOrigin(origin)) {
            return response;
        }
        return response.withHeader("access-control-allow-origin", origin).withHeader("vary", "Origin");
    }

    public static HttpResponse preflight(HttpRequest request, Federation federation) {
        HttpResponse response = HttpResponse.noContent();
        if (federation != null && federation.allowsOrigin(request.header("origin"))) {
            response = apply(response, request, federation)
                    .withHeader("access-control-allow-methods", "POST, OPTIONS")
                    .withHeader("access-control-allow-headers", "content-type")
                    .withHeader("access-control-max-age", "600");
        }
        return response;
    }
}
