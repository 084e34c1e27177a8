package fr.eterrain.local.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.json.Json;
import fr.eterrain.local.Emails;
import fr.eterrain.local.TestStack;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/**
 * A coordinator's newsletter in a real Chromium, against the local runtime: signed in with the code from the SES
 * inbox, composed (heading, text, image, button, reordered from the keyboard), previewed at both widths, test-sent
 * to their own inbox, sent to a tag with a confirmation naming the count, watched until "Envoyée", and a recipient's
 * click from the inbox found in the statistics. An editor without `send` sees no send button and the API refuses
 * them; a save that fails keeps the text, on the page and after a reload.
 */
@ExtendWith(ConsoleBrowser.class)
class ConsoleJourneyIT {
    private static final String FED = "13";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String READER_BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36";

    @Test
    void aCoordinatorComposesPreviewsTestsSendsAndSeesAClick(ConsoleBrowser browser) {
        TestStack stack = browser.stack();
        Recipients recipients = new Recipients(stack);
        String tag = Recipients.newTag();
        List<String> readers = recipients.tagged(FED, tag, 2);
        String coordinator = browser.person(FED, "coordinator", true, "Camille Coordinatrice");
        browser.signIn(coordinator);

        browser.open("/f/" + FED + "/lettres");
        browser.find("#nl-new");
        browser.axe("newsletters list");
        screenshot(browser, "console-newsletters");
        browser.find("#nl-new").click();
        browser.find("#nl-subject");
        browser.settle();

        String subject = "Réunion publique jeudi à Marseille " + tag;
        replace(browser, "#nl-subject", subject);
        replace(browser, "#nl-b0-text", "Tous à la réunion de jeudi");
        replace(browser, "#nl-b1-markdown", "Bonjour {{firstName}},\n\nJeudi à 18 h 30, nous parlons des transports du quotidien : "
                + "les bus de nuit, les petites lignes, le prix des abonnements. Venez avec vos questions, vos idées et vos voisins. ");
        browser.find("[data-tool=bold]").click();
        browser.find("#nl-add-image").click();
        replace(browser, "#nl-b2-url", "https://exemple.fr/affiche-reunion.png");
        replace(browser, "#nl-b2-alt", "L'affiche de la réunion publique");
        browser.find("#nl-add-button").click();
        replace(browser, "#nl-b3-label", "Je viens");
        replace(browser, "#nl-b3-url", "https://exemple.fr/agir");

        // Reordering from the keyboard: the button goes up above the image, focus follows it, then it goes back.
        WebElement up = browser.find("#nl-b3-up");
        up.sendKeys(Keys.ENTER);
        browser.waitUntil(() -> "button".equals(browser.js("return document.querySelector('.nl-block[data-index=\"2\"]').dataset.type")),
                "the button block moved up");
        browser.waitUntil(() -> "nl-b2-up".equals(browser.js("return document.activeElement.id")), "focus follows the moved block");
        browser.find("#nl-b2-down").sendKeys(Keys.ENTER);
        browser.waitUntil(() -> "button".equals(browser.js("return document.querySelector('.nl-block[data-index=\"3\"]').dataset.type")),
                "the button block moved back down");

        awaitSaved(browser);
        browser.waitUntil(() -> Boolean.TRUE.equals(browser.js("const f = document.querySelector('.nl-preview-frame iframe');"
                + "return !!f && !!f.contentDocument && f.contentDocument.body.textContent.includes('Je viens')")), "the preview shows the button");
        assertEquals("640", browser.find(".nl-preview-frame iframe").getAttribute("width"), "desktop width");
        String preview = (String) browser.js("return document.querySelector('.nl-preview-frame iframe').contentDocument.body.textContent");
        assertTrue(preview.contains("Tous à la réunion de jeudi") && preview.contains("nous parlons des transports"),
                "the branded email with the text: " + preview);
        assertEquals("22px", browser.js("return getComputedStyle(document.querySelector('.nl-preview-frame iframe').contentDocument.querySelector('h1')).fontSize"),
                "the email's own styles apply inside the frame");
        browser.axe("newsletter editor");
        screenshot(browser, "console-newsletter-editor");
        browser.find("#nl-preview-mobile").click();
        browser.waitUntil(() -> "375".equals(browser.find(".nl-preview-frame iframe").getAttribute("width")), "phone width");
        browser.waitUntil(() -> ((Number) browser.js("return document.querySelector('.nl-preview-frame iframe').contentDocument.documentElement.scrollWidth"))
                .intValue() <= 375, "the email fits the phone's width");
        screenshot(browser, "console-newsletter-preview-phone");

        // Audience: a tag, with the live count.
        replace(browser, "#nl-tags", tag);
        browser.waitUntil(() -> "2".equals(browser.find(".nl-count").getAttribute("data-count")), "the audience counts 2 people");

        // Test send to the signed-in person's own address.
        int before = stack.emailsTo(coordinator).size();
        browser.find("#nl-test").click();
        browser.waitUntil(() -> "sent".equals(browser.find("[data-test-result]").getAttribute("data-test-result")), "the test was sent");
        JsonNode test = browser.awaitNewEmail(coordinator, before);
        assertTrue(test.path("subject").asText().startsWith("[TEST] "), test.path("subject").asText());

        // Send, confirming the number of people.
        browser.find("#nl-send").click();
        WebElement count = browser.find("[data-confirm-count]");
        assertEquals("2", count.getAttribute("data-confirm-count"));
        assertTrue(browser.find(".nl-dialog").getText().contains("2 personnes"), browser.find(".nl-dialog").getText());
        browser.axe("send confirmation");
        browser.find("button[data-confirm]").click();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!"Envoyée".equals(browser.js("const e = document.querySelector('[data-state-label]'); return e && e.textContent"))) {
            assertTrue(System.nanoTime() < deadline, "the letter never showed as sent: " + browser.text());
            stack.awaitEvents();
            sleep(300);
        }
        long sentAt = System.nanoTime();
        browser.waitForText("sur 2 envoyés");
        browser.axe("newsletter sent");
        screenshot(browser, "console-newsletter-sent");

