package fr.eterrain.federations;

import fr.eterrain.core.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /v1/openapi.json}: the OpenAPI document packaged in core (schemas/openapi.json), read once per container
 * and served as it is. Public and without credentials, so any origin may read it (API tools in a browser).
 */
final class ApiDocument {
    static final String RESOURCE = "eterrain/schemas/openapi.json";

    private ApiDocument() {
    }

    private static final class Holder {
        static final String DOCUMENT = read();
    }

    static HttpResponse response() {
        return HttpResponse.text(200, "application/json", Holder.DOCUMENT)
                .withHeader("cache-control", "public, max-age=300")
                .withHeader("access-control-allow-origin", "*");
    }

    private static String read() {
        try (InputStream in = ApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
