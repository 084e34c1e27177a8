package fr.eterrain.core.tracking;

import com.fasterxml.jackson.databind.node.ArrayNode;
import fr.eterrain.core.json.Json;
import java.time.Instant;
import java.util.List;

/** The per-person tracking events held on a contact, for the right of access (art. 15): what, which newsletter, when. */
public interface TrackingHistory {

    /** @param event {@code OPEN}, {@code CLICK} (first click), {@code CLICK#<i>} (first click on link i) or {@code UNSUB} */
    record Event(String newsletterId, String event, Instant at) {
    }

    List<Event> of(String federation, String contactId);

    static ArrayNode view(List<Event> events) {
        ArrayNode out = Json.array();
        events.forEach(e -> {
            var node = out.addObject();
            node.put("newsletterId", e.newsletterId());
            node.put("event", e.event());
            node.put("at", e.at() == null ? null : e.at().toString());
        });
        return out;
    }
}
