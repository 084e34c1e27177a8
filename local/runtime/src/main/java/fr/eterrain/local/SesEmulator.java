package fr.eterrain.local;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The SES emulator (npm aws-ses-v2-local, pinned in local/package.json) as a child node process. It answers the
 * SES v1/v2 API at its root, keeps sent emails in memory, lists them at {@code GET /store} and shows them in a
 * web inbox at {@code /}. Its CLI takes {@code --host} and {@code --port} only.
 */
public final class SesEmulator implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ChildProcess process;
    private final String url;

    private SesEmulator(ChildProcess process, String url) {
        this.process = process;
        this.url = url;
    }

    public static SesEmulator start(int port, Path projectRoot, Path logDir) {
        Path bin = projectRoot.resolve("local/node_modules/.bin/aws-ses-v2-local");
        if (!Files.exists(bin)) {
            throw new IllegalStateException("missing " + bin + ": run `npm ci --prefix local` (make run does)");
        }
        List<String> command = List.of(bin.toString(), "--host", Ports.HOST, "--port", String.valueOf(port));
        // SMTP_TRANSPORT would make the emulator relay every email to a real SMTP server.
        ChildProcess process = ChildProcess.start("ses", command, Map.of(), List.of("SMTP_TRANSPORT"),
                logDir.resolve("ses.log"));
        try {
            Ports.await("SES emulator", port, Duration.ofSeconds(30), process::isAlive);
        } catch (IllegalStateException e) {
            process.close();
            throw new IllegalStateException(e.getMessage() + "\n" + process.logTail(), e);
        }
        return new SesEmulator(process, "http://" + Ports.HOST + ":" + port);
    }

    /** Reads the store of an emulator at this URL, ours or one started by another process. */
    public static JsonNode store(String sesUrl) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sesUrl + "/store")).timeout(Duration.ofSeconds(5)).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("SES emulator /store answered " + response.statusCode());
            }
            return Json.parse(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("SES emulator unreachable at " + sesUrl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return url;
    }

    @Override
    public void close() {
        process.close();
    }
}
