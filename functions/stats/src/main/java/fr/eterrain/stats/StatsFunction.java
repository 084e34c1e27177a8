package fr.eterrain.stats;

import fr.eterrain.core.Platform;
import fr.eterrain.core.access.Access;
import fr.eterrain.core.access.Caller;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.federation.Federation;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.http.HttpFunction;
import fr.eterrain.core.http.HttpRequest;
import fr.eterrain.core.http.HttpResponse;
import fr.eterrain.core.stats.FederationReport;
import fr.eterrain.core.stats.NationalReport;
import fr.eterrain.core.stats.NewsletterReport;
import fr.eterrain.core.stats.Period;
import fr.eterrain.core.stats.Statistics;
import fr.eterrain.core.stats.StatsCsv;
import fr.eterrain.core.stats.StatsViews;
import java.time.Clock;

/**
 * The statistics API: per newsletter and per federation (a federation's key or HQ, audited like every access to
 * a federation's data), national (HQ). JSON, or CSV with {@code format=csv}. Figures are aggregates only.
 */
public final class StatsFunction extends HttpFunction {
    private static final String FEDERATION = "/v1/federations/{fed}";

    private final Access access;
    private final Statistics statistics;
    private final StatsCors cors;
    private final Clock clock;

    public StatsFunction() {
        this(Settings.fromEnvironment());
    }

    public StatsFunction(Settings settings) {
        this(new Platform(settings));
    }

    StatsFunction(Platform platform) {
        this(platform.access(), platform.statistics(), StatsCors.from(platform.settings()), platform.clock());
    }

    StatsFunction(Access access, Statistics statistics, StatsCors cors, Clock clock) {
        this.access = access;
        this.statistics = statistics;
        this.cors = cors;
        this.clock = clock;
    }

    @Override
    protected HttpResponse handle(HttpRequest request) {
        if (request.method().equals("OPTIONS")) {
            return cors.preflight(request);
        }
        try {
            return cors.apply(route(request), request);
        } catch (ApiException e) {
            // Refusals carry the CORS headers too, so the page can say why (401, 403, 404).
            log.info("refused", "status", e.status(), "code", e.code());
            return cors.apply(HttpResponse.error(e), request);
        }
    }

    private HttpResponse route(HttpRequest request) {
        boolean csv = csv(request);
        return switch (request.routeKey()) {
            case "GET /v1/national/stats" -> {
                access.requireHq(request);
                NationalReport report = statistics.national(period(request));
                yield csv ? csv(StatsCsv.national(report), "statistiques-nationales.csv")
                        : HttpResponse.json(200, StatsViews.national(report));
            }
            case "GET " + FEDERATION + "/stats" -> {
                Caller caller = access.authenticate(request);
                Federation federation = access.federation(request, caller);
                FederationReport report = statistics.federation(federation, period(request));
                access.audit(federation, caller, request, null);
                yield csv ? csv(StatsCsv.federation(report), "statistiques-" + federation.id() + ".csv")
                        : HttpResponse.json(200, StatsViews.federation(report));
            }
            case "GET " + FEDERATION + "/newsletters/{id}/stats" -> {
                Caller caller = access.authenticate(request);
                Federation federation = access.federation(request, caller);
                NewsletterReport report = statistics.newsletter(federation, request.pathParam("id"));
                access.audit(federation, caller, request, null);
                yield csv ? csv(StatsCsv.newsletter(report), "statistiques-" + federation.id() + "-" + report.figures().id() + ".csv")
                        : HttpResponse.json(200, StatsViews.newsletter(report));
            }
            default -> throw ApiException.notFound("No such route.");
        };
    }

    private Period period(HttpRequest request) {
        return Period.parse(request.queryParam("from"), request.queryParam("to"), clock);
    }

    private static boolean csv(HttpRequest request) {
        String format = request.queryParam("format");
        if (format == null || format.equals("json")) {
            return false;
        }
        if (format.equals("csv")) {
            return true;
        }
        throw ApiException.badRequest("invalid_format", "format must be json or csv.", "format");
    }

    private static HttpResponse csv(String body, String filename) {
        return HttpResponse.text(200, "text/csv; charset=utf-8", body)
                .withHeader("content-disposition", "attachment; filename=\"" + filename + "\"");
    }
}
