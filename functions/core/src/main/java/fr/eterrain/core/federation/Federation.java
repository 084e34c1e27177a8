package fr.eterrain.core.federation;

import fr.eterrain.core.brand.Brand;
import java.util.List;
import java.util.Map;

/** One of the 102 federations. */
public record Federation(String id, String name, String senderAddress, List<String> allowedOrigins,
                         Map<String, String> brandOverrides) {

    public Brand brand() {
        return Brand.forFederation(brandOverrides);
    }

    /** "Fédération de l'Ain (01)" style label for pages and emails. */
    public String displayName() {
        return "Fédération " + name + " (" + id + ")";
    }

    public boolean allowsOrigin(String origin) {
        return origin != null && allowedOrigins.contains(origin);
    }
}
