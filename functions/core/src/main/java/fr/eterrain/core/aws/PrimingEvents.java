package fr.eterrain.core.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.wiring.Wiring;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The harmless request a handler is primed with before the SnapStart snapshot: its {@code <Handler>.priming.json}
 * resource when it has one; else, from the wiring table, one of its own routes (a GET when it has one) with a key
 * that does not exist and {@code PRIMING} for every path parameter, which runs its routing, its authentication
 * (one read of a missing key) and its refusal or its public page; for an event function, its first rule's event
 * (its type, from its source) with a detail that is not an object, which every event schema refuses. Never a
 * schedule's payload: a scheduled run is real work (a retention pass, a selection, a dispatch tick). Nothing is
 * written: a refused request changes nothing, and a public GET only reads (PrimingEventsIT checks every function).
 */
public final class PrimingEvents {
    static final String KEY = "Bearer et_priming_priming";
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

    private PrimingEvents() {
    }

    public static byte[] of(Class<?> handler, boolean http) {
        try (InputStream in = handler.getResourceAsStream(handler.getSimpleName() + ".priming.json")) {
            if (in != null) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            // from the wiring below
        }
        Wiring wiring = Wiring.load();
        Optional<Wiring.FunctionSpec> spec = wiring.functions().values().stream()
                .filter(f -> f.handler().equals(handler.getName())).findFirst();
        ObjectNode event = spec.flatMap(f -> http ? route(wiring, f.name()).map(PrimingEvents::http)
                : wiring.rules().stream().filter(r -> r.function().equals(f.name())).findFirst().map(PrimingEvents::rule))
                .orElseGet(() -> http ? http(new Wiring.Route("GET", "/priming", "", "public")) : fallback());
        return Json.bytes(event);
    }

    private static Optional<Wiring.Route> route(Wiring wiring, String function) {
        List<Wiring.Route> own = wiring.routes().stream().filter(r -> r.function().equals(function)).toList();
        return own.stream().filter(r -> r.method().equals("GET")).findFirst().or(() -> own.stream().findFirst());
    }

    static ObjectNode http(Wiring.Route route) {
        ObjectNode event = Json.object().put("version", "2.0").put("routeKey", route.routeKey());
        ObjectNode parameters = Json.object();
        Matcher m = PARAMETER.matcher(route.path());
        while (m.find()) {
            parameters.put(m.group(1), "PRIMING");
        }
        String path = PARAMETER.matcher(route.path()).replaceAll("PRIMING");
        event.put("rawPath", path).put("rawQueryString", "");
        event.putObject("headers").put("user-agent", "priming").put("authorization", KEY)
                .put("content-type", "application/json").put("host", "priming");
        if (!parameters.isEmpty()) {
            event.set("pathParameters", parameters);
        }
        ObjectNode context = event.putObject("requestContext").put("requestId", "priming").put("routeKey", route.routeKey());
        context.putObject("http").put("method", route.method()).put("path", path).put("sourceIp", "127.0.0.1")
                .put("userAgent", "priming");
        if (!route.method().equals("GET")) {
            event.put("body", "{}");
        }
        return event.put("isBase64Encoded", false);
    }

    static ObjectNode rule(Wiring.Rule rule) {
        return Json.object().put("version", "0").put("id", "priming").put("source", rule.source().get(0))
                .put("detail-type", rule.detailType().get(0)).put("detail", "priming");
    }

    /** For a function run only by schedules: an event its schema refuses (its detail is no object). */
    private static ObjectNode fallback() {
        return Json.object().put("version", "0").put("id", "priming").put("source", "eterrain.priming")
                .put("detail-type", "Priming").put("detail", "priming");
    }
}
