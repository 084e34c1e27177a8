package fr.eterrain.core.contacts;

import fr.eterrain.core.http.ApiException;
import java.util.regex.Pattern;

/**
 * What a first or last name may hold, checked wherever one comes in (signup JSON and form, the federation's
 * corrections, CSV imports): letters of any script with their accents, digits, spaces, hyphens, apostrophes and
 * periods, at most 100 characters. So no URL, no markup, no template braces, no control character or line break
 * ever travels in a name into an email or a page. {@code schemas/signup-request.json} and
 * {@code schemas/contact-patch.json} carry the same pattern.
 */
public final class PersonNames {
    /** The schemas' pattern, character for character (a test keeps them equal). */
    public static final String PATTERN = "^[\\p{L}\\p{M}\\p{Nd}]+(?:[ '’.-]+[\\p{L}\\p{M}\\p{Nd}]+)*[.]?$";
    public static final int MAX_LENGTH = 100;
    private static final Pattern NAME = Pattern.compile(PATTERN);
    /** "exemple.fr", "www.exemple": two words joined by a period read as a web address. */
    private static final Pattern DOMAIN_LIKE = Pattern.compile("[\\p{L}\\p{M}\\p{Nd}]{2,}\\.[\\p{L}\\p{M}]{2,}");

    private PersonNames() {
    }

    /** Why the name is refused, or null when it is acceptable; null names are acceptable (the fields are optional). */
    public static String problem(String name) {
        if (name == null) {
            return null;
        }
        if (name.length() > MAX_LENGTH) {
            return "name longer than " + MAX_LENGTH + " characters";
        }
        if (!NAME.matcher(name).matches() || DOMAIN_LIKE.matcher(name).find()) {
            return "a name holds letters, digits, spaces, hyphens, apostrophes and periods only (no link, markup or line break)";
        }
        return null;
    }

    /** @throws ApiException a 400 naming {@code field} when the name is refused */
    public static String require(String field, String name) {
        String problem = problem(name);
        if (problem != null) {
            throw ApiException.badRequest("invalid_name", field + ": " + problem + ".", field);
        }
        return name;
    }
}
