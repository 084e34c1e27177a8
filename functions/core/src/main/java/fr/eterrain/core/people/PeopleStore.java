package fr.eterrain.core.people;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** People, their sessions and their pending sign-ins (platform table: see DynamoPeopleStore for the layout). */
public interface PeopleStore {
    /** @throws EmailTaken when the address already belongs to someone */
    void create(Person person, String emailHash);

    void update(Person person);

    Optional<Person> find(String id);

    /** The id of the person with this address, under any of the hash keys. */
    Optional<String> idByEmail(List<String> emailHashes);

    /** Everyone of a home (a federation id or HQ), removed people included. */
    List<Person> list(String home);

    /** Erasure: the person, their address index, sessions and pending sign-in, gone. */
    void erase(String id, List<String> emailHashes);

    void putSession(Session session);

    /** The one read of a request's session check. */
    Optional<Session> session(String personId, String tokenHash);

    void touchSession(String personId, String tokenHash, Instant at);

    void deleteSession(String personId, String tokenHash);

    List<Session> sessions(String personId);

    void putAttempt(SignInAttempt attempt);

    Optional<SignInAttempt> attempt(String personId);

    /** One more wrong code, if the attempt is still at this version; false when it changed meanwhile. */
    boolean recordFailure(String personId, long version);

    /** Uses the attempt up (deletes it), if still at this version: a code or link works once, even when raced. */
    boolean consumeAttempt(String personId, long version);

    final class EmailTaken extends RuntimeException {
        public EmailTaken() {
            super("address already used", null, false, false);
        }
    }
}
