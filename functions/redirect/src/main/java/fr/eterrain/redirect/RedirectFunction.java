package fr.eterrain.redirect;

import fr.eterrain.core.Platform;
import fr.eterrain.core.PublicLinks;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.html.Pages;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.http.HttpFunction;
import fr.eterrain.core.http.HttpRequest;
import fr.eterrain.core.http.HttpResponse;
import fr.eterrain.core.tracking.HitRequest;
import fr.eterrain.core.tracking.Tracker;

/**
 * {@code GET /v1/c/{token}}: counts the click and answers {@code 302} to the newsletter's own link at the token's
 * index. The target never comes from the request, so this is no open redirect: a forged, truncated or foreign
 * token, or an index past the newsletter's links, gets a 404 page.
 */
public final class RedirectFunction extends HttpFunction {
    private final Tracker tracker;

    public RedirectFunction() {
        this(Settings.fromEnvironment());
    }

    public RedirectFunction(Settings settings) {
        // Not through Platform: this path loads no AWS SDK class, and the deployable carries none (see its pom).
        this(PublicLinks.tracker(settings));
    }

    /** On a platform built elsewhere (the benchmark's, which counts consumed capacity). */
    public RedirectFunction(Platform platform) {
        this(platform.tracker());
    }

    RedirectFunction(Tracker tracker) {
        this.tracker = tracker;
    }

    @Override
    protected HttpResponse handle(HttpRequest request) {
        Tracker.Result result;
        try {
            result = tracker.click(request.pathParam("token"),
                    new HitRequest(request.method(), request.userAgent(), request.sourceIp()));
        } catch (RuntimeException e) {
            log.error("click not resolved", e);
            return Pages.message(503, null, "Lien momentanément indisponible",
                    "Nous n'avons pas pu ouvrir ce lien à l'instant. Réessayez dans une minute.");
        }
        log.info("click", "outcome", result.outcome(), "traffic", result.traffic());
        if (result.target() == null) {
            return Pages.invalidLink(404);
        }
        return new HttpResponse(302, java.util.Map.of(), "")
                .withHeader("location", result.target())
                .withHeader("cache-control", "no-store")
                .withHeader("referrer-policy", "no-referrer")
                .withHeader("content-type", "text/plain; charset=utf-8");
    }

    @Override
    protected HttpResponse onRefusal(ApiException e) {
        return Pages.invalidLink(404);
    }
}
