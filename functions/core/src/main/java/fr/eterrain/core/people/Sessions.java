package fr.eterrain.core.people;

import fr.eterrain.core.security.Ids;
import fr.eterrain.core.security.KeyedHash;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Session tokens: {@code <personId>.<256-bit secret>}; only the keyed hash of the whole token is stored, under the
 * person, so a check is one read (by key) and ending someone's sessions is one query. A session lasts 12 hours idle
 * and 7 days at most; its last use is written at most every 5 minutes (a write, never a second read).
 */
public final class Sessions {
    public static final Duration IDLE = Duration.ofHours(12);
    public static final Duration MAX = Duration.ofDays(7);
    static final Duration TOUCH_EVERY = Duration.ofMinutes(5);
    private static final Pattern TOKEN = Pattern.compile("(p[A-Za-z0-9]{12})\\.([A-Za-z0-9_-]{43})");

    private final PeopleStore store;
    private final KeyedHash hash;
    private final Clock clock;

    public Sessions(PeopleStore store, KeyedHash hash, Clock clock) {
        this.store = store;
        this.hash = hash;
        this.clock = clock;
    }

    public record Opened(String token, Session session) {
    }

    public Opened open(Person person) {
        String token = person.id() + "." + Ids.random(32);
        Instant now = clock.instant();
        Session session = new Session(person.id(), tokenHash(token), person.role(), person.home(), person.send(),
                person.displayName(), now, now, now.plus(MAX));
        store.putSession(session);
        return new Opened(token, session);
    }

    /** The live session of this token, or empty (malformed, forged, ended, idle too long, too old). */
    public Optional<Session> check(String token) {
        if (token == null) {
            return Optional.empty();
        }
        var m = TOKEN.matcher(token);
        if (!m.matches()) {
            return Optional.empty();
        }
        String personId = m.group(1);
        String tokenHash = tokenHash(token);
        Optional<Session> found = store.session(personId, tokenHash);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Session session = found.get();
        Instant now = clock.instant();
        if (!now.isBefore(session.expiresAt()) || !now.isBefore(session.lastSeenAt().plus(IDLE))) {
            return Optional.empty(); // over: the table's TTL removes it (no delete: checking functions only read and touch)
        }
        if (!now.isBefore(session.lastSeenAt().plus(TOUCH_EVERY))) {
            store.touchSession(personId, tokenHash, now);
            session = session.seen(now);
        }
        return Optional.of(session);
    }

    public void end(Session session) {
        store.deleteSession(session.personId(), session.tokenHash());
    }

    /** Every session of this person, at once (sign out everywhere, removal). */
    public int endAll(String personId) {
        var all = store.sessions(personId);
        all.forEach(s -> store.deleteSession(personId, s.tokenHash()));
        return all.size();
    }

    /** A person's role, send right or name changed: their open sessions carry the new ones from now on. */
    public void refresh(Person person) {
        for (Session s : store.sessions(person.id())) {
            store.putSession(new Session(s.personId(), s.tokenHash(), person.role(), person.home(), person.send(),
                    person.displayName(), s.createdAt(), s.lastSeenAt(), s.expiresAt()));
        }
    }

    private String tokenHash(String token) {
        return hash.of("session", token);
    }
}
