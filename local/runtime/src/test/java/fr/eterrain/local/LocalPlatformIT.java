package fr.eterrain.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.aws.AwsClients;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.store.TableLayout;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.MessageHeader;

/** The local platform itself: starts, provisions, routes, carries events and keeps sent emails readable. */
@ExtendWith(LocalStackExtension.class)
class LocalPlatformIT {

    @Test
    void provisionsEveryTable(LocalPlatform platform) {
        TableLayout layout = new TableLayout(platform.settings().tablePrefix());
        List<String> tables = new AwsClients(platform.settings()).dynamo().listTablesPaginator().tableNames().stream()
                .filter(name -> name.startsWith(layout.prefix() + "-")).toList();
        assertTrue(tables.contains(layout.platformTable()));
        assertTrue(tables.contains(layout.federationTable("2A")));
        assertTrue(tables.contains(layout.federationTable("FFE")));
        assertEquals(103, tables.size());
        assertEquals("test", platform.settings().stage());
    }

    @Test
    void servesTheFederationsList(TestStack stack) {
        var response = stack.get("/v1/federations");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(102, Json.parse(response.body()).path("federations").size());
    }

    @Test
    void unknownRoutesAnswerJsonErrors(TestStack stack) {
        var notFound = stack.get("/v1/nowhere");
        assertEquals(404, notFound.statusCode());
        assertEquals("not_found", Json.parse(notFound.body()).get("code").asText());
        var notAllowed = stack.send("PUT", "/v1/federations", "application/json", "{}");
        assertEquals(405, notAllowed.statusCode());
        assertEquals("method_not_allowed", Json.parse(notAllowed.body()).get("code").asText());
    }

    @Test
    void issuedKeysOpenTheirFederation(TestStack stack) {
        String key = stack.issueKey("06");
        assertEquals(200, stack.get("/v1/federations/06/contacts", TestStack.bearer(key)).statusCode());
        assertEquals(401, stack.get("/v1/federations/06/contacts").statusCode());
    }

    @Test
    void putEventsReachesTheRuleTarget(TestStack stack) {
        LocalEventBus bus = stack.platform().eventBus();
        int before = bus.attempts("confirmation-requested");
        // A contact that does not exist: whatever the mailer makes of it, the test only needs it to be called.
        PutEventsRequestEntry entry = PutEventsRequestEntry.builder()
                .eventBusName(stack.settings().eventBusName())
                .source("eterrain.contacts")
                .detailType("ConfirmationRequested")
                .detail("{\"federation\":\"06\",\"requests\":[{\"contactId\":\"cNOSUCHCONTACT0000\",\"nonce\":\"n1\"}]}")
                .build();
        PutEventsResponse response = new AwsClients(stack.settings()).events().putEvents(b -> b.entries(entry));
        assertEquals(0, response.failedEntryCount());
        stack.awaitEvents();
        assertTrue(bus.attempts("confirmation-requested") > before, "the confirmation mailer was invoked");
    }

    /**
     * What {@code GET /store} gives back for an email sent with custom headers: {@code "headers": [{"name":
     * "List-Unsubscribe", "value": "<https://…>"}, …]}, names as sent and in order (SES's own headers such as
     * Message-ID are not there); the bodies under {@code body.text} and {@code body.html}.
     */
    @Test
    void sentEmailsAreReadableWithTheirHeaders(TestStack stack) {
        String to = TestStack.uniqueEmail("headers");
        String unsubscribe = "<" + stack.apiUrl() + "/v1/unsubscribe?t=abc>";
        SesV2Client ses = new AwsClients(stack.settings()).ses();
        String messageId = ses.sendEmail(b -> b
                .fromEmailAddress("federation-06@" + stack.settings().mailDomain())
                .destination(d -> d.toAddresses(to))
                .content(c -> c.simple(m -> m
                        .subject(s -> s.data("Bienvenue").charset("UTF-8"))
                        .body(body -> body
                                .text(t -> t.data("Confirmez : " + stack.apiUrl() + "/v1/confirm?t=xyz.").charset("UTF-8"))
                                .html(h -> h.data("<a href=\"" + stack.apiUrl() + "/v1/confirm?t=xyz&amp;l=fr\">ok</a>")
                                        .charset("UTF-8")))
                        .headers(MessageHeader.builder().name("List-Unsubscribe").value(unsubscribe).build(),
                                MessageHeader.builder().name("List-Unsubscribe-Post").value("List-Unsubscribe=One-Click").build(),
                                MessageHeader.builder().name("X-Eterrain-Federation").value("06").build()))))
                .messageId();

        List<JsonNode> emails = stack.emailsTo(to);
        assertEquals(1, emails.size());
        JsonNode email = emails.get(0);
        assertEquals(messageId, email.get("messageId").asText());
        assertEquals("Bienvenue", email.get("subject").asText());
        assertEquals(unsubscribe, Emails.header(email, "List-Unsubscribe").orElseThrow());
        assertEquals("List-Unsubscribe=One-Click", Emails.header(email, "list-unsubscribe-post").orElseThrow());
        assertEquals("06", Emails.header(email, "X-Eterrain-Federation").orElseThrow());
        assertEquals("List-Unsubscribe", email.at("/headers/0/name").asText());
        assertEquals(List.of(stack.apiUrl() + "/v1/confirm?t=xyz", stack.apiUrl() + "/v1/confirm?t=xyz&l=fr"),
                Emails.links(email));
    }
}
