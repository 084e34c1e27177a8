package fr.eterrain.core;

import fr.eterrain.core.access.Access;
import fr.eterrain.core.access.ApiKeys;
import fr.eterrain.core.access.AuditLog;
import fr.eterrain.core.aws.AwsClients;
import fr.eterrain.core.aws.ClientHooks;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.contacts.ConfirmationEmails;
import fr.eterrain.core.contacts.ConfirmationThrottle;
import fr.eterrain.core.contacts.SignupForms;
import fr.eterrain.core.contacts.ContactAdmin;
import fr.eterrain.core.contacts.ContactImport;
import fr.eterrain.core.contacts.ContactService;
import fr.eterrain.core.contacts.ContactStore;
import fr.eterrain.core.contacts.Links;
import fr.eterrain.core.events.EventBridgePublisher;
import fr.eterrain.core.events.EventPublisher;
import fr.eterrain.core.mail.Mailer;
import fr.eterrain.core.mail.SesMailer;
import fr.eterrain.core.newsletters.ActiveSends;
import fr.eterrain.core.newsletters.Blackouts;
import fr.eterrain.core.newsletters.DispatchSettings;
import fr.eterrain.core.newsletters.Dispatcher;
import fr.eterrain.core.newsletters.FairShareLimiter;
import fr.eterrain.core.newsletters.FeedbackService;
import fr.eterrain.core.newsletters.NewsletterRenderer;
import fr.eterrain.core.newsletters.NewsletterService;
import fr.eterrain.core.newsletters.NewsletterStore;
import fr.eterrain.core.newsletters.Reputation;
import fr.eterrain.core.newsletters.SendRateLimiter;
import fr.eterrain.core.ratelimit.RateLimiter;
import fr.eterrain.core.security.FieldCipher;
import fr.eterrain.core.security.KeyedHash;
import fr.eterrain.core.security.Secrets;
import fr.eterrain.core.security.SecretsManagerKeys;
import fr.eterrain.core.aws.lite.DirectAws;
import fr.eterrain.core.security.TokenCodec;
import fr.eterrain.core.store.TableLayout;
import fr.eterrain.core.tracking.TrackingLinks;
import fr.eterrain.core.tracking.TrackingTokens;
import fr.eterrain.core.store.dynamo.DynamoActiveSends;
import fr.eterrain.core.store.dynamo.DynamoApiKeyStore;
import fr.eterrain.core.store.dynamo.DynamoAuditLog;
import fr.eterrain.core.store.dynamo.DynamoBlackouts;
import fr.eterrain.core.store.dynamo.DynamoConfirmationThrottle;
import fr.eterrain.core.store.dynamo.DynamoSignupRequests;
import fr.eterrain.core.store.dynamo.DynamoContactStore;
import fr.eterrain.core.store.dynamo.DynamoFederationRegistry;
import fr.eterrain.core.store.dynamo.DynamoNewsletterStore;
import fr.eterrain.core.store.dynamo.DynamoRateLimiter;
import fr.eterrain.core.store.dynamo.DynamoReputation;
import fr.eterrain.core.store.dynamo.DynamoWindowCounters;
import fr.eterrain.core.stats.Statistics;
import fr.eterrain.core.store.dynamo.DynamoStatsStore;
import fr.eterrain.core.store.dynamo.DynamoTrackingHistory;
import fr.eterrain.core.store.dynamo.DynamoTrackingStore;
import fr.eterrain.core.tracking.Tracker;
import fr.eterrain.core.tracking.TrackingHistory;
import fr.eterrain.core.tracking.UnsubscribeCounter;
import java.time.Clock;
import java.time.Duration;

/**
 * The composition root: every collaborator built once from settings, by hand (no DI framework). A function
 * builds one Platform per container and takes what it needs; tests build the services around fakes instead.
 */
