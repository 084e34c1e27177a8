package fr.eterrain.local.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.eterrain.local.TestStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebElement;

/** A coordinator imports a CSV of 30 rows, some invalid, through the wizard and reads the per-row report. */
@ExtendWith(ConsoleBrowser.class)
class ConsoleImportIT {
    private static final String FED = "13";

    @Test
    void thirtyRowsSomeInvalidGiveAPerRowReportAndThePendingOnesTheirOptInEmail(ConsoleBrowser browser) throws Exception {
        String run = TestStack.uniqueEmail("x").substring(2, 10);
        List<String> lines = new ArrayList<>();
        // A spreadsheet's export: French titles, semicolons.
        lines.add("Courriel;Prénom;Nom;Code postal;Catégorie;Preuve texte;Preuve date;Preuve source");
        List<String> pending = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            String email = "import-" + run + "-" + i + "@example.org";
            String category = "sympathisant";
            String postal = "13" + String.format("%03d", i);
            String proof = ";;";
            if (i == 4 || i == 9 || i == 17) {
                email = "pas-une-adresse-" + i; // invalid address
            } else if (i == 12) {
                email = "import-" + run + "-11@example.org"; // duplicate of line 12 (row 11)
            } else if (i == 20) {
                category = "adherent"; // unknown category
            } else if (i == 25) {
                postal = "?"; // invalid postal code
            } else if (i <= 6) {
                proof = "v3;2025-05-01;fête de la fédération"; // proven consent: active at once
            } else {
                pending.add(email);
            }
            lines.add(email + ";Prénom" + i + ";Nom" + i + ";" + postal + ";" + category + ";" + proof);
        }
        Path csv = Files.createTempFile("contacts-", ".csv");
        Files.writeString(csv, String.join("\r\n", lines) + "\r\n", StandardCharsets.UTF_8);

        browser.signIn(browser.person(FED, "coordinator", true, "Lou Import"));
        browser.open("/f/" + FED + "/import");
        browser.waitForText("Importer des contacts");
        browser.axe("the import wizard, step 1");
        browser.screenshot("console-import-1-file");
        WebElement input = browser.find("#csv");
        input.sendKeys(csv.toString());
        browser.button("Continuer").click();
        browser.waitForText("30 lignes de contacts");
        // The columns were recognised from their French titles.
        assertEquals("email", browser.find("#map-0").getAttribute("value"));
        assertEquals("firstName", browser.find("#map-1").getAttribute("value"));
        assertEquals("postalCode", browser.find("#map-3").getAttribute("value"));
        assertEquals("", browser.find("#map-5").getAttribute("value"), "an unknown title is not guessed");
        browser.js("const pick = (id, v) => { const s = document.getElementById(id); s.value = v; s.dispatchEvent(new Event('change', {bubbles: true})); };"
                + "pick('map-5', 'consentWordingVersion'); pick('map-6', 'consentDate'); pick('map-7', 'consentSource');");
        browser.waitUntil(() -> "consentSource".equals(browser.find("#map-7").getAttribute("value")), "the proof columns mapped");
        browser.axe("the import wizard, step 2");
        browser.screenshot("console-import-2-mapping");
        browser.button("Importer 30 contacts").click();
        browser.find("[data-ready=report]");
        String report = browser.text() + "\n" + browser.js("return document.body.innerHTML") + "\n"
                + browser.js("return JSON.stringify(window.__consoleErrors || [])");
        assertTrue(report.contains("24\ncontacts acceptés") || report.contains("24 contacts acceptés"), report);
        assertTrue(report.contains("5\ninscrits tout de suite") || report.contains("5 inscrits"), report);
        assertTrue(report.contains("6\nlignes refusées") || report.contains("6 lignes refusées"), report);
        assertTrue(report.contains("Ligne 5") && report.contains("pas-une-adresse-4"), "line numbers count the title row: " + report);
        assertTrue(report.contains("adresse électronique invalide"), report);
        assertTrue(report.contains("adresse en double dans le fichier"), report);
        assertTrue(report.contains("catégorie inconnue"), report);
        assertTrue(report.contains("code postal invalide"), report);
        assertTrue(report.contains("19 personnes vont recevoir un e-mail pour confirmer leur inscription"), report);
        browser.axe("the import report");
        browser.screenshot("console-import-3-report");

        // What is kept to resume holds no address.
        String kept = String.valueOf(browser.js("return localStorage.getItem('eterrain-import-" + FED + "')"));
        assertFalse(kept.contains("@") || kept.contains("pas-une-adresse"), kept);
        // The pending ones get the double opt-in email, and only them.
        assertFalse(browser.stack().awaitEmailTo(pending.get(0)).path("subject").asText().isBlank());
        assertTrue(browser.stack().emailsTo("import-" + run + "-1@example.org").isEmpty(), "proven consent: no opt-in email");
    }
}
