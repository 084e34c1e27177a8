package fr.eterrain.retention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.Platform;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.contacts.Contact;
import fr.eterrain.core.contacts.ContactService;
import fr.eterrain.core.contacts.ContactStore;
import fr.eterrain.core.contacts.ConsentWordings;
import fr.eterrain.core.contacts.PendingSignup;
import fr.eterrain.core.events.EventFunction;
import fr.eterrain.core.federation.Federation;
import fr.eterrain.core.federation.FederationRegistry;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.security.Ids;
import fr.eterrain.core.validation.Schemas;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The daily retention run (schedule retention-daily): applies {@link RetentionPolicy} to every federation. */
public final class RetentionFunction extends EventFunction {
    private final FederationRegistry federations;
    private final ContactStore store;
    private final ContactService contacts;
    private final Clock clock;
    private final boolean allowClockOverride;

    public RetentionFunction() {
        this(Settings.fromEnvironment());
    }

    public RetentionFunction(Settings settings) {
        this(new Platform(settings));
    }

    RetentionFunction(Platform platform) {
        this(platform.federations(), platform.contacts(), platform.contactService(), platform.clock(),
                List.of("local", "test").contains(platform.settings().stage()));
    }

    RetentionFunction(FederationRegistry federations, ContactStore store, ContactService contacts, Clock clock,
                      boolean allowClockOverride) {
        this.federations = federations;
        this.store = store;
        this.contacts = contacts;
        this.clock = clock;
        this.allowClockOverride = allowClockOverride;
    }

    @Override
    protected JsonNode handle(JsonNode event) {
        JsonNode input = event.has("detail") ? event.get("detail") : event;
        Schemas.validate("events/RetentionRun", input);
        Instant now = allowClockOverride && input.hasNonNull("now") ? instant(input, "now") : clock.instant();
        List<Federation> targets = new ArrayList<>();
        if (input.has("federations")) {
            input.get("federations").forEach(f -> targets.add(federations.require(f.asText())));
        } else {
            targets.addAll(federations.all());
        }
        Map<String, Integer> totals = new TreeMap<>();
        for (Federation federation : targets) {
            List<Contact> due = new ArrayList<>();
            store.forEach(federation.id(), c -> {
                if (RetentionPolicy.decide(c, now) != RetentionPolicy.Action.KEEP) {
                    due.add(c);
                }
            });
            for (Contact c : due) {
                RetentionPolicy.Action action = RetentionPolicy.decide(c, now);
                apply(federation, c, action, now);
                totals.merge(action.name().toLowerCase(), 1, Integer::sum);
            }
        }
        log.info("retention run", "federations", targets.size(), "actions", totals);
        ObjectNode result = Json.object();
        totals.forEach(result::put);
        return result;
    }

    private void apply(Federation federation, Contact contact, RetentionPolicy.Action action, Instant now) {
        switch (action) {
            case ERASE -> store.erase(federation.id(), contact, null, now);
            case ERASE_KEEP_SUPPRESSION -> store.erase(federation.id(), contact, "unsubscribed", now);
            case ASK_RECONFIRMATION -> {
                PendingSignup pending = new PendingSignup(Ids.random(12), contact.getCategory(), null, null, null,
                        contact.isAudienceConsent(), ConsentWordings.current(), "reconfirmation", now, null, null,
                        PendingSignup.RECONFIRM);
                contact.setPending(pending);
                contact.setReconfirmRequestedAt(now);
                contact.setUpdatedAt(now);
                // Marked first: a retried run never asks twice; a failed email is logged, not retried forever.
                if (store.update(federation.id(), contact, List.of())) {
                    try {
                        contacts.sendPendingConfirmation(federation.id(), contact.getId(), pending.nonce());
                    } catch (RuntimeException e) {
                        log.error("re-confirmation email failed", e, "federation", federation.id(), "contact", contact.getId());
                    }
                }
            }
            case KEEP -> { }
        }
    }
}
