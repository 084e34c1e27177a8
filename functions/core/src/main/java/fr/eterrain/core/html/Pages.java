package fr.eterrain.core.html;

import fr.eterrain.core.federation.Federation;
import fr.eterrain.core.http.HttpResponse;

/** Short branded pages for the public links: a title and a few sentences, in French. */
public final class Pages {
    private Pages() {
    }

    public static HttpResponse message(int status, Federation federation, String title, String... paragraphs) {
        StringBuilder body = new StringBuilder();
        for (String p : paragraphs) {
            body.append("<p>").append(Html.escape(p)).append("</p>");
        }
        return HttpResponse.html(status, Layout.page(federation, title, body.toString()));
    }

    public static HttpResponse invalidLink(int status) {
        return message(status, null, "Ce lien n'est pas valide",
                "Le lien que vous avez suivi est incomplet ou a été modifié. Vérifiez qu'il a été copié en entier depuis l'e-mail reçu.");
    }

    public static HttpResponse expiredLink(String what) {
        return message(410, null, "Ce lien a expiré",
                "Ce lien pour " + what + " n'est plus valable. Vous pouvez en obtenir un nouveau depuis un e-mail plus récent, "
                        + "ou écrire à la fédération qui vous a contacté·e.");
    }
}
