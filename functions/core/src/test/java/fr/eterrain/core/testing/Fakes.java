package fr.eterrain.core.testing;

import fr.eterrain.core.access.ApiKey;
import fr.eterrain.core.access.ApiKeyStore;
import fr.eterrain.core.access.AuditEntry;
import fr.eterrain.core.access.AuditLog;
import fr.eterrain.core.events.EventPublisher;
import fr.eterrain.core.federation.Federation;
import fr.eterrain.core.federation.FederationRegistry;
import fr.eterrain.core.federation.FederationSeed;
import fr.eterrain.core.mail.EmailMessage;
import fr.eterrain.core.mail.Mailer;
import fr.eterrain.core.ratelimit.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small test doubles for the core's ports. */
public final class Fakes {
    private Fakes() {
    }

    public static final class Federations implements FederationRegistry {
        private final Map<String, Federation> byId = new LinkedHashMap<>();

        public Federations() {
            FederationSeed.load("e-terrain.test", List.of("https://site.example")).forEach(f -> byId.put(f.id(), f));
        }

        @Override
        public Optional<Federation> find(String id) {
            return Optional.ofNullable(id == null ? null : byId.get(id));
        }

        @Override
        public List<Federation> all() {
            return List.copyOf(byId.values());
        }
    }

    public static final class RecordingMailer implements Mailer {
        public final List<EmailMessage> sent = Collections.synchronizedList(new ArrayList<>());
        public volatile MailException failWith;

        @Override
        public String send(EmailMessage message) {
            if (failWith != null) {
                throw failWith;
            }
            sent.add(message);
            return "msg-" + sent.size();
        }
    }

    public static final class CountingRateLimiter implements RateLimiter {
        private final Map<String, Integer> counts = new HashMap<>();

        @Override
        public synchronized boolean allow(String key, int limit, Duration window) {
            return counts.merge(key, 1, Integer::sum) <= limit;
        }
    }

    public static final class RecordingEvents implements EventPublisher {
        public final List<DomainEvent> published = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void publish(List<DomainEvent> events) {
            events.forEach(e -> fr.eterrain.core.validation.Schemas.validate("events/" + e.detailType(), e.detail()));
            published.addAll(events);
        }
    }

    /**
     * Records events like {@link RecordingEvents}, and hands each SignupRequested to the service at once, as the
     * confirmation mailer would; {@code deliver = false} keeps them for a test that runs them itself.
     */
    public static final class SignupBus implements EventPublisher {
        private final RecordingEvents recorded;
        private fr.eterrain.core.contacts.ContactService service;
        public volatile boolean deliver = true;
        public final List<DomainEvent> held = Collections.synchronizedList(new ArrayList<>());

        public SignupBus(RecordingEvents recorded) {
            this.recorded = recorded;
        }

        public void handleSignupsWith(fr.eterrain.core.contacts.ContactService service) {
            this.service = service;
        }

        @Override
        public void publish(List<DomainEvent> events) {
            recorded.publish(events);
            for (DomainEvent e : events) {
                if (e.detailType().equals(fr.eterrain.core.contacts.ContactService.SIGNUP_REQUESTED)) {
                    if (deliver) {
                        service.processSignup(e.detail().get("federation").asText(), e.detail().get("requestId").asText());
                    } else {
                        held.add(e);
                    }
                }
            }
        }

        /** Handles the signups held so far, in order; what each did. */
        public List<fr.eterrain.core.contacts.ContactService.ProcessOutcome> deliverHeld() {
            List<fr.eterrain.core.contacts.ContactService.ProcessOutcome> outcomes = new ArrayList<>();
            List<DomainEvent> now = new ArrayList<>(held);
            held.clear();
            for (DomainEvent e : now) {
                outcomes.add(service.processSignup(e.detail().get("federation").asText(), e.detail().get("requestId").asText()));
            }
            return outcomes;
        }
    }

    /** HQ's blackouts as a plain list a test adds to and clears. */
    public static final class ListBlackouts implements fr.eterrain.core.newsletters.Blackouts {
        public final List<fr.eterrain.core.newsletters.Blackout> list = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void add(fr.eterrain.core.newsletters.Blackout blackout) {
            list.add(blackout);
        }

        @Override
        public boolean remove(String id) {
            return list.removeIf(b -> b.id().equals(id));
        }

        @Override
        public List<fr.eterrain.core.newsletters.Blackout> all() {
            return List.copyOf(list);
        }
    }

    /** Active sends nobody looks at. */
    public static final class NoActiveSends implements fr.eterrain.core.newsletters.ActiveSends {
        @Override
        public void add(String federation, String newsletterId) {
        }

        @Override
        public void remove(String federation, String newsletterId) {
        }

        @Override
        public List<Entry> all() {
            return List.of();
        }
    }

    public static final class Keys implements ApiKeyStore {
        private final Map<String, ApiKey> keys = new HashMap<>();

        @Override
        public synchronized void create(ApiKey key) {
            keys.put(key.keyId(), key);
        }

        @Override
        public synchronized Optional<ApiKey> find(String keyId) {
            return Optional.ofNullable(keys.get(keyId));
        }

        @Override
        public synchronized List<ApiKey> listByScope(String scope) {
            return keys.values().stream().filter(k -> k.scope().equals(scope)).toList();
        }

        @Override
        public synchronized void revoke(String keyId, Instant at) {
            ApiKey k = keys.get(keyId);
            if (k != null && k.revokedAt() == null) {
                keys.put(keyId, new ApiKey(k.keyId(), k.scope(), k.secretHash(), k.label(), k.createdBy(), k.createdAt(), at));
            }
        }
    }

    public static final class Audit implements AuditLog {
        public final List<AuditEntry> entries = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void record(AuditEntry entry) {
            entries.add(entry);
        }

        @Override
        public List<AuditEntry> recent(String federation, int limit) {
            return entries.stream().filter(e -> e.federation().equals(federation)).limit(limit).toList();
        }
    }

    /** A clock tests move by hand. */
    public static final class MutableClock extends Clock {
        private Instant now;

        public MutableClock(Instant start) {
            this.now = start;
        }

        public void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