public final class Platform {
    private final Settings settings;
    private final Clock clock;
    private final AwsClients clients;
    private final TableLayout layout;
    private KeyedHash hash;
    private FieldCipher cipher;
    private TokenCodec tokens;
    private DynamoFederationRegistry federations;
    private ContactStore contacts;
    private AuditLog audit;
    private ApiKeys apiKeys;
    private final DirectAws direct;
    private Access access;
    private Mailer mailer;
    private EventPublisher events;
    private RateLimiter rateLimiter;
    private NewsletterStore newsletters;
    private Blackouts blackouts;
    private ActiveSends activeSends;
    private Reputation reputation;

    public Platform(Settings settings) {
        this(settings, Clock.systemUTC());
    }

    public Platform(Settings settings, Clock clock) {
        this(settings, clock, ClientHooks.NONE);
    }

    /** @param hooks what tests and benchmarks add to the AWS clients (injected faults, capacity counting) */
    public Platform(Settings settings, Clock clock, ClientHooks hooks) {
        this.clients = new AwsClients(settings, hooks);
        this.direct = new DirectAws(settings, hooks.direct());
        this.settings = SecretsManagerKeys.resolve(settings, direct::secret);
        this.clock = clock;
        this.layout = new TableLayout(settings.tablePrefix());
    }

    public Settings settings() { return settings; }
    public Clock clock() { return clock; }
    public AwsClients clients() { return clients; }
    public TableLayout layout() { return layout; }
    // Keys are taken when a collaborator needs them, at init: a function gets only the secrets it is granted and
    // stops there, naming the key, if it asks for another (Secrets).
    public synchronized KeyedHash hash() {
        if (hash == null) {
            hash = new KeyedHash(Secrets.hashKeys(settings));
        }
        return hash;
    }

    public synchronized TokenCodec tokens() {
        if (tokens == null) {
            tokens = new TokenCodec(Secrets.tokenKeys(settings), clock);
        }
        return tokens;
    }

    private synchronized FieldCipher cipher() {
        if (cipher == null) {
            cipher = new FieldCipher(Secrets.dataKeys(settings));
        }
        return cipher;
    }

    public synchronized DynamoFederationRegistry federations() {
        if (federations == null) {
            federations = new DynamoFederationRegistry(clients.dynamo(), layout, clock);
        }
        return federations;
    }

    public synchronized ContactStore contacts() {
        if (contacts == null) {
            contacts = new DynamoContactStore(clients.enhanced(), clients.dynamo(), layout, cipher());
        }
        return contacts;
    }

    public synchronized AuditLog audit() {
        if (audit == null) {
            audit = new DynamoAuditLog(clients.dynamo(), layout);
        }
        return audit;
    }

    public synchronized ApiKeys apiKeys() {
        if (apiKeys == null) {
            apiKeys = new ApiKeys(new DynamoApiKeyStore(clients.dynamo(), layout), clock);
        }
        return apiKeys;
    }

    public synchronized Access access() {
        if (access == null) {
            access = new Access(apiKeys(), federations(), audit(), hash(), clock, fr.eterrain.core.wiring.Wiring.load(),
                    sessions(), sessionCookie());
        }
        return access;
    }

    // --- people, sessions and sign-in (issue 12) -----------------------------------------------------------

    private fr.eterrain.core.people.PeopleStore peopleStore;

    public synchronized fr.eterrain.core.people.PeopleStore peopleStore() {
        if (peopleStore == null) {
            peopleStore = new fr.eterrain.core.store.dynamo.DynamoPeopleStore(clients.dynamo(), layout, this::cipher);
        }
        return peopleStore;
    }

    public fr.eterrain.core.people.Sessions sessions() {
        return new fr.eterrain.core.people.Sessions(peopleStore(), hash(), clock);
    }

    /** Console and API share the public base URL's origin. */
    public fr.eterrain.core.people.SessionCookie sessionCookie() {
        return new fr.eterrain.core.people.SessionCookie(settings.publicBaseUrl());
    }

    public fr.eterrain.core.people.PeopleEmails peopleEmails() {
        return new fr.eterrain.core.people.PeopleEmails(settings.publicBaseUrl(), settings.mailDomain(), federations());
    }

