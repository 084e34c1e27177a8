package fr.eterrain.core.events;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.log.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Base of every function fed by EventBridge (rules and schedules). A failure is thrown back so Lambda retries
 * and, after its retries, sends the event to the function's on-failure destination; handlers are idempotent.
 *
 * <p>An event the function refuses — not JSON, not an object, or an {@link ApiException} 4xx from validation or
 * lookup (a schema violation, an unknown federation) — is logged and dropped with an {@code {"error": {code,
 * message, field}}} result instead: another try would fail the same way. Refusals that may pass on a later try
 * (409, 429, 5xx) are still thrown, like any other failure.
 */
public abstract class EventFunction implements RequestStreamHandler {
    protected final Log log = Log.of(getClass().getSimpleName());

    /** In Lambda, registers the SnapStart priming of this handler (fr.eterrain.core.aws.Priming). */
    protected EventFunction() {
        fr.eterrain.core.aws.Priming.register(this, false);
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String invocationId = context == null ? null : context.getAwsRequestId();
        JsonNode event;
        try {
            event = Json.read(input);
        } catch (IOException e) {
            // Not JSON (or beyond the parser's limits): what Lambda would redeliver is the same bytes.
            Log.requestId(invocationId);
            try {
                write(output, drop(new ApiException(400, "malformed_event", "The event is not valid JSON.", null)));
            } finally {
                Log.clear();
            }
            return;
        }
        write(output, handleEvent(event, invocationId));
    }

    private static void write(OutputStream output, JsonNode result) throws IOException {
        Json.write(result, output);
    }

    public JsonNode handleEvent(JsonNode event, String invocationId) {
        Log.requestId(event != null && event.path("id").isTextual() ? event.get("id").asText() : invocationId);
        try {
            if (event == null || !event.isObject()) {
                return drop(new ApiException(400, "malformed_event", "The event is not a JSON object.", null));
            }
            return handle(event);
        } catch (ApiException e) {
            if (retryable(e)) {
                throw e;
            }
            return drop(e);
        } finally {
            Log.clear();
        }
    }

    /** Conflicts, throttling and server-side refusals may pass on another try; other refusals will not. */
    static boolean retryable(ApiException e) {
        return e.status() >= 500 || e.status() == 409 || e.status() == 429;
    }

    private JsonNode drop(ApiException e) {
        log.warn("event refused and dropped", "status", e.status(), "code", e.code(), "field", e.field());
        ObjectNode result = Json.object();
        result.putObject("error").put("code", e.code()).put("message", e.getMessage()).put("field", e.field());
        return result;
    }

    /**
     * An ISO instant ({@code 2026-11-24T10:00:00Z}) from a field of the event, or a 400 refusal naming the field:
     * the schemas' date-time format lets through text {@link Instant#parse} refuses.
     */
    protected static Instant instant(JsonNode input, String field) {
        String text = Json.text(input, field);
        try {
            return Instant.parse(text == null ? "" : text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid_format", field + " must be an ISO instant such as 2026-11-24T10:00:00Z.", field);
        }
    }

    protected abstract JsonNode handle(JsonNode event);
}
