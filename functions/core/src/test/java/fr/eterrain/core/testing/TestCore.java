package fr.eterrain.core.testing;

import fr.eterrain.core.contacts.ConfirmationEmails;
import fr.eterrain.core.contacts.ContactAdmin;
import fr.eterrain.core.contacts.ContactImport;
import fr.eterrain.core.contacts.ContactService;
import fr.eterrain.core.contacts.Links;
import fr.eterrain.core.contacts.SignupForms;
import fr.eterrain.core.security.KeyedHash;
import fr.eterrain.core.security.TokenCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The contacts core wired over in-memory fakes, for unit tests of rules and handlers. */
public final class TestCore {
    public static final String BASE_URL = "https://api.e-terrain.test";
    public final Fakes.MutableClock clock = new Fakes.MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    public final InMemoryContactStore store = new InMemoryContactStore();
    public final Fakes.Federations federations = new Fakes.Federations();
    public final Fakes.RecordingMailer mailer = new Fakes.RecordingMailer();
    public final Fakes.CountingRateLimiter rateLimiter = new Fakes.CountingRateLimiter();
    public final Fakes.RecordingEvents events = new Fakes.RecordingEvents();
    public final InMemorySignupRequests signups = new InMemorySignupRequests();
    public final InMemoryConfirmationThrottle throttle = new InMemoryConfirmationThrottle();
    /**
     * The bus as the tests see it: every event is recorded, and signups are handled as soon as they are announced
     * (as the confirmation mailer does in a moment) unless a test wants to look at the answer alone.
     */
    public final Fakes.SignupBus bus = new Fakes.SignupBus(events);
    public final KeyedHash hash = new KeyedHash(key("hash"));
    public final TokenCodec tokens;
    public final Links links;
    public final ContactService service;
    public final ContactAdmin admin;
    public final ContactImport importer;
    public final SignupForms forms;

    public TestCore() {
        this(5);
    }

    public TestCore(int perSourceLimit) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        keys.put("k1", key("token"));
        tokens = new TokenCodec(keys, clock);
        links = new Links(BASE_URL, tokens);
        service = new ContactService(store, federations, mailer, new ConfirmationEmails(links, "e-terrain.test"), rateLimiter, hash, tokens,
                clock, perSourceLimit, Duration.ofMinutes(10), signups, throttle, bus);
        bus.handleSignupsWith(service);
        admin = new ContactAdmin(store, clock, throttle, hash);
        importer = new ContactImport(store, events, hash, clock);
        forms = new SignupForms(tokens);
    }

    public static byte[] key(String seed) {
        byte[] key = new byte[32];
        byte[] s = seed.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (s[i % s.length] + i);
        }
        return key;
    }

    /** The value of the t= parameter of the first link to {@code path} in a text. */
    public static String token(String text, String path) {
        Matcher m = Pattern.compile(Pattern.quote(path) + "\\?t=([A-Za-z0-9._%-]+)").matcher(text);
        if (!m.find()) {
            throw new AssertionError("no " + path + " link in: " + text);
        }
        return java.net.URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    }
}
