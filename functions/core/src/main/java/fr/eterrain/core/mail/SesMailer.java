package fr.eterrain.core.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.aws.lite.AwsServiceException;
import fr.eterrain.core.json.Json;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Amazon SES v2 SendEmail, simple content with custom headers, one recipient per call, over core's direct client
 * ({@code DirectAws#sendEmail}: SES's REST-JSON API without the SDK, whose SES module is 2.5 MiB of a deployable).
 * SES is retried only when it throttles: an answer lost after SES took the message is reported as ambiguous, never
 * sent again from here (see Dispatcher).
 */
public final class SesMailer implements Mailer {
    private final Function<ObjectNode, JsonNode> sendEmail;
    private final Optional<String> configurationSet;

    public SesMailer(Function<ObjectNode, JsonNode> sendEmail, Optional<String> configurationSet) {
        this.sendEmail = sendEmail;
        this.configurationSet = configurationSet;
    }

    @Override
    public String send(EmailMessage message) {
        ObjectNode request = Json.object().put("FromEmailAddress", message.from());
        request.putObject("Destination").putArray("ToAddresses").add(message.to());
        ObjectNode simple = request.putObject("Content").putObject("Simple");
        simple.set("Subject", utf8(message.subject()));
        ObjectNode body = simple.putObject("Body");
        body.set("Html", utf8(message.html()));
        body.set("Text", utf8(message.text()));
        ArrayNode headers = simple.putArray("Headers");
        message.headers().forEach((name, value) -> headers.addObject().put("Name", name).put("Value", value));
        configurationSet.ifPresent(set -> request.put("ConfigurationSetName", set));
        try {
            return sendEmail.apply(request).path("MessageId").asText(null);
        } catch (AwsServiceException e) {
            throw new MailException("SES refused the message: " + e.code(), e.throttling() || e.status() >= 500, e);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof ConnectException || e.getCause() instanceof UnknownHostException) {
                throw new MailException("SES could not be reached", true, e);
            }
            // The request may have reached SES before the connection failed: not sent again from here (see Dispatcher).
            throw MailException.ambiguous("no answer from SES", e);
        }
    }

    private static ObjectNode utf8(String data) {
        return Json.object().put("Data", data).put("Charset", "UTF-8");
    }
}
