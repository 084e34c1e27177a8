package fr.eterrain.core.federation;

import fr.eterrain.core.http.ApiException;
import java.util.List;
import java.util.Optional;

/** Where federations are looked up. An unknown id is a 404 everywhere. */
public interface FederationRegistry {
    Optional<Federation> find(String id);

    List<Federation> all();

    default Federation require(String id) {
        return find(id).orElseThrow(() -> ApiException.notFound("Unknown federation: " + sanitize(id) + "."));
    }

    /** Ids are short codes; anything else is not echoed back as is. */
    static String sanitize(String id) {
        return id != null && id.matches("[0-9A-Za-z]{1,4}") ? id : "?";
    }
}
