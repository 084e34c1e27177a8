package fr.eterrain.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.http.HttpFunction;
import fr.eterrain.core.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The API Gateway stand-in: routes each request with the wiring's routes, hands the function a payload 2.0
 * event and writes back its response. One log line per request, without the query string (it carries tokens).
 * Nothing a handler does, not even an Error, takes the server down: the client gets a 500. Until {@link #ready()}
 * (the stack provisioned: tables, bucket, federations) every request is a 503 and reaches no function.
 */
public final class LocalApi implements AutoCloseable {
    /** API Gateway's own payload limit. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    private final RouteTable routes;
    private final Function<String, HttpFunction> functions;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(32, new DaemonThreads("api"));
    private volatile boolean ready;
    private volatile StaticSite console;

    /** @param port 0 for a free one */
    public LocalApi(RouteTable routes, Function<String, HttpFunction> functions, int port) {
        this(routes, functions, port, true);
    }

    /** @param ready false: answer 503 until {@link #ready()} */
    public LocalApi(RouteTable routes, Function<String, HttpFunction> functions, int port, boolean ready) {
        this.routes = routes;
        this.functions = functions;
        this.ready = ready;
        try {
            this.server = HttpServer.create(new InetSocketAddress(Ports.HOST, port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port + " (in use?)", e);
        }
        server.createContext("/", this::serve);
        server.setExecutor(executor);
        server.start();
    }

    /** The stack is up: requests reach the functions from now on. */
    public void ready() {
        ready = true;
    }

    /** Serves a folder of static files under {@code prefix} (e.g. the statistics page at /stats/). */
    public void serveStatic(String prefix, java.nio.file.Path folder) {
        server.createContext(prefix, new StaticSite(prefix, folder)::serve);
    }

    /** Serves the console ({@code web/console}) at the root: every GET or HEAD outside {@code /v1/}. */
    public void serveConsole(java.nio.file.Path folder) {
        console = new StaticSite("", folder);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code localhost} rather than 127.0.0.1: the name people type, so it matches allowed origins and links. */
    public String url() {
        return "http://localhost:" + port();
    }

    private void serve(HttpExchange exchange) {
        long start = System.nanoTime();
        // The route template, never the path itself: unmatched paths are arbitrary input.
        String route = exchange.getRequestMethod() + " (no route)";
        int status = 500;
        try (exchange) {
            HttpResponse response;
            try {
                StaticSite site = console;
                String path = exchange.getRequestURI().getPath();
                if (site != null && !path.startsWith("/v1/")
                        && (exchange.getRequestMethod().equals("GET") || exchange.getRequestMethod().equals("HEAD"))) {
                    route = exchange.getRequestMethod() + " (console)";
                    site.serve(exchange);
                    status = exchange.getResponseCode();
                    return;
                }
                if (!ready) {
                    // A function would read tables not created yet, or a registry not seeded yet.
                    exchange.getRequestBody().close();
                    response = error(503, "starting", "The local stack is still starting; retry in a moment.")
                            .withHeader("retry-after", "1");
                    status = write(exchange, response);
                    return;
                }
                IncomingRequest request = read(exchange);
                RouteTable.Match match = routes.match(request.method(), request.rawPath());
                if (match instanceof RouteTable.Found found) {
                    route = found.route().routeKey();
                    response = invoke(found, request);
                } else if (match instanceof RouteTable.MethodNotAllowed notAllowed) {
                    response = error(405, "method_not_allowed", "This path does not accept " + request.method() + ".")
                            .withHeader("allow", String.join(", ", notAllowed.allowed()));
                } else {
                    response = error(404, "not_found", "No such route.");
                }
            } catch (BodyTooLarge e) {
                response = error(413, "body_too_large", "The body is larger than " + MAX_BODY_BYTES / (1024 * 1024) + " MB.");
            } catch (Throwable e) {
                Console.info("api: " + route + " failed: " + e);
                response = internalError();
            }
            status = write(exchange, response);
        } catch (IOException | RuntimeException e) {
            Console.info("api: cannot answer " + route + ": " + e);
        } finally {
            Console.info(String.format("api %s %d %d ms", route, status, (System.nanoTime() - start) / 1_000_000));
        }
    }

    private HttpResponse invoke(RouteTable.Found found, IncomingRequest request) {
        ObjectNode event = ApiGatewayEvent.of(request, found.route(), found.pathParameters(), port(), Instant.now());
        String invocationId = UUID.randomUUID().toString();
        try {
            HttpResponse response = functions.apply(found.route().function()).handleEvent(event, invocationId);
            if (response == null) {
                Console.info("api: " + found.route().function() + " returned no response");
                return internalError();
            }
            return response;
        } catch (Throwable e) {
            // HttpFunction already turns exceptions into 500s; this is for Errors and failed initialisation.
            Console.info("api: function " + found.route().function() + " failed: " + e);
            return internalError();
        }
    }

    private static IncomingRequest read(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new BodyTooLarge();
        }
        var uri = exchange.getRequestURI();
        return new IncomingRequest(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
                exchange.getProtocol(), Map.copyOf(exchange.getRequestHeaders()), body,
                exchange.getRemoteAddress().getAddress().getHostAddress());
    }

    private static int write(HttpExchange exchange, HttpResponse response) throws IOException {
        if (response.headers() != null) {
            response.headers().forEach((name, value) -> {
                if (!name.equalsIgnoreCase("content-length") && value != null) {
                    exchange.getResponseHeaders().set(name, value);
                }
            });
        }
        byte[] body = response.bytes();
        boolean noBody = body.length == 0 || response.status() == 204 || response.status() == 304
                || exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        return response.status();
    }

    private static HttpResponse error(int status, String code, String message) {
        return HttpResponse.error(new ApiException(status, code, message, null));
    }

    private static HttpResponse internalError() {
        return error(500, "internal_error", "Something went wrong on our side; nothing was changed. Please try again.");
    }

    private static final class BodyTooLarge extends RuntimeException {
        BodyTooLarge() {
            super(null, null, false, false);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
