package fr.eterrain.core.people;

import fr.eterrain.core.access.Access;
import fr.eterrain.core.access.Caller;
import fr.eterrain.core.access.Roles;
import fr.eterrain.core.contacts.EmailAddresses;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.mail.Mailer;
import fr.eterrain.core.security.Ids;
import fr.eterrain.core.security.KeyedHash;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * People and their roles, with the rules: a caller manages the people of a home they may act for (their own
 * federation; HQ any, and HQ's own people) when they hold people:manage; hq-* roles exist at HQ only, federation
 * roles in a federation only (so a coordinator never grants hq-*); a federation always keeps a coordinator unless
 * HQ itself removes the last; removing someone ends their sessions at once. Every refusal changes nothing.
 */
public final class People {
    public static final Duration INVITATION_VALIDITY = Duration.ofDays(7);
    private static final Pattern TOKEN = Pattern.compile("(p[A-Za-z0-9]{12})\\.([A-Za-z0-9_-]{43})");
    private static final String COORDINATOR = "coordinator";

    private final PeopleStore store;
    private final Sessions sessions;
    private final PeopleEmails emails;
    private final Mailer mailer;
    private final Roles roles;
    private final KeyedHash hash;
    private final Clock clock;

    public People(PeopleStore store, Sessions sessions, PeopleEmails emails, Mailer mailer, Roles roles, KeyedHash hash,
                  Clock clock) {
        this.store = store;
        this.sessions = sessions;
        this.emails = emails;
        this.mailer = mailer;
        this.roles = roles;
        this.hash = hash;
        this.clock = clock;
    }

    public record Invitation(Person person, String token) {
    }

    public Roles roles() {
        return roles;
    }

    /** 403 unless the caller holds people:manage for this home. */
    public void requireManager(Caller caller, String home) {
        if (!caller.has("people:manage")) {
            throw ApiException.forbidden("Your role does not allow managing people (people:manage).");
        }
        if (!Access.mayActFor(caller, home)) {
            throw ApiException.forbidden("You may manage the people of your own federation only.");
        }
    }

    public List<Person> list(Caller caller, String home) {
        requireManager(caller, home);
        return store.list(home);
    }

    /** A new person, invited by email; HQ's first admin comes from {@link #bootstrap}. */
    public Invitation invite(Caller caller, String home, String rawEmail, String displayName, String role, boolean send) {
        requireManager(caller, home);
        String email = EmailAddresses.normalize(rawEmail).orElseThrow(() -> ApiException.badRequest("invalid_email",
                "This is not a valid email address.", "email"));
        checkRole(home, role);
        String name = displayName(displayName);
        Instant now = clock.instant();
        String id = newId();
        String token = id + "." + Ids.random(32);
        Person person = new Person(id, email, name, home, role, send, Person.Status.INVITED, caller.actor(),
                caller.displayName(), now, null, invitationHash(token), now.plus(INVITATION_VALIDITY));
        try {
            store.create(person, hash.email(email));
        } catch (PeopleStore.EmailTaken e) {
            throw new ApiException(409, "email_taken", "Someone already has this address on the platform.", "email");
        }
        mailer.send(emails.invitation(person, token));
        return new Invitation(person, token);
    }

    /** An active person made without invitation, by the operator's own tools (make hq-admin, make invite). */
    public Person bootstrap(String home, String rawEmail, String displayName, String role, String by) {
        String email = EmailAddresses.normalize(rawEmail).orElseThrow(() -> new IllegalArgumentException("not an address: " + rawEmail));
        checkRole(home, role);
        Optional<Person> existing = store.idByEmail(hash.emailCandidates(email)).flatMap(store::find);
        if (existing.isPresent()) {
            Person updated = existing.get().withRole(role, true, existing.get().displayName()).withStatus(Person.Status.ACTIVE);
            if (!updated.home().equals(home)) {
                throw new IllegalArgumentException("this address belongs to someone of " + updated.home());
            }
            store.update(updated);
            sessions.refresh(updated);
            return updated;
        }
        Person person = new Person(newId(), email, displayName(displayName), home, role, true, Person.Status.ACTIVE, by,
                null, clock.instant(), null, null, null);
        store.create(person, hash.email(email));
        return person;
    }

    public Person require(Caller caller, String home, String id) {
        requireManager(caller, home);
        // Someone of another home is answered like nobody: ids are not confirmed across federations.
        return store.find(id).filter(p -> p.home().equals(home)).orElseThrow(() -> ApiException.notFound("No such person."));
    }

    public Person patch(Caller caller, String home, String id, String role, Boolean send, String displayName) {
        Person person = require(caller, home, id);
        if (person.status() == Person.Status.REMOVED) {
            throw ApiException.conflict("person_removed", "This person has been removed.");
        }
        String newRole = role == null ? person.role() : role;
        checkRole(home, newRole);
        if (person.role().equals(COORDINATOR) && !newRole.equals(COORDINATOR)) {
            keepACoordinator(caller, person);
        }
        Person updated = person.withRole(newRole, send == null ? person.send() : send,
                displayName == null ? person.displayName() : displayName(displayName));
        store.update(updated);
        sessions.refresh(updated);
        return updated;
    }

    /** Removed: the record stays (who did what stays readable), the sessions end now. */
    public Person remove(Caller caller, String home, String id) {
        Person person = require(caller, home, id);
        if (person.status() != Person.Status.REMOVED) {
            if (person.role().equals(COORDINATOR)) {
                keepACoordinator(caller, person);
            }
            store.update(person.withStatus(Person.Status.REMOVED));
        }
        sessions.endAll(person.id());
        return person.withStatus(Person.Status.REMOVED);
    }

    /** Erasure: nothing of the person is left but the ids in audit entries. */
    public void erase(Caller caller, String home, String id) {
        Person person = require(caller, home, id);
        if (person.role().equals(COORDINATOR) && person.status() != Person.Status.REMOVED) {
            keepACoordinator(caller, person);
        }
        store.erase(person.id(), hash.emailCandidates(person.email()));
    }

    public int endSessions(Caller caller, String home, String id) {
        return sessions.endAll(require(caller, home, id).id());
    }

    public List<Session> sessionsOf(Person person) {
        return store.sessions(person.id());
    }

    /** What the invitation page shows before its button; empty when the token is not a live invitation. */
    public Optional<Person> invitation(String token) {
        var m = token == null ? null : TOKEN.matcher(token);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        return store.find(m.group(1)).filter(p -> p.status() == Person.Status.INVITED && p.inviteHash() != null
                && clock.instant().isBefore(p.inviteExpiresAt())
                && MessageDigest.isEqual(p.inviteHash().getBytes(StandardCharsets.US_ASCII),
                        invitationHash(token).getBytes(StandardCharsets.US_ASCII)));
    }

    /** Accepting activates the person and signs them in; the link then works no more. */
    public SignIn.Completed accept(String token) {
        Person invited = invitation(token).orElseThrow(() -> ApiException.badRequest("invitation_invalid",
                "This invitation is not valid, has expired or was already used.", "token"));
        Person active = invited.signedIn(clock.instant());
        store.update(active);
        return new SignIn.Completed(active, sessions.open(active));
    }

    private void keepACoordinator(Caller caller, Person leaving) {
        if (caller.isHq()) {
            return; // HQ may leave a federation without coordinator for a while: it covers it
        }
        long others = store.list(leaving.home()).stream().filter(p -> !p.id().equals(leaving.id()))
                .filter(p -> p.role().equals(COORDINATOR) && p.status() != Person.Status.REMOVED).count();
        if (others == 0) {
            throw ApiException.conflict("last_coordinator",
                    "A federation keeps at least one coordinator: invite another one first, or ask HQ.");
        }
    }

    private void checkRole(String home, String role) {
        if (role == null || !roles.isRole(role)) {
            throw ApiException.badRequest("unknown_role", "Unknown role; one of " + String.join(", ",
                    roles.matrix().roles().keySet()) + ".", "role");
        }
        if (!roles.rolesFor(home).contains(role)) {
            throw ApiException.badRequest("role_not_allowed", Caller.HQ.equals(home)
                    ? "HQ people have an hq-* role." : "Federation people are coordinators, editors or e-militants; "
                    + "hq-* roles are given at HQ only.", "role");
        }
    }

    private static String displayName(String value) {
        String name = value == null ? "" : value.strip();
        if (name.isEmpty() || name.length() > 80 || name.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("invalid_display_name", "A name of 1 to 80 characters.", "displayName");
        }
        return name;
    }

    private String invitationHash(String token) {
        return hash.of("invitation", token);
    }

    static String newId() {
        String id;
        do {
            id = Ids.random(12).replaceAll("[^A-Za-z0-9]", "");
        } while (id.length() < 12);
        return "p" + id.substring(0, 12);
    }
}
