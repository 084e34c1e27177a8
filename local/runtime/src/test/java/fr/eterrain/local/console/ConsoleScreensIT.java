package fr.eterrain.local.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.eterrain.local.TestStack;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every screen of a coordinator's everyday work (issue 13), drawn with real data: each is axe-core clean (no
 * serious or critical violation), readable at 390 px without sideways scroll, and pictured at 1280 and 390 px
 * under target/screenshots/ (console-*.png).
 */
@ExtendWith(ConsoleBrowser.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleScreensIT {
    private static final String FED = "84";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static String run;
    private static String contactId;

    @Test
    @Order(1)
    void theSignInScreen(ConsoleBrowser browser) {
        browser.signOutQuietly();
        browser.open("/connexion");
        browser.waitForText("Se connecter à e-terrain");
        assertEquals("email", browser.find("#email").getAttribute("autocomplete"));
        browser.axe("sign-in");
        browser.screenshot("console-sign-in");
        browser.button("Recevoir un code").click();
        browser.waitForText("Saisissez votre adresse électronique.");
        browser.axe("sign-in with an error");
        browser.screenshot("console-sign-in-error");
    }

    /** Contacts of 84, imported with an HQ key: a few confirmed ones (with proof), a few pending. */
    private static void seedContacts(ConsoleBrowser browser) throws Exception {
        run = TestStack.uniqueEmail("s").substring(2, 10);
        StringBuilder csv = new StringBuilder("email,firstName,lastName,postalCode,category,tags,consentWordingVersion,consentDate,consentSource\r\n");
        String[][] people = {{"Marie", "Luciani", "84000", "militant", "bénévole|Avignon"}, {"Paul", "Santoni", "84100", "sympathisant", "Avignon"},
                {"Jeanne", "Casanova", "84200", "curieux", ""}, {"Ange", "Pietri", "84300", "militant", "élu"},
                {"Lisa", "Ferrandi", "84400", "sympathisant", "bénévole"}};
        for (int i = 0; i < people.length; i++) {
            String[] p = people[i];
            String proof = i < 3 ? "v2,2025-09-01,fête de la rentrée" : ",,";
            csv.append(p[0].toLowerCase()).append('.').append(p[1].toLowerCase()).append('-').append(run).append("@example.org,")
                    .append(p[0]).append(',').append(p[1]).append(',').append(p[2]).append(',').append(p[3]).append(',').append(p[4])
                    .append(',').append(proof).append("\r\n");
        }
        String key = browser.stack().issueKey("HQ");
        HttpResponse<String> imported = browser.stack().post("/v1/federations/" + FED + "/contacts/import", "text/csv", csv.toString(),
                TestStack.bearer(key));
        assertEquals(200, imported.statusCode(), imported.body());
        JsonNode report = JSON.readTree(imported.body());
        contactId = report.at("/rows/0/contactId").asText();
    }

    @Test
    @Order(2)
    void everyScreenOfTheCoordinator(ConsoleBrowser browser) throws Exception {
        seedContacts(browser);
        browser.signIn(browser.person(FED, "coordinator", true, "Dominique Casta"));

        browser.open("/f/" + FED);
        browser.waitForText("Voici votre fédération en un coup d'œil");
        browser.waitForText("contacts en tout");
        browser.waitForText("À surveiller");
        browser.axe("home");
        browser.screenshot("console-home");

        browser.open("/f/" + FED + "/contacts");
        browser.waitForText("Luciani");
        browser.axe("contacts");
        browser.screenshot("console-contacts");
        // Search by exact address, then by name, with a filter.
        browser.type("#contacts-q", "marie.luciani-" + run + "@example.org");
        browser.button("Rechercher").click();
        browser.waitUntil(() -> browser.all(".contacts-table tbody tr").size() == 1, "one contact for an exact address");
        browser.open("/f/" + FED + "/contacts?q=santoni&etiquette=Avignon");
        browser.waitUntil(() -> browser.all(".contacts-table tbody tr").size() >= 1 && browser.text().contains("Santoni"), "found by name");
        browser.open("/f/" + FED + "/contacts?q=personne-introuvable-" + run);
        browser.waitForText("Aucun contact ne correspond à cette recherche.");
        browser.screenshot("console-contacts-empty");
        browser.open("/f/" + FED + "/contacts?cp=%3F");
        browser.waitForText("Erreur");
        assertEquals("true", browser.find("#contacts-cp").getAttribute("aria-invalid"), "the refusal sits on its field");
        browser.axe("contacts with a refused filter");

        // Tag many at once.
        browser.open("/f/" + FED + "/contacts?etiquette=Avignon");
        browser.waitForText("Santoni");
        browser.find("#select-all").click();
        browser.type("#tag-many", "réunion-" + run);
        browser.axe("contacts with a selection");
        browser.screenshot("console-contacts-tag-many");
        browser.button("Étiqueter").click();
        browser.waitForText("ajoutée à 2 contacts");

        browser.open("/f/" + FED + "/contacts/" + contactId);
        browser.waitForText("Historique du consentement");
        browser.waitForText("Importé avec une preuve de consentement");
        browser.waitForText("Lettres reçues");
        browser.axe("a contact");
        browser.screenshot("console-contact");
        browser.type("#c-postal", "84000");
        browser.type("#c-tags", "bénévole, Avignon, porte-à-porte");
        browser.button("Enregistrer").click();
        browser.waitForText("Les changements sont enregistrés.");
        browser.waitForText("porte-à-porte");
        browser.button("Effacer ce contact").click();
        browser.waitForText("C'est définitif.");
        browser.axe("the erase confirmation");
        browser.screenshot("console-contact-erase");
        browser.button("Annuler").click();

        browser.open("/f/" + FED + "/import");
        browser.waitForText("Choisir le fichier");
        browser.axe("import");

        browser.open("/f/" + FED + "/statistiques");
        browser.find("[data-ready=federation]");
        browser.axe("statistics without newsletters");
        browser.screenshot("console-stats-empty");
        browser.open("/f/" + FED + "/lettres/inexistante/stats");
        browser.find("[data-ready=error]");
        browser.axe("a newsletter's statistics that fail");

        browser.open("/f/" + FED + "/equipe");
        browser.waitForText("Dominique Casta (vous)");
        browser.axe("team");
        browser.screenshot("console-team");

        browser.open("/f/" + FED + "/site");
        browser.waitForText("Formulaire d'inscription pour votre site");
        browser.find(".preview-box form");
        browser.type("#key-label", "Site de la fédération");
        browser.button("Créer la clé").click();
        browser.waitForText("elle ne sera plus jamais affichée");
        String secret = browser.find("#new-key").getText();
        assertTrue(secret.length() > 20, secret);
        // The key is real and carries only what was ticked: contacts:write, not contacts:read.
        assertEquals(403, browser.stack().get("/v1/federations/" + FED + "/contacts", TestStack.bearer(secret)).statusCode());
        browser.axe("website");
        browser.screenshot("console-website");
    }
}
