package fr.eterrain.core.newsletters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.contacts.ContactStore;
import fr.eterrain.core.contacts.EmailAddresses;
import fr.eterrain.core.events.EventPublisher;
import fr.eterrain.core.events.EventPublisher.DomainEvent;
import fr.eterrain.core.federation.Federation;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.mail.EmailMessage;
import fr.eterrain.core.mail.Mailer;
import fr.eterrain.core.ratelimit.RateLimiter;
import fr.eterrain.core.security.Ids;
import fr.eterrain.core.security.KeyedHash;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/** What a coordinator does with newsletters: draft, preview, count the audience, test, send, follow, cancel. */
public final class NewsletterService {
    public static final String EVENT_SOURCE = "eterrain.newsletters";
    public static final String SEND_REQUESTED = "NewsletterSendRequested";
    public static final String DISPATCH_CONTINUE = "NewsletterDispatchContinue";
    /** Test emails a federation may send per hour, all its newsletters together. */
    public static final int TEST_SENDS_PER_HOUR = 20;
    /** The second part of a test email's message header: feedback counts its bounces and complaints. */
    public static final String TEST_KIND = "test";
    private static final DateTimeFormatter PARIS = DateTimeFormatter.ofPattern("d MMMM yyyy 'à' HH'h'mm", Locale.FRENCH)
            .withZone(java.time.ZoneId.of("Europe/Paris"));

    private final NewsletterStore store;
    private final ContactStore contacts;
    private final NewsletterRenderer renderer;
    private final Mailer mailer;
    private final Blackouts blackouts;
    private final ActiveSends active;
    private final Reputation reputation;
    private final EventPublisher events;
    private final Clock clock;
    private final RateLimiter rateLimiter;
    private final KeyedHash hash;

    public NewsletterService(NewsletterStore store, ContactStore contacts, NewsletterRenderer renderer, Mailer mailer,
                             Blackouts blackouts, ActiveSends active, Reputation reputation, EventPublisher events, Clock clock,
                             RateLimiter rateLimiter, KeyedHash hash) {
        this.store = store;
        this.contacts = contacts;
        this.renderer = renderer;
        this.mailer = mailer;
        this.blackouts = blackouts;
        this.active = active;
        this.reputation = reputation;
        this.events = events;
        this.clock = clock;
        this.rateLimiter = rateLimiter;
        this.hash = hash;
    }

    /** From a body validated against schemas/newsletter-draft.json. */
    public Newsletter create(Federation federation, JsonNode draft) {
        Instant now = clock.instant();
        Newsletter nl = new Newsletter();
        nl.setId("n" + Ids.random(9).replace('-', 'x').replace('_', 'y'));
        nl.setCreatedAt(now);
        apply(nl, draft, now);
        store.create(federation.id(), nl);
        return nl;
    }

    public Newsletter get(Federation federation, String id) {
        return store.find(federation.id(), id).orElseThrow(() -> ApiException.notFound("No such newsletter."));
    }

    public List<Newsletter> list(Federation federation, int limit) {
        return store.list(federation.id(), limit);
    }

    /** Editing is for drafts only: what is scheduled or sending is what people will receive. */
    public Newsletter update(Federation federation, String id, JsonNode draft) {
        Newsletter nl = get(federation, id);
        if (nl.getState() != NewsletterState.DRAFT) {
            throw ApiException.conflict("not_a_draft", "This newsletter is " + nl.getState().wire()
                    + ": only drafts can be edited (cancel a scheduled send first).");
        }
        apply(nl, draft, clock.instant());
        if (!store.update(federation.id(), nl)) {
            throw ApiException.conflict("concurrent_update", "The newsletter changed while saving; reload and retry.");
        }
        return nl;
    }

    private static void apply(Newsletter nl, JsonNode draft, Instant now) {
        Blocks.requireHttps(draft.get("blocks"));
        nl.setSubject(draft.get("subject").asText());
        nl.setPreheader(draft.hasNonNull("preheader") ? draft.get("preheader").asText() : null);
        nl.setBlocks(draft.get("blocks"));
        nl.setSegment(Segment.fromJson(draft.get("segment")));
        nl.setLinks(Blocks.links(draft.get("blocks")));
        nl.setUpdatedAt(now);
    }

    public String previewHtml(Federation federation, String id) {
        return renderer.render(federation, get(federation, id), Recipient.sample("apercu@example.org")).html();
    }

    public long audience(Federation federation, Segment segment) {
        AtomicLong count = new AtomicLong();
        contacts.forEach(federation.id(), c -> {
            if (segment.includes(c)) {
                count.incrementAndGet();
            }
        });
        return count.get();
    }

    /** What a test send did: emails sent, and addresses skipped because they are suppressed. */
    public record TestSend(int sent, int skipped) {
    }

