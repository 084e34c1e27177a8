package fr.eterrain.core.people;

import fr.eterrain.core.contacts.EmailAddresses;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.mail.Mailer;
import fr.eterrain.core.ratelimit.RateLimiter;
import fr.eterrain.core.security.Ids;
import fr.eterrain.core.security.KeyedHash;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Passwordless sign-in. A request mails a 6-digit code and a link, both valid 10 minutes, single use; an unknown,
 * invited-but-not-yet-accepted or removed address gets the very same answer and no email. Five wrong codes lock the
 * attempt (ask again). Requests are limited per address and per source; code checks per source too. The link's
 * page in the console posts the token: a GET never signs anyone in, so mail scanners cannot.
 */
public final class SignIn {
    public static final Duration VALIDITY = Duration.ofMinutes(10);
    public static final int MAX_FAILURES = 5;
    private static final Pattern CODE = Pattern.compile("[0-9]{6}");
    private static final Pattern LINK = Pattern.compile("(p[A-Za-z0-9]{12})\\.([A-Za-z0-9_-]{43})");

    private final PeopleStore store;
    private final Sessions sessions;
    private final PeopleEmails emails;
    private final Mailer mailer;
    private final RateLimiter limiter;
    private final KeyedHash hash;
    private final Clock clock;
    private final Limits limits;

    /** perAddress: sign-in emails per address per hour; perSource: requests (and code checks) per source per 10 min. */
    public record Limits(int perAddress, int perSource) {
        public static final Limits DEFAULT = new Limits(5, 30);
    }

    public SignIn(PeopleStore store, Sessions sessions, PeopleEmails emails, Mailer mailer, RateLimiter limiter,
                  KeyedHash hash, Clock clock, Limits limits) {
        this.store = store;
        this.sessions = sessions;
        this.emails = emails;
        this.mailer = mailer;
        this.limiter = limiter;
        this.hash = hash;
        this.clock = clock;
        this.limits = limits;
    }

    public record Completed(Person person, Sessions.Opened session) {
    }

    /** Always the same answer when it returns; 429 past the limits; 400 for something that is not an address. */
    public void request(String rawEmail, String source) {
        String email = EmailAddresses.normalize(rawEmail).orElseThrow(() -> ApiException.badRequest("invalid_email",
                "This is not a valid email address.", "email"));
        limitSource(source);
        if (!limiter.allow("signin-address:" + hash.email(email), limits.perAddress(), Duration.ofHours(1))) {
            throw ApiException.tooMany("Too many sign-in requests for this address: wait a little and try again.");
        }
        Optional<Person> person = store.idByEmail(hash.emailCandidates(email)).flatMap(store::find)
                .filter(Person::active);
        if (person.isEmpty()) {
            return; // the same answer, no email: nobody learns who has an account
        }
        Person p = person.get();
        String code = String.format("%06d", Ids.randomInt(1_000_000));
        String link = p.id() + "." + Ids.random(32);
        Instant expires = clock.instant().plus(VALIDITY);
        long version = store.attempt(p.id()).map(a -> a.version() + 1).orElse(1L);
        store.putAttempt(new SignInAttempt(p.id(), codeHash(p.id(), code), linkHash(link), expires, 0, version));
        mailer.send(emails.signIn(p, code, link));
    }

    /** The code typed by the person, for the address they typed. */
    public Completed withCode(String rawEmail, String code, String source) {
        limitSource(source);
        String email = EmailAddresses.normalize(rawEmail).orElseThrow(() -> ApiException.badRequest("invalid_email",
                "This is not a valid email address.", "email"));
        if (code == null || !CODE.matcher(code).matches()) {
            throw ApiException.badRequest("invalid_code", "The code has 6 digits.", "code");
        }
        Optional<Person> person = store.idByEmail(hash.emailCandidates(email)).flatMap(store::find).filter(Person::active);
        Optional<SignInAttempt> attempt = person.flatMap(p -> store.attempt(p.id()));
        if (attempt.isEmpty()) {
            // Unknown address, or no code asked: the answer of a wrong code, so nothing is revealed.
            throw invalidCode();
        }
        SignInAttempt a = attempt.get();
        if (a.failures() >= MAX_FAILURES) {
            throw ApiException.badRequest("attempt_locked", "Too many wrong codes: ask for a new code.", "code");
        }
        if (!clock.instant().isBefore(a.expiresAt())) {
            throw ApiException.badRequest("code_expired", "This code has expired: ask for a new one.", "code");
        }
        if (!same(a.codeHash(), codeHash(a.personId(), code))) {
            store.recordFailure(a.personId(), a.version());
            if (a.failures() + 1 >= MAX_FAILURES) {
                throw ApiException.badRequest("attempt_locked", "Too many wrong codes: ask for a new code.", "code");
            }
            throw invalidCode();
        }
        if (!store.consumeAttempt(a.personId(), a.version())) {
            throw invalidCode(); // used or changed meanwhile
        }
        return complete(person.get());
    }

    /** The token of the emailed link, posted by the console's page. */
    public Completed withLink(String token, String source) {
        limitSource(source);
        var m = token == null ? null : LINK.matcher(token);
        if (m == null || !m.matches()) {
            throw linkInvalid();
        }
        String personId = m.group(1);
        Optional<Person> person = store.find(personId).filter(Person::active);
        SignInAttempt a = person.flatMap(p -> store.attempt(personId)).orElseThrow(SignIn::linkInvalid);
        if (!clock.instant().isBefore(a.expiresAt()) || a.failures() >= MAX_FAILURES || !same(a.linkHash(), linkHash(token))
                || !store.consumeAttempt(personId, a.version())) {
            throw linkInvalid();
        }
        return complete(person.get());
    }

    private Completed complete(Person person) {
        Person signedIn = person.signedIn(clock.instant());
        store.update(signedIn);
        return new Completed(signedIn, sessions.open(signedIn));
    }

    private void limitSource(String source) {
        if (!limiter.allow("signin-source:" + hash.of("ip", source == null ? "-" : source), limits.perSource(),
                Duration.ofMinutes(10))) {
            throw ApiException.tooMany("Too many sign-in attempts from here: wait a few minutes and try again.");
        }
    }

    private static ApiException invalidCode() {
        return ApiException.badRequest("invalid_code", "This code is not the one we sent.", "code");
    }

    private static ApiException linkInvalid() {
        return ApiException.badRequest("link_invalid", "This sign-in link is not valid, has expired or was already used: "
                + "ask for a new one.", "token");
    }

    private String codeHash(String personId, String code) {
        return hash.of("signin-code", personId + ":" + code);
    }

    private String linkHash(String token) {
        return hash.of("signin-link", token);
    }

    private static boolean same(String a, String b) {
        return a != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
