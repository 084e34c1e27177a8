package fr.eterrain.core.newsletters;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** HQ's blackout windows. */
public interface Blackouts {
    void add(Blackout blackout);

    boolean remove(String id);

    List<Blackout> all();

    default Optional<Blackout> covering(String federation, Instant at) {
        return all().stream().filter(b -> b.covers(federation, at)).findFirst();
    }
}
