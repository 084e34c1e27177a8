package fr.eterrain.core.log;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.json.Json;
import java.io.PrintStream;
import java.time.Instant;

/**
 * Structured JSON logs, one line each, carrying the request id. Callers pass ids and hashes, never an
 * address, a name or an IP: there is deliberately no method taking a free-form personal value.
 */
public final class Log {
    private static final ThreadLocal<String> REQUEST_ID = new ThreadLocal<>();
    private static volatile PrintStream out = System.out;
    private final String function;

    private Log(String function) {
        this.function = function;
    }

    public static Log of(String function) {
        return new Log(function);
    }

    public static void requestId(String id) {
        REQUEST_ID.set(id);
    }

    public static String requestId() {
        return REQUEST_ID.get();
    }

    public static void clear() {
        REQUEST_ID.remove();
    }

    /** Tests and the local runtime may send lines elsewhere. */
    public static void redirect(PrintStream stream) {
        out = stream;
    }

    public void info(String message, Object... keyValues) {
        write("INFO", message, null, keyValues);
    }

    public void warn(String message, Object... keyValues) {
        write("WARN", message, null, keyValues);
    }

    public void error(String message, Throwable error, Object... keyValues) {
        write("ERROR", message, error, keyValues);
    }

    private void write(String level, String message, Throwable error, Object[] keyValues) {
        ObjectNode line = Json.object();
        line.put("ts", Instant.now().toString());
        line.put("level", level);
        line.put("fn", function);
        String requestId = REQUEST_ID.get();
        if (requestId != null) {
            line.put("requestId", requestId);
        }
        line.put("msg", message);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            line.put(String.valueOf(keyValues[i]), String.valueOf(keyValues[i + 1]));
        }
        if (error != null) {
            // Class and message only: exception messages from our code carry no personal data,
            // and a full stack trace belongs in a debugger, not in logs kept for months.
            line.put("error", error.getClass().getName() + ": " + error.getMessage());
            StackTraceElement[] trace = error.getStackTrace();
            if (trace.length > 0) {
                line.put("at", trace[0].toString());
            }
        }
        out.println(Json.write(line));
    }
}