        // A recipient clicks the button in their email.
        stack.awaitEvents();
        List<JsonNode> inbox = stack.emailsTo(readers.get(0));
        JsonNode received = inbox.stream().filter(e -> e.path("subject").asText().contains(tag)).findFirst()
                .orElseThrow(() -> new AssertionError("the reader got no letter: " + inbox));
        String click = Emails.links(received).stream().filter(l -> l.contains("/v1/c/")).findFirst().orElseThrow();
        // A person, not a scanner: a browser's agent, and not within seconds of delivery (TrafficClassifier).
        sleep(Math.max(0, Duration.ofSeconds(22).toMillis() - Duration.ofNanos(System.nanoTime() - sentAt).toMillis()));
        HttpResponse<String> redirect = stack.get(click, "user-agent", READER_BROWSER);
        assertTrue(redirect.statusCode() == 302 || redirect.statusCode() == 303, "the click redirects: " + redirect.statusCode());
        assertEquals("https://exemple.fr/agir", redirect.headers().firstValue("location").orElse(""));
        stack.awaitEvents();
        String id = browser.driver().getCurrentUrl().replaceAll(".*/lettres/([^/?#]+).*", "$1");
        awaitApi(() -> {
            HttpResponse<String> stats = stack.get("/v1/federations/" + FED + "/newsletters/" + id + "/stats",
                    TestStack.bearer(recipients.hqKey()));
            return stats.statusCode() == 200 && stats.body().contains("\"uniqueClicks\":1");
        }, "the click is counted");

