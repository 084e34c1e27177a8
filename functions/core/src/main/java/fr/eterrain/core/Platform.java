package fr.eterrain.core;

import fr.eterrain.core.access.Access;
import fr.eterrain.core.access.ApiKeys;
import fr.eterrain.core.access.AuditLog;
import fr.eterrain.core.aws.AwsClients;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.contacts.ConfirmationEmails;
import fr.eterrain.core.contacts.ContactAdmin;
import fr.eterrain.core.contacts.ContactImport;
import fr.eterrain.core.contacts.ContactService;
import fr.eterrain.core.contacts.ContactStore;
import fr.eterrain.core.contacts.Links;
import fr.eterrain.core.events.EventBridgePublisher;
import fr.eterrain.core.events.EventPublisher;
import fr.eterrain.core.mail.Mailer;
import fr.eterrain.core.mail.SesMailer;
import fr.eterrain.core.ratelimit.RateLimiter;
import fr.eterrain.core.security.FieldCipher;
import fr.eterrain.core.security.KeyedHash;
import fr.eterrain.core.security.Secrets;
import fr.eterrain.core.security.SecretsManagerKeys;
import fr.eterrain.core.security.TokenCodec;
import fr.eterrain.core.store.TableLayout;
import fr.eterrain.core.store.dynamo.DynamoApiKeyStore;
import fr.eterrain.core.store.dynamo.DynamoAuditLog;
import fr.eterrain.core.store.dynamo.DynamoContactStore;
import fr.eterrain.core.store.dynamo.DynamoFederationRegistry;
import fr.eterrain.core.store.dynamo.DynamoRateLimiter;
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
    private final KeyedHash hash;
    private final FieldCipher cipher;
    private final TokenCodec tokens;
    private DynamoFederationRegistry federations;
    private ContactStore contacts;
    private AuditLog audit;
    private ApiKeys apiKeys;
    private Access access;
    private Mailer mailer;
    private EventPublisher events;
    private RateLimiter rateLimiter;

    public Platform(Settings settings) {
        this(settings, Clock.systemUTC());
    }

    public Platform(Settings settings, Clock clock) {
        this.clients = new AwsClients(settings);
        this.settings = SecretsManagerKeys.resolve(settings, clients);
        this.clock = clock;
        this.layout = new TableLayout(settings.tablePrefix());
        this.hash = new KeyedHash(Secrets.hashKey(this.settings));
        this.cipher = new FieldCipher(Secrets.dataKey(this.settings));
        this.tokens = new TokenCodec(Secrets.tokenKeys(this.settings), clock);
    }

    public Settings settings() { return settings; }
    public Clock clock() { return clock; }
    public AwsClients clients() { return clients; }
    public TableLayout layout() { return layout; }
    public KeyedHash hash() { return hash; }
    public TokenCodec tokens() { return tokens; }

    public synchronized DynamoFederationRegistry federations() {
        if (federations == null) {
            federations = new DynamoFederationRegistry(clients.dynamo(), layout, clock);
        }
        return federations;
    }

    public synchronized ContactStore contacts() {
        if (contacts == null) {
            contacts = new DynamoContactStore(clients.enhanced(), clients.dynamo(), layout, cipher);
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
            access = new Access(apiKeys(), federations(), audit(), hash, clock);
        }
        return access;
    }

    public synchronized Mailer mailer() {
        if (mailer == null) {
            mailer = new SesMailer(clients.ses(), settings.sesConfigurationSet());
        }
        return mailer;
    }

    public synchronized EventPublisher events() {
        if (events == null) {
            events = new EventBridgePublisher(clients.events(), settings.eventBusName());
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
        return new Links(settings.publicBaseUrl(), tokens);
    }

    public ContactService contactService() {
        return new ContactService(contacts(), federations(), mailer(), new ConfirmationEmails(links(), settings.mailDomain()), rateLimiter(), hash,
                tokens, clock, settings.integer("SIGNUP_SOURCE_LIMIT", 30),
                settings.duration("SIGNUP_SOURCE_WINDOW", Duration.ofMinutes(10)));
    }

    public ContactAdmin contactAdmin() {
        return new ContactAdmin(contacts(), clock);
    }

    public ContactImport contactImport() {
        return new ContactImport(contacts(), events(), hash, clock);
    }
}