    /**
     * Sends the rendering to a few given addresses, marked as a test, without tracking or list headers, under the
     * same safeguards as a real send: not during a blackout or a reputation pause, never to a suppressed address
     * (bounced, complained, erased), and at most {@value #TEST_SENDS_PER_HOUR} an hour per federation.
     */
    public TestSend testSend(Federation federation, String id, JsonNode addresses) {
        Newsletter nl = get(federation, id);
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (JsonNode a : addresses) {
            unique.add(EmailAddresses.normalize(a.asText())
                    .orElseThrow(() -> ApiException.badRequest("invalid_email", "Not a valid address: test recipients.", "addresses")));
        }
        Instant now = clock.instant();
        refuseDuringBlackoutOrPause(federation, now);
        List<String> to = new ArrayList<>();
        for (String address : unique) {
            if (contacts.findEmailAny(federation.id(), hash.emailCandidates(address)).map(e -> e.isSuppressed()).orElse(false)) {
                continue;
            }
            to.add(address);
        }
        for (int i = 0; i < to.size(); i++) {
            // Every allowance is taken before anything leaves: a refused request sends nothing.
            if (!rateLimiter.allow("test-send:" + federation.id(), TEST_SENDS_PER_HOUR, Duration.ofHours(1))) {
                throw ApiException.tooMany("At most " + TEST_SENDS_PER_HOUR + " test emails an hour per federation: try again later.");
            }
        }
        for (String address : to) {
            EmailMessage message = renderer.render(federation, nl, Recipient.sample(address));
            Map<String, String> headers = new LinkedHashMap<>(message.headers());
            headers.put(NewsletterRenderer.MESSAGE_HEADER, federation.id() + "." + TEST_KIND + "." + nl.getId());
            mailer.send(new EmailMessage(message.from(), message.to(), "[TEST] " + message.subject(),
                    message.html(), message.text(), headers));
        }
        return new TestSend(to.size(), unique.size() - to.size());
    }

    private void refuseDuringBlackoutOrPause(Federation federation, Instant when) {
        blackouts.covering(federation.id(), when).ifPresent(b -> {
            throw ApiException.conflict("blackout", "No newsletter may leave between " + PARIS.format(b.start()) + " and "
                    + PARIS.format(b.end()) + " (" + b.reason() + "). Choose another time.");
        });
        reputation.paused(federation.id()).ifPresent(reason -> {
            throw ApiException.conflict("sending_paused", reason);
        });
    }

    /** Schedules the send (now, or at a given instant) and hands it to the dispatcher through the bus. */
    public Newsletter send(Federation federation, String id, Instant at) {
        Newsletter nl = get(federation, id);
        if (nl.getState() != NewsletterState.DRAFT) {
            throw ApiException.conflict("already_sent", "This newsletter is already " + nl.getState().wire() + ".");
        }
        Instant now = clock.instant();
        Instant when = at == null || at.isBefore(now) ? now : at;
        if (at != null && at.isAfter(now.plus(Duration.ofDays(365)))) {
            throw ApiException.badRequest("invalid_time", "A send can be scheduled at most a year ahead.", "at");
        }
        refuseDuringBlackoutOrPause(federation, when);
        long audience = audience(federation, nl.getSegment());
        if (audience == 0) {
            throw ApiException.badRequest("empty_segment", "No confirmed, subscribed contact matches this audience.", "segment");
        }
        nl.setState(NewsletterState.SCHEDULED);
        nl.setScheduledAt(when);
        nl.setUpdatedAt(now);
        if (!store.update(federation.id(), nl)) {
            throw ApiException.conflict("concurrent_update", "The newsletter changed meanwhile; reload and retry.");
        }
        active.add(federation.id(), id);
        if (!when.isAfter(now)) {
            events.publish(List.of(dispatchEvent(SEND_REQUESTED, federation.id(), id)));
        }
        return nl;
    }

    public Newsletter cancel(Federation federation, String id) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Newsletter nl = get(federation, id);
            if (nl.getState() == NewsletterState.CANCELLED) {
                return nl;
            }
            if (nl.getState().finished() || nl.getState() == NewsletterState.DRAFT) {
                throw ApiException.conflict("not_cancellable", "A " + nl.getState().wire() + " newsletter cannot be cancelled.");
            }
            nl.setState(NewsletterState.CANCELLED);
            nl.setFinishedAt(clock.instant());
            nl.setUpdatedAt(clock.instant());
            if (store.update(federation.id(), nl)) {
                active.remove(federation.id(), id);
                return nl;
            }
        }
        throw ApiException.conflict("concurrent_update", "The newsletter kept changing; retry.");
    }

    public static DomainEvent dispatchEvent(String type, String federation, String newsletterId) {
        ObjectNode detail = Json.object();
        detail.put("federation", federation);
        detail.put("newsletterId", newsletterId);
        return new DomainEvent(EVENT_SOURCE, type, detail);
    }
}
