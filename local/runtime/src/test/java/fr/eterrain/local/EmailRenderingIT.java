package fr.eterrain.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.eterrain.core.json.Json;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A newsletter as a phone shows it, in headless Chromium: 390 px wide, its picture's file missing (blocked images,
 * a deleted file). The email must not get wider than the screen. Skipped without Chromium, like the console browser tests.
 */
class EmailRenderingIT {
    private final TestStack stack = TestStack.get();

    @BeforeAll
    static void needsChromium() {
        Assumptions.assumeTrue(fr.eterrain.local.console.ConsoleBrowser.chromium().map(java.nio.file.Path::toString).isPresent(), "Chromium not found: the email rendering test is skipped. "
                + "Install it (apt-get install chromium) or set CHROMIUM=/path/to/chrome to run it.");
    }

    @Test
    void anImageWhoseFileDoesNotLoadNeverWidensTheEmailPastAPhonesWidth() throws Exception {
        String key = stack.issueKey("2B");
        HttpResponse<String> created = stack.post("/v1/federations/2B/newsletters", "application/json", """
                {"subject":"Affiche absente","blocks":[{"type":"heading","text":"Réunion publique"},
                 {"type":"image","url":"https://image-absente.invalid/affiche.png",
                  "alt":"L'affiche de la réunion publique de jeudi soir à la salle des fêtes de Bastia","link":"https://exemple.fr/agenda"},
                 {"type":"text","markdown":"Venez nombreux."}]}
                """, TestStack.bearer(key));
        assertEquals(201, created.statusCode(), created.body());
        String id = Json.parse(created.body()).get("id").asText();
        String email = stack.get("/v1/federations/2B/newsletters/" + id + "/preview", TestStack.bearer(key)).body();
        assertTrue(email.contains("image-absente.invalid"));

        Path dir = Files.createTempDirectory("email-rendering");
        Files.writeString(dir.resolve("email.html"), email, StandardCharsets.UTF_8);
        // A phone-wide frame: headless Chromium's own window is never narrower than 500 px.
        Files.writeString(dir.resolve("phone.html"), """
                <!doctype html><html><body style="margin:0"><iframe id="f" src="email.html" style="width:390px;height:900px;border:0"></iframe>
                <script>onload=function(){var d=document.getElementById('f').contentDocument;
                document.title='widths '+d.documentElement.clientWidth+' '+d.documentElement.scrollWidth}</script></body></html>
                """, StandardCharsets.UTF_8);
        Path profile = Files.createTempDirectory("email-rendering-chromium");
        Path out = dir.resolve("dom.html");
        Process chromium = new ProcessBuilder(List.of(fr.eterrain.local.console.ConsoleBrowser.chromium().map(java.nio.file.Path::toString).orElseThrow(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=" + profile,
                "--allow-file-access-from-files", "--virtual-time-budget=5000", "--dump-dom",
                dir.resolve("phone.html").toUri().toString()))
                .redirectOutput(out.toFile()).redirectError(dir.resolve("chromium.log").toFile()).start();
        if (!chromium.waitFor(90, TimeUnit.SECONDS)) {
            chromium.destroyForcibly();
            throw new AssertionError("Chromium did not finish: " + Files.readString(dir.resolve("chromium.log")));
        }
        Matcher widths = Pattern.compile("widths (\\d+) (\\d+)").matcher(Files.readString(out));
        assertTrue(widths.find(), "the page measured the email: " + Files.readString(out));
        assertEquals(390, Integer.parseInt(widths.group(1)));
        assertTrue(Integer.parseInt(widths.group(2)) <= 390, "the email is " + widths.group(2) + " px wide on a 390 px screen");
    }
}
