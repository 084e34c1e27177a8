package fr.eterrain.local.console;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every console screen of the coordinator's everyday work: drawn, axe-core clean, pictured at 1280 and 390 px. */
@ExtendWith(ConsoleBrowser.class)
class ConsoleScreensIT {

    @Test
    void theSignInScreen(ConsoleBrowser browser) {
        browser.signOutQuietly();
        browser.open("/connexion");
        browser.waitForText("Se connecter à e-terrain");
        assertTrue(browser.find("#email").getAttribute("autocomplete").equals("email"));
        browser.axe("sign-in");
        browser.screenshot("console-sign-in");
        browser.button("Recevoir un code").click();
        browser.waitForText("Saisissez votre adresse électronique.");
        browser.axe("sign-in with an error");
        browser.screenshot("console-sign-in-error");
    }
}