        browser.find("#nl-stats-link").click();
        browser.waitUntil(() -> browser.driver().getCurrentUrl().endsWith("/lettres/" + id + "/stats"), "the statistics screen");
        browser.settle();
        browser.waitForText("exemple.fr/agir");
    }

    @Test
    void aCoordinatorIsWarnedOfABlackoutSchedulesAtTheSuggestedTimeAndCancels(ConsoleBrowser browser) {
        TestStack stack = browser.stack();
        String tag = Recipients.newTag();
        new Recipients(stack).tagged(FED, tag, 1);
        String coordinator = browser.person(FED, "coordinator", true, "Camille Coordinatrice");
        browser.signIn(coordinator);
        // An electoral silence for this federation only, the day after tomorrow from 10:00 to 13:00 in Paris.
        ZonedDateTime start = ZonedDateTime.now(PARIS).plusDays(2).withHour(10).truncatedTo(ChronoUnit.HOURS);
        // Set by HQ through the API, as in production: the function's blackout cache learns of it at once.
        String hq = stack.issueKey("HQ");
        HttpResponse<String> set = stack.post("/v1/blackouts", "application/json",
                "{\"start\":\"" + start.toInstant() + "\",\"end\":\"" + start.plusHours(3).toInstant()
                        + "\",\"reason\":\"Silence électoral\",\"federations\":[\"" + FED + "\"]}", TestStack.bearer(hq));
        assertEquals(201, set.statusCode(), set.body());
        String silence = Json.parse(set.body()).get("id").asText();
        try {
            browser.open("/f/" + FED + "/lettres");
            browser.find("#nl-new").click();
            browser.find("#nl-subject");
            browser.settle();
            replace(browser, "#nl-subject", "Programme de la semaine " + tag);
            replace(browser, "#nl-tags", tag);
            browser.waitUntil(() -> "1".equals(browser.find(".nl-count").getAttribute("data-count")), "the audience counts 1 person");
            awaitSaved(browser);
            browser.find("input[name=nl-when][value=later]").click();
            String inside = start.plusHours(1).toLocalDateTime().format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
            browser.js("const i = arguments[0]; Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(i, arguments[1]);"
                    + "i.dispatchEvent(new Event('input', {bubbles: true}));", browser.find("#nl-at"), inside);
            browser.waitUntil(() -> !browser.all("[data-warning=blackout]").isEmpty(), "the blackout is named");
            assertTrue(browser.find("[data-warning=blackout]").getText().contains("Silence électoral"));
            assertEquals("true", browser.find("#nl-send").getAttribute("disabled"), "no scheduling into a blackout");
            screenshot(browser, "console-newsletter-schedule-blackout");
            browser.axe("scheduling warned of a blackout");

            String suggested = browser.find(".nl-advice").getAttribute("data-recommended");
            assertFalse(suggested.isEmpty(), "a suggested time");
            browser.find(".nl-advice button").click();
            browser.waitUntil(() -> suggested.equals(browser.find("#nl-at").getAttribute("value")), "the suggested time is chosen");
            browser.waitUntil(() -> browser.all("[data-warning]").isEmpty(), "no warning at the suggested time");
            browser.find("#nl-send").click();
            browser.find("[data-confirm-count]");
            browser.find("button[data-confirm]").click();
            browser.waitUntil(() -> "Programmée".equals(browser.js("const e = document.querySelector('[data-state-label]'); return e && e.textContent")),
                    "the letter is scheduled");
            browser.waitForText("Départ prévu le");
            screenshot(browser, "console-newsletter-scheduled");
            browser.find("#nl-cancel").click();
            browser.find("[data-confirm-cancel]").click();
            browser.waitUntil(() -> "Annulée".equals(browser.js("const e = document.querySelector('[data-state-label]'); return e && e.textContent")),
                    "the send is cancelled");
        } finally {
            stack.send("DELETE", "/v1/blackouts/" + silence, null, null, TestStack.bearer(hq));
        }
    }

    @Test
    void anEditorWithoutSendSeesNoSendButtonAndTheApiRefusesThem(ConsoleBrowser browser) {
        String editor = browser.person(FED, "editor", false, "Éloi Rédacteur");
        browser.signIn(editor);
        browser.open("/f/" + FED + "/lettres");
        browser.find("#nl-new").click();
        browser.find("#nl-subject");
        browser.settle();
        browser.find("[data-no-send]");
        assertTrue(browser.all("#nl-send").isEmpty(), "no send button");
        assertFalse(browser.text().contains("Programmer l'envoi"), "no schedule button");
        browser.find("#nl-test");
        browser.axe("editor without send");
        screenshot(browser, "console-newsletter-editor-no-send");
        String id = browser.driver().getCurrentUrl().replaceAll(".*/lettres/([^/?#]+).*", "$1");
        Object status = browser.driver().executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/v1/federations/" + FED + "/newsletters/" + id + "/send', {method: 'POST', credentials: 'same-origin',"
                + " headers: {'X-Eterrain-Request': '1', 'content-type': 'application/json'}, body: '{}'})"
                + ".then(r => r.json().then(b => done(r.status + ' ' + b.code)), e => done(String(e)));");
        assertEquals("403 forbidden", status, "the API refuses the send itself");
    }

    @Test
    void aSaveThatFailsKeepsTheTextOnThePageAndAfterAReload(ConsoleBrowser browser) {
        String coordinator = browser.person(FED, "coordinator", true, "Camille Coordinatrice");
        browser.signIn(coordinator);
        browser.open("/f/" + FED + "/lettres");
        browser.find("#nl-new").click();
        browser.find("#nl-b1-markdown");
        browser.settle();
        awaitSaved(browser);
        String id = browser.driver().getCurrentUrl().replaceAll(".*/lettres/([^/?#]+).*", "$1");

        browser.driver().executeCdpCommand("Network.enable", Map.of());
        browser.driver().executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/newsletters/" + id + "*")));
        String phrase = " Rendez-vous samedi au marché pour le tractage.";
        try {
            browser.find("#nl-b1-markdown").sendKeys(phrase);
            browser.waitUntil(() -> "failed".equals(browser.find("[data-save-state]").getAttribute("data-save-state")),
                    "the page says the save failed");
            assertTrue(browser.find("#nl-b1-markdown").getAttribute("value").contains(phrase.trim()), "the text is still there");
            assertTrue(browser.text().contains("Vos modifications restent sur cet appareil"), browser.text());
            browser.axe("save failed");
            screenshot(browser, "console-newsletter-save-failed");
        } finally {
            browser.driver().executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
        }
        // The page is closed and opened again before any save got through: the text comes back from this browser.
        browser.js("setTimeout(() => location.reload(), 0)");
        acceptLeavingPrompt(browser);
        browser.settle();
        browser.waitUntil(() -> browser.find("#nl-b1-markdown").getAttribute("value").contains(phrase.trim()), "the text came back");
        browser.waitForText("retrouvées sur cet appareil");
        awaitSaved(browser);
        Object saved = browser.driver().executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/v1/federations/" + FED + "/newsletters/" + id + "', {credentials: 'same-origin'})"
                + ".then(r => r.json()).then(n => done(n.blocks[1].markdown), e => done(String(e)));");
        assertTrue(String.valueOf(saved).contains(phrase.trim()), "the API has it now: " + saved);
    }

    /** Replaces a field's text as a person does (select all, type): Selenium's clear() bypasses the page's input events. */
    private static void replace(ConsoleBrowser browser, String css, String text) {
        browser.find(css).sendKeys(Keys.chord(Keys.CONTROL, "a"), text);
    }

    /** Pictures from the top of the page (the preview column stays in view as the page scrolls). */
    private static void screenshot(ConsoleBrowser browser, String name) {
        browser.js("window.scrollTo(0, 0)");
        browser.screenshot(name);
    }

    private static void awaitSaved(ConsoleBrowser browser) {
        browser.waitUntil(() -> "saved".equals(browser.find("[data-save-state]").getAttribute("data-save-state"))
                && browser.find("[data-save-state]").getText().startsWith("Enregistré"), "the draft is saved");
    }

    /** The page asks before leaving with unsaved changes; the test says yes. */
    private static void acceptLeavingPrompt(ConsoleBrowser browser) {
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                browser.driver().switchTo().alert().accept();
                return;
            } catch (NoAlertPresentException e) {
                sleep(100);
            } catch (org.openqa.selenium.WebDriverException e) {
                sleep(100);
            }
        }
    }

    private static void awaitApi(Supplier<Boolean> condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.get()) {
            assertTrue(System.nanoTime() < deadline, "timed out: " + what);
            sleep(300);
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
