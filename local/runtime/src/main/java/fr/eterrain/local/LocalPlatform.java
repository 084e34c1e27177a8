package fr.eterrain.local;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.wiring.Wiring;
import java.time.Duration;

/**
 * The whole platform on this machine, as one object: emulators, tables and seed data, the local API and the
 * local event bus, and the functions behind them. Used by {@link Main} and by integration and end-to-end tests.
 */
public final class LocalPlatform implements AutoCloseable {
    private final Emulators emulators;
    private final LocalApi api;
    private final LocalEventBus eventBus;
    private final Settings settings;
    private final FunctionRegistry functions;
    private final SesEventSimulator sesEvents;
    private volatile S3EventWatcher s3Events;

    private LocalPlatform(Emulators emulators, LocalApi api, LocalEventBus eventBus, Settings settings,
                          FunctionRegistry functions, SesEventSimulator sesEvents) {
        this.sesEvents = sesEvents;
        this.emulators = emulators;
        this.api = api;
        this.eventBus = eventBus;
        this.settings = settings;
        this.functions = functions;
    }

    public static LocalPlatform start(StackOptions options) {
        long start = System.nanoTime();
        Wiring wiring = Wiring.load();
        Emulators emulators = Emulators.start(options.emulatorConfig());
        LocalApi api = null;
        LocalEventBus bus = null;
        try {
            // The servers need the functions and the functions need the servers' URLs: resolve on first call.
            FunctionHolder holder = new FunctionHolder();
            // 503 until provisioned: a request before would read tables not created, a registry not seeded.
            api = new LocalApi(new RouteTable(wiring.routes()), name -> holder.get().http(name), options.apiPort(), false);
            // The console (web/console, its view library copied to web/console/vendor by `make console`).
            java.nio.file.Path consoleSite = ProjectRoot.find().resolve("web/console");
            if (java.nio.file.Files.isDirectory(consoleSite)) {
                api.serveConsole(consoleSite);
            }
            // The API reference (web/docs, its viewer copied to web/docs/vendor by the Makefile).
            java.nio.file.Path docsSite = ProjectRoot.find().resolve("web/docs");
            if (java.nio.file.Files.isDirectory(docsSite)) {
                api.serveStatic("/docs", docsSite);
            }
            Settings preliminary = LocalSettings.preliminary(options);
            EventDispatcher dispatcher = new EventDispatcher(wiring.rules(), name -> holder.get().event(name),
                    ApiGatewayEvent.ACCOUNT_ID, preliminary.region(), options.retryDelay());
            bus = new LocalEventBus(dispatcher, preliminary.eventBusName(), options.eventsPort());
            Settings settings = LocalSettings.build(options, emulators.endpoints(), api.url(), bus.url());
            holder.set(new FunctionRegistry(wiring, settings));
            new Provisioner(settings).provision(api.url());
            api.ready();
            Console.info("stack " + options.stage() + " up in " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
            // With SES on LocalStack or AWS, its own events flow instead of the simulated ones.
            SesEventSimulator sesEvents = emulators.endpoint(Emulators.SES)
                    .map(url -> new SesEventSimulator(url, dispatcher, settings.eventBusName())).orElse(null);
            LocalPlatform platform = new LocalPlatform(emulators, api, bus, settings, holder.get(), sesEvents);
            // The content bucket's "Object Created" events, as S3 would send them (also with LocalStack's S3).
            platform.s3Events = new S3EventWatcher(settings, dispatcher, ApiGatewayEvent.ACCOUNT_ID);
            return platform;
        } catch (RuntimeException e) {
            if (bus != null) {
                bus.close();
            }
            if (api != null) {
                api.close();
            }
            emulators.close();
            throw e;
        }
    }

    /** Base URL of the local API, without a trailing slash. */
    public String apiUrl() {
        return api.url();
    }

    /** Base URL of the SES emulator: its web inbox, its {@code /store}. */
    public String sesUrl() {
        return emulators.endpoint(Emulators.SES).orElseThrow(() -> new IllegalStateException(
                "SES is not emulated here: AWS_ENDPOINT_URL(_SESV2) points elsewhere"));
    }

    public Settings settings() {
        return settings;
    }

    public LocalEventBus eventBus() {
        return eventBus;
    }

    public FunctionRegistry functions() {
        return functions;
    }

    /**
     * What the SES emulator has sent: {@code {"templates":{…},"emails":[{messageId, from, replyTo[], destination
     * {to[], cc[], bcc[]}, subject, body {html, text}, attachments[], headers[{name, value}] (absent when none),
     * at (epoch seconds)}]}}.
     */
    public JsonNode sentEmails() {
        return SesEmulator.store(sesUrl());
    }

    /** Publishes the SES events of every email sent so far (the simulator also does it every 300 ms). */
    public void drainSesEvents() {
        if (sesEvents != null) {
            sesEvents.drain();
        }
    }

    /** Announces every object that appeared in the content bucket so far (the watcher also does it every 500 ms). */
    public void drainS3Events() {
        if (s3Events != null) {
            s3Events.drain();
        }
    }

    @Override
    public void close() {
        if (s3Events != null) {
            s3Events.close();
        }
        if (sesEvents != null) {
            sesEvents.close();
        }
        eventBus.close();
        api.close();
        emulators.close();
    }

    /** Set once, right after the settings exist and before the first request can arrive. */
    private static final class FunctionHolder {
        private volatile FunctionRegistry registry;

        FunctionRegistry get() {
            FunctionRegistry current = registry;
            if (current == null) {
                throw new IllegalStateException("the stack is still starting");
            }
            return current;
        }

        void set(FunctionRegistry registry) {
            this.registry = registry;
        }
    }
}
