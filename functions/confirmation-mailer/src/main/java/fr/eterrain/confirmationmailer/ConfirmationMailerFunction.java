package fr.eterrain.confirmationmailer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.Platform;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.contacts.ContactService;
import fr.eterrain.core.events.EventFunction;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.mail.Mailer;
import fr.eterrain.core.validation.Schemas;

/**
 * Sends double opt-in emails: for a signup (event SignupRequested: the stored request is handled, see
 * {@code ContactService.processSignup}) and for an import (event ConfirmationRequested). Each email is claimed
 * under the per-address throttle before it is sent, so a redelivered event does not mail anyone twice; a retryable
 * SES failure fails the invocation (after the others were tried, for an import), and Lambda retries it.
 */
public final class ConfirmationMailerFunction extends EventFunction {
    private final ContactService contacts;

    public ConfirmationMailerFunction() {
        this(Settings.fromEnvironment());
    }

    public ConfirmationMailerFunction(Settings settings) {
        this(new Platform(settings).contactService());
    }

    ConfirmationMailerFunction(ContactService contacts) {
        this.contacts = contacts;
    }

    @Override
    protected JsonNode handle(JsonNode event) {
        JsonNode detail = event.path("detail");
        if (ContactService.SIGNUP_REQUESTED.equals(event.path("detail-type").asText())) {
            Schemas.validate("events/" + ContactService.SIGNUP_REQUESTED, detail);
            ContactService.ProcessOutcome outcome = contacts.processSignup(detail.get("federation").asText(),
                    detail.get("requestId").asText());
            log.info("signup handled", "federation", detail.get("federation").asText(), "outcome", outcome);
            return Json.object().put("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT));
        }
        Schemas.validate("events/ConfirmationRequested", detail);
        String federation = detail.get("federation").asText();
        int sent = 0;
        int skipped = 0;
        Mailer.MailException retryLater = null;
        for (JsonNode request : detail.get("requests")) {
            try {
                if (contacts.sendPendingConfirmation(federation, request.get("contactId").asText(), request.get("nonce").asText())) {
                    sent++;
                } else {
                    skipped++;
                }
            } catch (Mailer.MailException e) {
                // A maybe-sent confirmation is retried: a second copy harms no one, a lost one loses the signup.
                if (!e.retryable() && !e.ambiguous()) {
                    log.warn("confirmation email refused", "federation", federation, "contact", request.get("contactId").asText());
                    skipped++;
                } else {
                    retryLater = e;
                }
            }
        }
        log.info("confirmation emails", "federation", federation, "sent", sent, "skipped", skipped);
        if (retryLater != null) {
            throw retryLater;
        }
        ObjectNode result = Json.object();
        result.put("sent", sent);
        result.put("skipped", skipped);
        return result;
    }
}
