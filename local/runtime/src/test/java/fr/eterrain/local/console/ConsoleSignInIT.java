package fr.eterrain.local.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.local.Emails;
import fr.eterrain.local.TestStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Signing in to the console: the code from the SES inbox, the link page's button, an invitation, signing out. */
@ExtendWith(ConsoleBrowser.class)
class ConsoleSignInIT {
    private static final String FED = "06";

    @Test
    void aCoordinatorSignsInWithTheCodeAndSignsOut(ConsoleBrowser browser) {
        String email = browser.person(FED, "coordinator", true, "Camille Martin");
        browser.signOutQuietly();
        browser.open("/f/" + FED + "/contacts");
        // Not signed in: the console asks for a sign-in, and comes back to the wanted screen afterwards.
        browser.waitUntil(() -> browser.driver().getCurrentUrl().contains("#/connexion?retour="), "sent to the sign-in screen");
        int before = browser.stack().emailsTo(email).size();
        browser.type("#email", email);
        browser.button("Recevoir un code").click();
        assertEquals("one-time-code", browser.find("#code").getAttribute("autocomplete"));
        JsonNode mail = browser.awaitNewEmail(email, before);
        String code = ConsoleBrowser.code(mail);
        browser.type("#code", code.equals("000000") ? "111111" : "000000");
        browser.button("Me connecter").click();
        browser.waitForText("Ce code n'est pas le bon");
        assertEquals("true", browser.find("#code").getAttribute("aria-invalid"), "the refusal is on the code field");
        browser.type("#code", code);
        browser.button("Me connecter").click();
        browser.waitUntil(() -> browser.driver().getCurrentUrl().endsWith("#/f/" + FED + "/contacts"), "back to the wanted screen");
        browser.settle();
        browser.waitForText("Contacts");

        browser.button("Camille Martin").click();
        browser.button("Se déconnecter").click();
        browser.waitForText("Vous êtes déconnecté·e.");
        browser.open("/f/" + FED);
        browser.waitUntil(() -> browser.driver().getCurrentUrl().contains("#/connexion"), "signed out: the home asks for a sign-in");
        assertEquals(401, browser.stack().get("/v1/me").statusCode());
    }

    @Test
    void theLinkPageSignsInOnlyWithItsButton(ConsoleBrowser browser) {
        String email = browser.person(FED, "editor", false, "Dominique Bernard");
        browser.signOutQuietly();
        int before = browser.stack().emailsTo(email).size();
        assertEquals(202, browser.stack().post("/v1/sign-in", "application/json", "{\"email\":\"" + email + "\"}",
                "x-eterrain-request", "1").statusCode());
        String link = Emails.link(browser.awaitNewEmail(email, before), "#/connexion?lien=");
        browser.driver().get(link);
        browser.settle();
        browser.waitForText("Confirmez que c'est bien vous");
        browser.axe("the sign-in link page");
        browser.screenshot("console-sign-in-link");
        assertTrue(browser.driver().manage().getCookies().isEmpty(), "opening the link signed nobody in");
        browser.button("Me connecter").click();
        browser.waitUntil(() -> browser.driver().getCurrentUrl().contains("#/f/" + FED), "the console opens");
        browser.waitForText("Dominique Bernard");
        // A used link is refused with its reason.
        browser.signOutQuietly();
        browser.driver().get(link);
        browser.settle();
        browser.button("Me connecter").click();
        browser.waitForText("Ce lien de connexion ne marche plus");
    }

    @Test
    void anInvitedEditorAcceptsTheInvitationThenSignsOutEverywhere(ConsoleBrowser browser) {
        String email = TestStack.uniqueEmail("invited");
        browser.signIn(browser.person(FED, "coordinator", true, "Alex Coordination"));
        // The coordinator invites from the team screen.
        browser.open("/f/" + FED + "/equipe");
        int before = browser.stack().emailsTo(email).size();
        browser.type("#invite-name", "Sacha Petit");
        browser.type("#invite-email", email);
        browser.button("Envoyer l'invitation").click();
        browser.waitForText("Invitation envoyée à " + email);
        String token = browser.invitationToken(browser.awaitNewEmail(email, before));
        browser.signOutQuietly();
        browser.open("/invitation?t=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8));
        browser.waitForText("Bienvenue, Sacha Petit");
        browser.axe("the invitation page");
        browser.screenshot("console-invitation");
        browser.button("Accepter l'invitation").click();
        browser.waitUntil(() -> browser.driver().getCurrentUrl().contains("#/f/" + FED), "the console opens");
        browser.waitForText("Sacha Petit");
        browser.button("Sacha Petit").click();
        browser.button("Se déconnecter de tous les appareils").click();
        browser.waitForText("Vous êtes déconnecté·e de tous vos appareils.");
    }
}
