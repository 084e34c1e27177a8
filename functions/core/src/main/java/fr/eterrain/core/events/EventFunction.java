package fr.eterrain.core.events;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.log.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Base of every function fed by EventBridge (rules and schedules). A failure is thrown back so Lambda retries
 * and, after its retries, sends the event to the function's on-failure destination; handlers are idempotent.
 */
public abstract class EventFunction implements RequestStreamHandler {
    protected final Log log = Log.of(getClass().getSimpleName());

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = Json.MAPPER.readTree(input);
        JsonNode result = handleEvent(event, context == null ? null : context.getAwsRequestId());
        output.write(Json.MAPPER.writeValueAsBytes(result));
    }

    public JsonNode handleEvent(JsonNode event, String invocationId) {
        Log.requestId(event.hasNonNull("id") ? event.get("id").asText() : invocationId);
        try {
            return handle(event);
        } finally {
            Log.clear();
        }
    }

    protected abstract JsonNode handle(JsonNode event);
}
