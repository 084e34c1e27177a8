package fr.eterrain.pixel;

import fr.eterrain.core.Platform;
import fr.eterrain.core.PublicLinks;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.http.HttpFunction;
import fr.eterrain.core.http.HttpRequest;
import fr.eterrain.core.http.HttpResponse;
import fr.eterrain.core.tracking.HitRequest;
import fr.eterrain.core.tracking.Tracker;
import java.util.Base64;

/**
 * {@code GET /v1/o/{token}}: the open pixel. Always the same transparent 1×1 GIF with {@code Cache-Control:
 * no-store}, whatever the token and even when counting fails: a broken image in an email helps no one.
 */
public final class PixelFunction extends HttpFunction {
    static final byte[] GIF = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private final Tracker tracker;

    public PixelFunction() {
        this(Settings.fromEnvironment());
    }

    public PixelFunction(Settings settings) {
        // Not through Platform: this path loads no AWS SDK class, and the deployable carries none (see its pom).
        this(PublicLinks.tracker(settings));
    }

    /** On a platform built elsewhere (the benchmark's, which counts consumed capacity). */
    public PixelFunction(Platform platform) {
        this(platform.tracker());
    }

    PixelFunction(Tracker tracker) {
        this.tracker = tracker;
    }

    @Override
    protected HttpResponse handle(HttpRequest request) {
        try {
            Tracker.Result result = tracker.open(request.pathParam("token"),
                    new HitRequest(request.method(), request.userAgent(), request.sourceIp()));
            log.info("open", "outcome", result.outcome(), "traffic", result.traffic());
        } catch (RuntimeException e) {
            log.error("open not counted", e);
        }
        return gif();
    }

    @Override
    protected HttpResponse onRefusal(ApiException e) {
        return gif();
    }

    static HttpResponse gif() {
        return HttpResponse.binary(200, "image/gif", GIF);
    }
}
