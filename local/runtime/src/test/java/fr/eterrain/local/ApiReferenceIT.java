package fr.eterrain.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The integrators' contract where they find it: the OpenAPI document at /v1/openapi.json, and the reference page at
 * /docs/ rendered by Swagger UI from our own origin under a strict Content Security Policy (no inline script or
 * style, no eval, nothing fetched elsewhere), in headless Chromium. Screenshot: target/screenshots/api-reference.png.
 */
class ApiReferenceIT {
    private static final Path SHOTS = Path.of("target", "screenshots").toAbsolutePath();

    private final TestStack stack = TestStack.get();

    @Test
    void theDocumentIsServedAsPackaged() throws IOException {
        HttpResponse<String> response = stack.get("/v1/openapi.json");
        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("content-type").orElse(""));
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("eterrain/schemas/openapi.json")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), response.body());
        }
    }

    @Test
    void thePageIsServedWithAStrictPolicyAndWithoutItsTooling() {
        HttpResponse<String> page = stack.get("/docs/");
        assertEquals(200, page.statusCode());
        String csp = page.headers().firstValue("content-security-policy").orElse("");
        assertTrue(csp.contains("script-src 'self'") && csp.contains("style-src 'self'"), csp);
        assertFalse(csp.contains("unsafe"), csp);
        assertEquals(404, stack.get("/docs/package.json").statusCode());
        assertEquals(404, stack.get("/docs/node_modules/swagger-ui-dist/package.json").statusCode());
    }

    @Test
    void theReferenceShowsEveryOperationWithNothingRefusedAndNothingFetchedElsewhere() throws Exception {
        Path vendor = ProjectRoot.find().resolve("web/docs/vendor/swagger-ui-bundle.js");
        assertTrue(Files.isRegularFile(vendor), "the viewer is missing: `make test` and `make run` copy it to web/docs/vendor");
        var chromium = fr.eterrain.local.console.ConsoleBrowser.chromium().map(java.nio.file.Path::toString);
        if (chromium.isEmpty() && System.getenv("CI") != null) {
            throw new AssertionError("Chromium is needed in CI (apt-get install chromium)");
        }
        Assumptions.assumeTrue(chromium.isPresent(), "Chromium not found: the API reference page test is skipped. "
                + "Install it (apt-get install chromium) or set CHROMIUM=/path/to/chrome to run it.");
        JsonNode document = Json.parse(stack.get("/v1/openapi.json").body());
        int operations = 0;
        for (JsonNode item : document.path("paths")) {
            operations += item.size();
        }
        Path profile = Files.createTempDirectory("api-reference-chromium");
        try (DevTools browser = DevTools.launch(chromium.get(), profile)) {
            browser.navigate(stack.apiUrl() + "/docs/");
            boolean shown = browser.await("document.querySelectorAll('.opblock').length === " + operations
                    + " && !!document.querySelector('.info .title')", Duration.ofSeconds(45));
            Files.createDirectories(SHOTS);
            Files.write(SHOTS.resolve("api-reference.png"), browser.screenshot());
            assertTrue(shown, "every operation shown: " + browser.evaluate("document.querySelectorAll('.opblock').length")
                    + " of " + operations + "; problems: " + browser.problems());
            assertEquals("e-terrain API", browser.evaluate("document.querySelector('.info .title').firstChild.textContent.trim()").asText());
            // One operation opened, as a reader would: its parameters and responses render too.
            browser.evaluate("document.querySelector('#operations-contacts-getContact .opblock-summary-control').click()");
            assertTrue(browser.await("!!document.querySelector('#operations-contacts-getContact .responses-table')", Duration.ofSeconds(15)),
                    "an opened operation shows its responses");
            browser.evaluate("document.querySelector('#operations-contacts-getContact').scrollIntoView()");
            Files.write(SHOTS.resolve("api-reference-operation.png"), browser.screenshot());
            assertEquals(List.of(), browser.problems(), "console, security (CSP) and exception messages");
            String origin = URI.create(stack.apiUrl()).getScheme() + "://" + URI.create(stack.apiUrl()).getAuthority();
            List<String> elsewhere = browser.requests().stream().filter(u -> !u.startsWith(origin + "/") && !u.startsWith("data:")).toList();
            assertEquals(List.of(), elsewhere, "requests to another origin");
            // The check itself: an inline script, which the policy refuses, is reported.
            browser.evaluate("document.head.appendChild(Object.assign(document.createElement('script'), {textContent: 'window.x = 1'}))");
            Thread.sleep(500);
            assertTrue(browser.problems().stream().anyMatch(p -> p.contains("Content Security Policy")), browser.problems().toString());
            assertFalse(browser.evaluate("window.x === 1").asBoolean(), "the inline script did not run");
        }
    }
}
