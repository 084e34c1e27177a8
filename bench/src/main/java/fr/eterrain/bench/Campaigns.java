package fr.eterrain.bench;

import fr.eterrain.core.Platform;
import fr.eterrain.core.contacts.Contact;
import fr.eterrain.core.contacts.ContactStatus;
import fr.eterrain.core.federation.Federation;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.newsletters.Dispatcher;
import fr.eterrain.core.newsletters.Newsletter;
import fr.eterrain.core.newsletters.NewsletterService;
import fr.eterrain.core.security.Ids;
import fr.eterrain.core.store.dynamo.DynamoContactStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Confirmed contacts and a newsletter sent to them, built through the platform's own services and stores. */
final class Campaigns {
    private Campaigns() {
    }

    /**
     * {@code count} confirmed, subscribed contacts tagged {@code tag}; half of them consent to audience measurement.
     * Loaded in batches (the store's bulk load), as the benchmark times the sending, not 100,000 signups.
     */
    static void seed(Platform platform, String federation, String tag, int count) throws Exception {
        DynamoContactStore store = (DynamoContactStore) platform.contacts();
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int part = t;
                parts.add(pool.submit(() -> {
                    List<Contact> batch = new ArrayList<>();
                    for (int i = part; i < count; i += threads) {
                        batch.add(contact(platform, tag, tag + "-" + i + "@example.org", i % 2 == 0));
                        if (batch.size() == 480) {
                            store.load(federation, batch);
                            batch.clear();
                        }
                    }
                    store.load(federation, batch);
                    return null;
                }));
            }
            for (Future<?> f : parts) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Contact contact(Platform platform, String tag, String email, boolean audience) {
        Instant now = platform.clock().instant();
        Contact c = new Contact();
        c.setId(Ids.contact());
        c.setEmail(email);
        c.setEmailHash(platform.hash().email(email));
        c.setFirstName("Camille");
        c.setPostalCode("13001");
        c.setTags(List.of(tag));
        c.setStatus(ContactStatus.ACTIVE);
        c.setNewsletterConsent(true);
        c.setAudienceConsent(audience);
        c.setWordingVersion("bench");
        c.setSource("bench");
        c.setOrigin("bench");
        c.setCreatedAt(now);
        c.setUpdatedAt(now);
        c.setConfirmedAt(now);
        c.setLastActiveAt(now);
        return c;
    }

    /** A newsletter of the usual shape (heading, text with a link, button) to the tagged contacts, sent now. */
    static String send(Platform platform, String federation, String tag) {
        // No event bus here: the benchmark runs the dispatcher itself, on its own thread, where it can time it.
        NewsletterService service = platform.newsletterService(events -> { });
        Federation fed = platform.federations().find(federation).orElseThrow();
        Newsletter nl = service.create(fed, Json.parse("""
                {"subject":"Réunion publique jeudi","preheader":"Venez nombreux",
                 "segment":{"tags":["%s"]},
                 "blocks":[{"type":"heading","text":"Bonjour {{firstName}}"},
                           {"type":"text","markdown":"Lisez [notre programme](https://example.org/programme) et **partagez-le**."},
                           {"type":"button","label":"Je participe","url":"https://example.org/reunion"}]}
                """.formatted(tag)));
        service.send(fed, nl.getId(), null);
        return nl.getId();
    }

    /** Runs the dispatcher as Lambda would (again when it says so) until the newsletter is sent. */
    static void dispatch(Platform platform, String federation, String newsletterId) throws InterruptedException {
        dispatch(platform.dispatcher(), federation, newsletterId);
    }

    static void dispatch(Dispatcher dispatcher, String federation, String newsletterId) throws InterruptedException {
        for (int round = 0; round < 100; round++) {
            Dispatcher.Outcome outcome = dispatcher.run(federation, newsletterId, "bench-" + round);
            if (outcome == Dispatcher.Outcome.FINISHED) {
                return;
            }
        }
        throw new IllegalStateException("newsletter " + newsletterId + " not finished after 100 dispatcher runs");
    }
}
