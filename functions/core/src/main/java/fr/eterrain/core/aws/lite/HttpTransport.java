package fr.eterrain.core.aws.lite;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP exchange of a direct AWS call: the JDK's own connection in functions, a fault injector around it in the
 * reliability suite ({@link DirectHooks#transport}). An IOException means the answer was not read: the request may
 * or may not have reached the service.
 */
public interface HttpTransport {

    record Request(String method, URI uri, Map<String, String> headers, byte[] body, int readTimeoutMillis) {
    }

    /** @param headers the answer's headers, names in lower case (first value of each) */
    record Response(int status, Map<String, String> headers, byte[] body) {
    }

    Response send(Request request) throws IOException;

    /** HttpURLConnection: keep-alive connections, two seconds to connect. */
    HttpTransport URL_CONNECTION = request -> {
        HttpURLConnection c = (HttpURLConnection) request.uri().toURL().openConnection();
        c.setRequestMethod(request.method());
        c.setConnectTimeout(2000);
        c.setReadTimeout(Math.max(1, request.readTimeoutMillis()));
        request.headers().forEach(c::setRequestProperty);
        if (request.body() != null) {
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(request.body().length);
            try (OutputStream out = c.getOutputStream()) {
                out.write(request.body());
            }
        }
        int status = c.getResponseCode();
        byte[] body;
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            body = in == null ? new byte[0] : in.readAllBytes();
        }
        Map<String, String> headers = new HashMap<>();
        for (Map.Entry<String, List<String>> h : c.getHeaderFields().entrySet()) {
            if (h.getKey() != null && !h.getValue().isEmpty()) {
                headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue().get(0));
            }
        }
        return new Response(status, headers, body);
    };
}
