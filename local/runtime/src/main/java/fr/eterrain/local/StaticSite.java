package fr.eterrain.local;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Serves a folder of static files under a path prefix (the statistics page, {@code web/stats} at {@code /stats/}; the
 * API reference, {@code web/docs} at {@code /docs/}),
 * as the static-site hosting it is deployed to would: GET and HEAD only, {@code index.html} for the folder, no
 * listing, nothing outside the folder.
 */
final class StaticSite {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon", "json", "application/json");
    /** Scripts and styles from the site itself only; data only from the API on the same origin. */
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final String prefix;
    private final Path root;

    StaticSite(String prefix, Path root) {
        this.prefix = prefix;
        this.root = root.toAbsolutePath().normalize();
    }

    void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (path.equals(prefix)) {
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
            exchange.getResponseHeaders().set("x-content-type-options", "nosniff");
            exchange.getResponseHeaders().set("content-security-policy", CSP);
            exchange.getResponseHeaders().set("referrer-policy", "no-referrer");
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
