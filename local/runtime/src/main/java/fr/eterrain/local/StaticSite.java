package fr.eterrain.local;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Serves a folder of static files under a path prefix (the console, {@code web/console} at {@code /}; the
 * API reference, {@code web/docs} at {@code /docs/}),
 * as the static-site hosting it is deployed to would: GET and HEAD only, {@code index.html} for the folder, no
 * listing, nothing outside the folder.
 */
final class StaticSite {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon", "json", "application/json");
    /** web/security-headers.json: the same set infra attaches to the console's distribution. */
    static final String HEADERS_FILE = "web/security-headers.json";

    private final String prefix;
    private final Path root;
    private final Map<String, String> headers;

    /** @param prefix the path the folder is served under, "" for the site's root (the console) */
    StaticSite(String prefix, Path root) {
        this.prefix = prefix;
        this.root = root.toAbsolutePath().normalize();
        this.headers = securityHeaders(ProjectRoot.find().resolve(HEADERS_FILE));
    }

    /** The security headers declared in {@link #HEADERS_FILE}; refuses to serve pages without a policy. */
    static Map<String, String> securityHeaders(Path file) {
        try {
            var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile()).path("headers");
            Map<String, String> found = new java.util.LinkedHashMap<>();
            tree.properties().forEach(e -> found.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText()));
            if (!found.containsKey("content-security-policy")) {
                throw new IllegalStateException(file + " declares no content-security-policy");
            }
            return Map.copyOf(found);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the security headers " + file, e);
        }
    }

    void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (!prefix.isEmpty() && path.equals(prefix)) {
                exchange.getResponseHeaders().set("location", prefix + "/");
                exchange.sendResponseHeaders(301, -1);
                return;
            }
            Path file = resolve(path.substring(prefix.length()));
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            if (file == null || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = Files.readAllBytes(file);
            String name = file.getFileName().toString();
            String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            exchange.getResponseHeaders().set("content-type", TYPES.getOrDefault(extension, "application/octet-stream"));
            exchange.getResponseHeaders().set("cache-control", "no-cache");
            headers.forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(200, method.equals("HEAD") ? -1 : body.length);
            if (method.equals("GET")) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    /** A site's build tooling (npm's files, dot files) stays on this machine, as it does not reach the bucket. */
    private static boolean tooling(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.startsWith(".") || name.equals("node_modules") || name.equals("package.json") || name.equals("package-lock.json")) {
                return true;
            }
        }
        return false;
    }

    /** The file for a path under the prefix, or null when it would leave the folder or is tooling. */
    private Path resolve(String relative) {
        String cleaned = relative.startsWith("/") ? relative.substring(1) : relative;
        if (cleaned.isEmpty() || cleaned.endsWith("/")) {
            cleaned = cleaned + "index.html";
        }
        Path file = root.resolve(cleaned).normalize();
        return file.startsWith(root) && !tooling(root.relativize(file)) ? file : null;
    }
}
