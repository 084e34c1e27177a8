package fr.eterrain.local.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.json.Json;
import fr.eterrain.local.TestStack;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A volunteer makes a quote card in a real Chromium: the preview follows the typing, an emoji is refused on its
 * field in French, the PNG downloads at full size, and the card is saved once (however fast the button is pressed)
 * to the content library, where the screen then lists it after the intake checked it.
 */
@ExtendWith(ConsoleBrowser.class)
class ConsoleVisualsIT {
    private static final String FED = "33";

    @Test
    void aQuoteCardIsPreviewedDownloadedAndSavedToTheLibrary(ConsoleBrowser browser) throws IOException {
        TestStack stack = browser.stack();
        String coordinator = browser.person(FED, "coordinator", true, "Camille Coordinatrice");
        browser.signIn(coordinator);
        browser.open("/f/" + FED + "/visuels");
        browser.find("#vi-text");
        browser.axe("visuals, empty");

        replace(browser, "#vi-text", "La santé n'est pas une marchandise : défendons l'hôpital public !");
        replace(browser, "#vi-author", "Claire Martin, conseillère départementale");
        awaitPreview(browser, 540, 675);
        browser.axe("visuals with a preview");
        browser.js("window.scrollTo(0, 0)");
        browser.screenshot("console-visuals");

        // A refusal on its field, in French; fixed, the preview comes back.
        // ChromeDriver types only the Basic Multilingual Plane: the emoji goes in as a paste would.
        browser.js("const i = arguments[0]; Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(i, i.value + ' \uD83D\uDE00');"
                + "i.dispatchEvent(new Event('input', {bubbles: true}));", browser.find("#vi-author"));
        browser.waitUntil(() -> !browser.all("#vi-author-error").isEmpty(), "the author field shows the refusal");
        assertTrue(browser.find("#vi-author-error").getText().contains("émojis"), browser.find("#vi-author-error").getText());
        browser.axe("visuals with a refusal");
        browser.screenshotPhone("console-visuals-refusal");
        replace(browser, "#vi-author", "Claire Martin, conseillère départementale");
        browser.waitUntil(() -> browser.all("#vi-author-error").isEmpty(), "the refusal is gone");

        browser.find("input[name=vi-format][value='1080x1080']").click();
        awaitPreview(browser, 540, 540);

        // Download: the full-size PNG.
        Path downloads = Files.createTempDirectory("console-downloads");
        browser.driver().executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        browser.find("#vi-download").click();
        Path png = downloads.resolve("visuel-quote-1080x1080.png");
        browser.waitUntil(() -> Files.exists(png) && sizeOf(png) > 1000, "the PNG is downloaded");
        byte[] bytes = Files.readAllBytes(png);
        assertEquals(0x89504E47, ByteBuffer.wrap(bytes, 0, 4).getInt(), "a PNG");
        assertEquals(1080, ByteBuffer.wrap(bytes, 16, 4).getInt(), "full width");
        assertEquals(1080, ByteBuffer.wrap(bytes, 20, 4).getInt(), "full height");

        // Save to the library: pressed twice, saved once.
        String title = "Citation santé " + UUID.randomUUID().toString().substring(0, 6);
        browser.find("#vi-save").click();
        browser.waitUntil(() -> !browser.all("#vi-save-title-error").isEmpty() && !browser.all("#vi-save-confirmed-error").isEmpty(),
                "the missing title and rights are named on their fields");
        replace(browser, "#vi-save-title", title);
        replace(browser, "#vi-save-tags", "santé, hôpital");
        browser.find("#vi-save-confirmed").click();
        browser.js("const b = document.querySelector('#vi-save'); b.click(); b.click();");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!"submitted".equals(browser.find("[data-saved-status]").getAttribute("data-saved-status"))) {
            assertTrue(System.nanoTime() < deadline, "the visual never reached the library: " + browser.text());
            stack.awaitEvents(); // the intake checks the PNG
            sleep(300);
        }
        assertEquals("true", browser.find("#vi-save").getAttribute("disabled"), "saved once: the button stays off for this visual");
        browser.waitUntil(() -> browser.find("#vi-library").getText().contains(title), "the library lists it");
        browser.axe("visuals saved");
        browser.js("window.scrollTo(0, 0)");
        browser.screenshot("console-visuals-saved");

        JsonNode contents = Json.parse(stack.get("/v1/federations/" + FED + "/contents?kind=graphic&limit=100",
                TestStack.bearer(stack.issueKey("HQ"))).body()).get("contents");
        long same = 0;
        for (JsonNode c : contents) {
            if (c.get("title").asText().equals(title)) {
                same++;
                assertEquals("submitted", c.get("status").asText());
            }
        }
        assertEquals(1, same, "one content for two presses");
    }

    /** Replaces a field's text as a person does (select all, type): Selenium's clear() bypasses the page's input events. */
    private static void replace(ConsoleBrowser browser, String css, String text) {
        browser.find(css).sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), text);
    }

    private static void awaitPreview(ConsoleBrowser browser, int width, int height) {
        browser.waitUntil(() -> Boolean.TRUE.equals(browser.js("const i = document.querySelector('#vi-preview-image');"
                + "return !!i && i.complete && i.naturalWidth === " + width + " && i.naturalHeight === " + height)),
                "a " + width + "×" + height + " preview");
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
