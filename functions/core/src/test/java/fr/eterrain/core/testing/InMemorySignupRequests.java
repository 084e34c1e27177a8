package fr.eterrain.core.testing;

import fr.eterrain.core.contacts.PendingSignup;
import fr.eterrain.core.contacts.SignupRequests;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Stored signup requests in memory, copied on the way in and out. */
public final class InMemorySignupRequests implements SignupRequests {
    public final Map<String, Stored> requests = new HashMap<>();

    @Override
    public synchronized void save(String federation, String requestId, Stored request) {
        requests.put(federation + "/" + requestId, copy(request));
    }

    @Override
    public synchronized Optional<Stored> find(String federation, String requestId) {
        return Optional.ofNullable(requests.get(federation + "/" + requestId)).map(InMemorySignupRequests::copy);
    }

    @Override
    public synchronized void delete(String federation, String requestId) {
        requests.remove(federation + "/" + requestId);
    }

    private static Stored copy(Stored s) {
        return new Stored(s.email(), PendingSignup.fromJson(s.pending().toJson()));
    }
}
