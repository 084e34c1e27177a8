package fr.eterrain.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** An API Gateway HTTP API (payload format 2.0) response; binary bodies travel in base64, as API Gateway wants. */
public record HttpResponse(int status, Map<String, String> headers, String body, boolean base64Encoded) {

    public HttpResponse(int status, Map<String, String> headers, String body) {
        this(status, headers, body, false);
    }

    public static HttpResponse binary(int status, String contentType, byte[] bytes) {
        return new HttpResponse(status, baseHeaders(contentType), Base64.getEncoder().encodeToString(bytes), true);
    }

    public static HttpResponse json(int status, JsonNode body) {
        return new HttpResponse(status, baseHeaders("application/json"), Json.write(body));
    }

    public static HttpResponse html(int status, String html) {
        Map<String, String> headers = baseHeaders("text/html; charset=utf-8");
        headers.put("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; form-action 'self'");
        return new HttpResponse(status, headers, html);
    }

    public static HttpResponse text(int status, String contentType, String text) {
        return new HttpResponse(status, baseHeaders(contentType), text);
    }

    public static HttpResponse seeOther(String location) {
        Map<String, String> headers = baseHeaders("text/plain; charset=utf-8");
        headers.put("location", location);
        return new HttpResponse(303, headers, "");
    }

    public static HttpResponse noContent() {
        return new HttpResponse(204, baseHeaders("text/plain; charset=utf-8"), "");
    }

    public static HttpResponse error(ApiException e) {
        ObjectNode body = Json.object();
        body.put("code", e.code());
        body.put("message", e.getMessage());
        if (e.field() == null) {
            body.putNull("field");
        } else {
            body.put("field", e.field());
        }
        return json(e.status(), body);
    }

    private static Map<String, String> baseHeaders(String contentType) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", contentType);
        headers.put("cache-control", "no-store");
        headers.put("x-content-type-options", "nosniff");
        return headers;
    }

    public HttpResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new HttpResponse(status, copy, body, base64Encoded);
    }

    /** A Set-Cookie; API Gateway takes it from the response's {@code cookies}, the local runtime as a header. */
    public HttpResponse withCookie(String setCookie) {
        return withHeader(SET_COOKIE, setCookie);
    }

    public static final String SET_COOKIE = "set-cookie";

    /** The body as sent on the wire. */
    public byte[] bytes() {
        if (body == null) {
            return new byte[0];
        }
        return base64Encoded ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    }

    public ObjectNode toEvent() {
        ObjectNode event = Json.object();
        event.put("statusCode", status);
        ObjectNode headerNode = event.putObject("headers");
        headers.forEach((name, value) -> {
            if (!name.equals(SET_COOKIE)) {
                headerNode.put(name, value);
            }
        });
        if (headers.containsKey(SET_COOKIE)) {
            event.putArray("cookies").add(headers.get(SET_COOKIE));
        }
        event.put("body", body == null ? "" : body);
        event.put("isBase64Encoded", base64Encoded);
        return event;
    }
}
