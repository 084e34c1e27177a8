package fr.eterrain.federations;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.brand.Brand;
import fr.eterrain.core.contacts.ConsentWordings;
import fr.eterrain.core.contacts.Links;
import fr.eterrain.core.federation.Federation;
import fr.eterrain.core.html.Html;

/**
 * The snippet a federation website pastes: a plain form (works without JavaScript), labelled fields, the
 * consent wording of the current version, the optional audience-measurement consent apart, a honeypot, and the
 * federation's form token, so the signup route takes its posts from any site it is pasted on.
 */
final class SignupForm {
    private SignupForm() {
    }

    /** @param formToken the federation's snippet token ({@link fr.eterrain.core.contacts.SignupForms}) */
    static String html(Federation federation, Links links, String formToken) {
        Brand brand = federation.brand();
        String version = ConsentWordings.current();
        JsonNode wording = ConsentWordings.version(version).orElseThrow();
        String id = "et-" + federation.id().toLowerCase();
        return """
                <!-- e-terrain signup form: %s. Paste as is; it posts to e-terrain and returns to a thank-you page. -->
                <form class="et-signup" id="%s" method="post" action="%s" accept-charset="utf-8"
                      style="font-family:%s;max-width:480px;display:grid;gap:12px">
                  <div><label for="%s-email">Adresse e-mail (obligatoire)</label><br>
                    <input id="%s-email" name="email" type="email" required autocomplete="email" maxlength="254" style="width:100%%"></div>
                  <div><label for="%s-first">Prénom (facultatif)</label><br>
                    <input id="%s-first" name="firstName" type="text" autocomplete="given-name" maxlength="100" style="width:100%%"></div>
                  <div><label for="%s-last">Nom (facultatif)</label><br>
                    <input id="%s-last" name="lastName" type="text" autocomplete="family-name" maxlength="100" style="width:100%%"></div>
                  <div><label for="%s-cp">Code postal (facultatif)</label><br>
                    <input id="%s-cp" name="postalCode" type="text" inputmode="numeric" autocomplete="postal-code" maxlength="10"></div>
                  <fieldset><legend>Vous êtes (obligatoire)</legend>
                    <label><input type="radio" name="category" value="militant" required> Militant·e</label>
                    <label><input type="radio" name="category" value="sympathisant"> Sympathisant·e</label>
                    <label><input type="radio" name="category" value="curieux"> Curieux·se</label>
                  </fieldset>
                  <div><input id="%s-nl" name="consentNewsletter" type="checkbox" value="on" required>
                    <label for="%s-nl">%s</label></div>
                  <div><input id="%s-am" name="consentAudienceMeasurement" type="checkbox" value="on">
                    <label for="%s-am">%s</label></div>
                  <div aria-hidden="true" style="position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden">
                    <label for="%s-website">Ne pas remplir</label>
                    <input id="%s-website" name="website" type="text" tabindex="-1" autocomplete="off"></div>
                  <input type="hidden" name="wordingVersion" value="%s">
                  <input type="hidden" name="formToken" value="%s">
                  <input type="hidden" name="source" value="site-web">
                  <p style="font-size:.85em">%s</p>
                  <button type="submit" style="background:%s;color:#fff;border:0;border-radius:6px;padding:10px 18px">Je m'inscris</button>
                </form>
                """.formatted(Html.escape(federation.displayName()), id, Html.escape(links.signups(federation.id())),
                brand.fontFamily(), id, id, id, id, id, id, id, id, id, id, Html.escape(wording.path("newsletter").asText()),
                id, id, Html.escape(wording.path("audienceMeasurement").asText()), id, id, Html.escape(version),
                Html.escape(formToken), Html.escape(wording.path("information").asText()), brand.accentColor());
    }
}
