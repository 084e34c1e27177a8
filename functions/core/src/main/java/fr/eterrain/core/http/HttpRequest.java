package fr.eterrain.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.json.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** An API Gateway HTTP API (payload format 2.0) request, as much of it as our handlers use. */
public record HttpRequest(
        String routeKey,
        String method,
        String path,
        Map<String, String> headers,
        Map<String, String> query,
        Map<String, String> pathParameters,
        String body,
        String sourceIp,
        String userAgent,
        String requestId) {

    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9+/=_.:-]{1,128}");

    public static HttpRequest fromEvent(JsonNode event) {
        JsonNode context = event.path("requestContext");
        JsonNode http = context.path("http");
        Map<String, String> headers = new HashMap<>();
        // Payload 2.0 lower-cases header names already; we make sure of it.
        fields(event.path("headers")).forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        // Payload 2.0 moves the Cookie header into a cookies array: one header again, as handlers read it.
        if (event.path("cookies").isArray() && !event.path("cookies").isEmpty()) {
            java.util.List<String> cookies = new java.util.ArrayList<>();
            event.path("cookies").forEach(c -> cookies.add(c.asText()));
            headers.put("cookie", String.join("; ", cookies));
        }
        String body = event.hasNonNull("body") ? event.get("body").asText() : null;
        if (body != null && event.path("isBase64Encoded").asBoolean(false)) {
            try {
                body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("invalid_body", "The body is not valid base64.", null);
            }
        }
        String method = text(http, "method", text(event, "httpMethod", "GET")).toUpperCase(Locale.ROOT);
        String path = text(http, "path", text(event, "rawPath", "/"));
        String routeKey = text(event, "routeKey", method + " " + path);
        return new HttpRequest(routeKey, method, path, headers, query(event), fields(event.path("pathParameters")),
                body, text(http, "sourceIp", null), text(http, "userAgent", headers.get("user-agent")),
                requestId(text(context, "requestId", null)));
    }

    /**
     * API Gateway's id of the request (logged and written to the audit log, inside a key): anything else than a
     * short id of the usual characters is ignored, and the invocation's own id is used instead.
     */
    private static String requestId(String value) {
        return value != null && REQUEST_ID.matcher(value).matches() ? value : null;
    }

    private static Map<String, String> query(JsonNode event) {
        Map<String, String> fromEvent = fields(event.path("queryStringParameters"));
        if (!fromEvent.isEmpty() || !event.hasNonNull("rawQueryString")) {
            return fromEvent;
        }
        return parseForm(event.get("rawQueryString").asText());
    }

    private static Map<String, String> fields(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (!entry.getValue().isNull()) {
                    map.put(entry.getKey(), entry.getValue().asText());
                }
            }
        }
        return map;
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? fallback : value.asText();
    }

    /** {@code application/x-www-form-urlencoded}; the first value of a repeated name wins. */
    public static Map<String, String> parseForm(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                values.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("invalid_form", "The form data is not correctly encoded.", null);
            }
        }
        return values;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String queryParam(String name) {
        return query.get(name);
    }

    public String pathParam(String name) {
        return pathParameters.get(name);
    }

    /** Media type of the body without parameters, lower case; empty when absent. */
    public String contentType() {
        String value = header("content-type");
        if (value == null) {
            return "";
        }
        int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    public boolean isForm() {
        return contentType().equals("application/x-www-form-urlencoded");
    }

    public int bodyBytes() {
        return body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The body as a JSON tree, or a clear 400. */
    public JsonNode jsonBody() {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("missing_body", "A JSON body is required.", null);
        }
        try {
            return Json.parse(body);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("malformed_json", "The body is not valid JSON.", null);
        }
    }
}
