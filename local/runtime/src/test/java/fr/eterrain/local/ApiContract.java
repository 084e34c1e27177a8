package fr.eterrain.local;

import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.http.HttpRequest;
import fr.eterrain.core.openapi.OpenApiContract;
import fr.eterrain.core.wiring.Wiring;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The contract tests: every exchange the integration tests make with the local API through {@link TestStack} is
 * checked against the OpenAPI document (schemas/openapi.json, as packaged in core and served at /v1/openapi.json).
 * A request the document calls invalid must be refused with a declared 4xx; every answer must have a declared
 * status, media type and body. A breach throws an AssertionError at the call, and is also recorded, so that
 * {@link ApiContractExtension} fails the test even if the test caught the error.
 */
public final class ApiContract {
    private static final OpenApiContract CONTRACT = OpenApiContract.load();
    private static final List<Wiring.Route> ALL = Wiring.load().routes();
    private static final RouteTable ROUTES = new RouteTable(ALL);
    private static final AtomicInteger CHECKED = new AtomicInteger();
    /** The routes called, printed when the test JVM ends so that operations no test exercises show. */
    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ApiContract::summary, "api-contract-summary"));
    }

    private ApiContract() {
    }

    /** Checks one exchange whose URI is on the local API; paths no route serves (static sites, 404s) are not checked. */
    public static void check(String method, URI uri, String requestContentType, String requestBody, HttpResponse<?> response) {
        if (!(ROUTES.match(method, uri.getRawPath()) instanceof RouteTable.Found found)) {
            return;
        }
        Map<String, String> query;
        try {
            query = HttpRequest.parseForm(uri.getRawQuery());
        } catch (ApiException malformed) {
            query = Map.of("", "(malformed query string)");
        }
        Map<String, String> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
            }
        });
        Object body = response.body();
        String text = body instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : body == null ? null : body.toString();
        CHECKED.incrementAndGet();
        SEEN.add(found.route().routeKey());
        List<String> breaches = CONTRACT.check(new OpenApiContract.Exchange(method.toUpperCase(Locale.ROOT), found.route().path(),
                found.pathParameters(), query, requestContentType, requestBody, response.statusCode(), headers, text));
        if (!breaches.isEmpty()) {
            ApiContractExtension.record(breaches);
            throw new AssertionError("the API and its OpenAPI document (schemas/openapi.json) disagree:\n  - "
                    + String.join("\n  - ", breaches));
        }
    }

    /** Written to target/contract-coverage.txt when the test JVM ends (its output is no longer read by then). */
    private static void summary() {
        List<String> never = ALL.stream().map(Wiring.Route::routeKey).filter(k -> !SEEN.contains(k)).toList();
        String text = String.format("%d exchanges checked against schemas/openapi.json; %d of %d operations exercised%n%s",
                CHECKED.get(), ALL.size() - never.size(), ALL.size(), never.isEmpty() ? "" : "never called:\n  " + String.join("\n  ", never) + "\n");
        try {
            Files.writeString(Path.of("target", "contract-coverage.txt"), text);
        } catch (IOException | RuntimeException e) {
            System.err.print("[contract] " + text);
        }
    }
}
