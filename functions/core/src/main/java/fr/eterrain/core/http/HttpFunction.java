package fr.eterrain.core.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.log.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Base of every HTTP function: parses the payload 2.0 event, turns refusals into {@code {code, message,
 * field}} bodies and anything unexpected into a bare 500 (logged, never shown).
 */
public abstract class HttpFunction implements RequestStreamHandler {
    /** Bodies above this are refused before parsing. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    protected final Log log = Log.of(getClass().getSimpleName());

    /** In Lambda, registers the SnapStart priming of this handler (fr.eterrain.core.aws.Priming). */
    protected HttpFunction() {
        fr.eterrain.core.aws.Priming.register(this, true);
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event;
        try {
            event = Json.read(input);
        } catch (IOException e) {
            event = null;
        }
        HttpResponse response = handleEvent(event, context == null ? null : context.getAwsRequestId());
        Json.write(response.toEvent(), output);
    }

    /** Entry point shared by Lambda and the local runtime. */
    public HttpResponse handleEvent(JsonNode event, String invocationId) {
        try {
            if (event == null || !event.isObject()) {
                throw ApiException.badRequest("malformed_event", "The event is not a JSON object.", null);
            }
            HttpRequest request = HttpRequest.fromEvent(event);
            Log.requestId(request.requestId() != null ? request.requestId() : invocationId);
            if (request.bodyBytes() > maxBodyBytes(request)) {
                throw new ApiException(413, "body_too_large", "The body is larger than " + maxBodyBytes(request) / 1024 + " KB.", null);
            }
            return handle(request);
        } catch (ApiException e) {
            log.info("refused", "status", e.status(), "code", e.code());
            return onRefusal(e);
        } catch (RuntimeException e) {
            log.error("unexpected failure", e);
            return HttpResponse.error(new ApiException(500, "internal_error",
                    "Something went wrong on our side; nothing was changed. Please try again."));
        } finally {
            Log.clear();
        }
    }

    protected int maxBodyBytes(HttpRequest request) {
        return MAX_BODY_BYTES;
    }

    /** Public pages override this to answer refusals with an HTML page. */
    protected HttpResponse onRefusal(ApiException e) {
        return HttpResponse.error(e);
    }

    protected abstract HttpResponse handle(HttpRequest request);
}
