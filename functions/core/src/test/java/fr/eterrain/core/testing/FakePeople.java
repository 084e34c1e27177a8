package fr.eterrain.core.testing;

import fr.eterrain.core.people.PeopleStore;
import fr.eterrain.core.people.Person;
import fr.eterrain.core.people.Session;
import fr.eterrain.core.people.SignInAttempt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** People in memory, counting the session reads (the one read a request's session check may cost). */
public final class FakePeople implements PeopleStore {
    private final Map<String, Person> people = new HashMap<>();
    private final Map<String, String> emails = new HashMap<>();
    private final Map<String, Session> sessions = new HashMap<>();
    private final Map<String, SignInAttempt> attempts = new HashMap<>();
    public final AtomicInteger sessionReads = new AtomicInteger();
    public final AtomicInteger sessionWrites = new AtomicInteger();

    @Override
    public synchronized void create(Person person, String emailHash) {
        if (emails.containsKey(emailHash)) {
            throw new EmailTaken();
        }
        emails.put(emailHash, person.id());
        people.put(person.id(), person);
    }

    @Override
    public synchronized void update(Person person) {
        people.put(person.id(), person);
    }

    @Override
    public synchronized Optional<Person> find(String id) {
        return Optional.ofNullable(people.get(id));
    }

    @Override
    public synchronized Optional<String> idByEmail(List<String> hashes) {
        return hashes.stream().map(emails::get).filter(java.util.Objects::nonNull).findFirst();
    }

    @Override
    public synchronized List<Person> list(String home) {
        return people.values().stream().filter(p -> p.home().equals(home)).toList();
    }

    @Override
    public synchronized void erase(String id, List<String> hashes) {
        people.remove(id);
        hashes.forEach(emails::remove);
        sessions.values().removeIf(s -> s.personId().equals(id));
        attempts.remove(id);
    }

    @Override
    public synchronized void putSession(Session session) {
        sessionWrites.incrementAndGet();
        sessions.put(session.personId() + "/" + session.tokenHash(), session);
    }

    @Override
    public synchronized Optional<Session> session(String personId, String tokenHash) {
        sessionReads.incrementAndGet();
        return Optional.ofNullable(sessions.get(personId + "/" + tokenHash));
    }

    @Override
    public synchronized void touchSession(String personId, String tokenHash, Instant at) {
        sessionWrites.incrementAndGet();
        sessions.computeIfPresent(personId + "/" + tokenHash, (k, s) -> s.seen(at));
    }

    @Override
    public synchronized void deleteSession(String personId, String tokenHash) {
        sessions.remove(personId + "/" + tokenHash);
    }

    @Override
    public synchronized List<Session> sessions(String personId) {
        return new ArrayList<>(sessions.values().stream().filter(s -> s.personId().equals(personId)).toList());
    }

    @Override
    public synchronized void putAttempt(SignInAttempt attempt) {
        attempts.put(attempt.personId(), attempt);
    }

    @Override
    public synchronized Optional<SignInAttempt> attempt(String personId) {
        return Optional.ofNullable(attempts.get(personId));
    }

    @Override
    public synchronized boolean recordFailure(String personId, long version) {
        SignInAttempt a = attempts.get(personId);
        if (a == null || a.version() != version) {
            return false;
        }
        attempts.put(personId, new SignInAttempt(personId, a.codeHash(), a.linkHash(), a.expiresAt(), a.failures() + 1,
                version + 1));
        return true;
    }

    @Override
    public synchronized boolean consumeAttempt(String personId, long version) {
        SignInAttempt a = attempts.get(personId);
        if (a == null || a.version() != version) {
            return false;
        }
        attempts.remove(personId);
        return true;
    }
}
