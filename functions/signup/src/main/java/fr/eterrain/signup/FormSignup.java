package fr.eterrain.signup;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.json.Json;
import java.util.Map;
import java.util.Set;

/** Maps the plain HTML form's fields onto the JSON shape of schemas/signup-request.json. */
final class FormSignup {
    private static final Set<String> TEXT_FIELDS = Set.of("email", "firstName", "lastName", "postalCode", "category", "source", "website");

    private FormSignup() {
    }

    static ObjectNode toJson(Map<String, String> form) {
        ObjectNode body = Json.object();
        for (String field : TEXT_FIELDS) {
            String value = form.get(field);
            if (value != null && !(value.isBlank() && !field.equals("email") && !field.equals("category"))) {
                body.put(field, value.trim());
            }
        }
        ObjectNode consent = body.putObject("consent");
        consent.put("newsletter", checked(form.get("consentNewsletter")));
        consent.put("audienceMeasurement", checked(form.get("consentAudienceMeasurement")));
        String wording = form.get("wordingVersion");
        if (wording != null) {
            consent.put("wordingVersion", wording);
        }
        return body;
    }

    private static boolean checked(String value) {
        return value != null && (value.equals("on") || value.equals("true") || value.equals("1") || value.equals("yes"));
    }

    /** The refusal in words a visitor understands. */
    static String explain(ApiException e) {
        String field = e.field() == null ? "" : e.field();
        if (e.status() == 429) {
            return "Trop de demandes en peu de temps. Réessayez dans quelques minutes.";
        }
        return switch (field) {
            case "email" -> "L'adresse e-mail saisie n'est pas valide.";
            case "category" -> "Indiquez si vous êtes militant·e, sympathisant·e ou curieux·se.";
            case "consent.newsletter" -> "Pour vous inscrire, cochez la case d'acceptation des envois.";
            case "postalCode" -> "Le code postal saisi n'est pas valide.";
            case "firstName" -> "Le prénom ne peut contenir que des lettres, des chiffres, des espaces, des tirets et des apostrophes (100 au plus).";
            case "lastName" -> "Le nom ne peut contenir que des lettres, des chiffres, des espaces, des tirets et des apostrophes (100 au plus).";
            default -> "Le formulaire est incomplet ou contient une valeur non valide.";
        };
    }
}