    public fr.eterrain.core.people.SignIn signIn() {
        return new fr.eterrain.core.people.SignIn(peopleStore(), sessions(), peopleEmails(), mailer(), rateLimiter(), hash(),
                clock, new fr.eterrain.core.people.SignIn.Limits(settings.integer("SIGNIN_ADDRESS_LIMIT", 5),
                settings.integer("SIGNIN_SOURCE_LIMIT", 30)));
    }

    public fr.eterrain.core.people.People people() {
        return new fr.eterrain.core.people.People(peopleStore(), sessions(), peopleEmails(), mailer(),
                access().roles(), hash(), clock);
    }

    public synchronized Mailer mailer() {
        if (mailer == null) {
            mailer = Mailer.onFirstUse(() -> new SesMailer(direct::sendEmail, settings.sesConfigurationSet()));
        }
        return mailer;
    }

    public synchronized EventPublisher events() {
        if (events == null) {
            events = EventPublisher.onFirstUse(() -> new EventBridgePublisher(direct.events(), settings.eventBusName()));
        }
        return events;
    }

    public synchronized RateLimiter rateLimiter() {
        if (rateLimiter == null) {
            rateLimiter = new DynamoRateLimiter(clients.dynamo(), layout, clock);
        }
        return rateLimiter;
    }

    public Links links() {
        return new Links(settings.publicBaseUrl(), tokens());
    }

    public ContactService contactService() {
        // The bus client is built on first use: the confirm and unsubscribe functions never publish.
        return new ContactService(contacts(), federations(), mailer(), new ConfirmationEmails(links(), settings.mailDomain()), rateLimiter(), hash(),
                tokens(), clock, settings.integer("SIGNUP_SOURCE_LIMIT", 30),
                settings.duration("SIGNUP_SOURCE_WINDOW", Duration.ofMinutes(10)),
                new DynamoSignupRequests(clients.dynamo(), layout, cipher()), confirmationThrottle(), batch -> events().publish(batch));
    }

    public ConfirmationThrottle confirmationThrottle() {
        return new DynamoConfirmationThrottle(clients.dynamo(), layout);
    }

    /** The per-form token the signup-form snippet carries (form posts from undeclared origins). */
    public SignupForms signupForms() {
        return new SignupForms(tokens());
    }

    public ContactAdmin contactAdmin() {
        return new ContactAdmin(contacts(), clock, confirmationThrottle(), hash());
    }

    public ContactImport contactImport() {
        return new ContactImport(contacts(), events(), hash(), clock);
    }

    public synchronized NewsletterStore newsletters() {
        if (newsletters == null) {
            newsletters = new DynamoNewsletterStore(clients.dynamo(), layout, clock);
        }
        return newsletters;
    }

    public synchronized Blackouts blackouts() {
        if (blackouts == null) {
            blackouts = new DynamoBlackouts(clients.dynamo(), layout, clock);
        }
        return blackouts;
    }

    public synchronized ActiveSends activeSends() {
        if (activeSends == null) {
            activeSends = new DynamoActiveSends(clients.dynamo(), layout, clock);
        }
        return activeSends;
    }

    public synchronized Reputation reputation() {
        if (reputation == null) {
            reputation = new DynamoReputation(clients.dynamo(), layout, clock);
        }
        return reputation;
    }

    public TrackingLinks trackingLinks() {
        return new TrackingLinks(settings.publicBaseUrl(), new TrackingTokens(Secrets.tokenKeys(settings)));
    }

    public NewsletterRenderer newsletterRenderer() {
        return new NewsletterRenderer(links(), trackingLinks(), settings.mailDomain());
    }

    public NewsletterService newsletterService() {
        return newsletterService(events());
    }

    /** @param events where send requests are announced (tests and the benchmark run the dispatcher themselves) */
    public NewsletterService newsletterService(EventPublisher events) {
        return new NewsletterService(newsletters(), contacts(), newsletterRenderer(), mailer(), blackouts(), activeSends(),
                reputation(), events, clock, rateLimiter(), hash());
    }

    /** Audience counts for the editor: cached briefly, a federation's scans limited. */
    public fr.eterrain.core.newsletters.AudienceCounts audienceCounts() {
        return new fr.eterrain.core.newsletters.AudienceCounts(contacts(), rateLimiter(), clock);
    }

    public DispatchSettings dispatchSettings() {
        return DispatchSettings.from(settings);
    }

    public Dispatcher dispatcher() {
        return dispatcher(Dispatcher.sendThreads());
    }

    /** @param sendThreads makes the threads that send recipients side by side (the benchmark counts their CPU) */
    public Dispatcher dispatcher(java.util.concurrent.ThreadFactory sendThreads) {
        DispatchSettings dispatch = dispatchSettings();
        SendRateLimiter limiter = new FairShareLimiter(new DynamoWindowCounters(clients.dynamo(), layout),
                () -> activeSends().federationsSending(), dispatch.ratePerSecond(), clock, Thread::sleep);
        return new Dispatcher(newsletters(), contacts(), federations(), mailer(), newsletterRenderer(), limiter, blackouts(),
                activeSends(), reputation(), events(), clock, dispatch, sendThreads);
    }

    public FeedbackService feedback() {
        return new FeedbackService(newsletters(), contacts(), reputation(), clock, hash());
    }

    // --- tracking and statistics (issue 4) ---------------------------------------------------------------

    /** The open pixel and click redirect; one per container (it caches sent newsletters' links). */
    public Tracker tracker() {
        return PublicLinks.tracker(settings, direct, clock);
    }

    public UnsubscribeCounter unsubscribeCounter() {
        return new UnsubscribeCounter(tokens(), new DynamoTrackingStore(direct.dynamo(), layout), clock);
    }

    public TrackingHistory trackingHistory() {
        return new DynamoTrackingHistory(clients.dynamo(), layout);
    }

    public Statistics statistics() {
        return new Statistics(new DynamoStatsStore(clients.dynamo(), layout), federations());
    }

    // --- content library and national selection (issue 5) -------------------------------------------------

    public fr.eterrain.core.storage.ObjectStorage contentStorage() {
        return new fr.eterrain.core.store.s3.S3ObjectStorage(clients.s3(), clients.presigner(), settings.contentBucket());
    }

    public fr.eterrain.core.content.ContentStore contentStore() {
        return new fr.eterrain.core.store.dynamo.DynamoContentStore(clients.dynamo(), layout, cipher());
    }

    public fr.eterrain.core.content.ContentLibrary contentLibrary() {
        return new fr.eterrain.core.store.dynamo.DynamoContentLibrary(clients.dynamo(), layout);
    }

    public fr.eterrain.core.content.ContentLinks contentLinks() {
        return new fr.eterrain.core.content.ContentLinks(settings.publicBaseUrl(), contentStorage());
    }

    public fr.eterrain.core.content.ContentSubmissions contentSubmissions() {
        return new fr.eterrain.core.content.ContentSubmissions(contentStore(), contentStorage(), clock,
                (long) settings.integer("CONTENT_MULTIPART_MB", 100) << 20, (long) settings.integer("CONTENT_PART_MB", 64) << 20);
    }

    public fr.eterrain.core.content.ContentIntake contentIntake() {
        return new fr.eterrain.core.content.ContentIntake(contentStore(), contentStorage(), federations(), clock);
    }

    public fr.eterrain.core.content.Moderation moderation() {
        return new fr.eterrain.core.content.Moderation(contentStore(), clock);
    }

    /** Relays, likes, and the newsletter side's click reports on approved contents. */
    public fr.eterrain.core.content.Engagements engagements() {
        return new fr.eterrain.core.content.Engagements(contentStore(), hash(), clock);
    }

    public fr.eterrain.core.selection.Selections selections() {
        return new fr.eterrain.core.selection.Selections(contentLibrary(),
                new fr.eterrain.core.store.dynamo.DynamoSelectionStore(clients.dynamo(), layout), events(), federations(),
                contentLinks(), settings.publicBaseUrl(), clock);
    }
}
