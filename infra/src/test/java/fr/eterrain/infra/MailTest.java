package fr.eterrain.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.wiring.Wiring;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * SES: the domain identity with Easy DKIM and a custom MAIL FROM, the configuration set publishing its events to
 * the default bus (the only bus SES can target), and the rule that forwards them to the stage bus, where a wiring
 * rule with {@code source: ["aws.ses"]} (the feedback function) receives them.
 */
class MailTest {
    private static Synthesized app;
    private static Template mail;
    private static Template api;

    @BeforeAll
    static void synth() {
        app = Synthesized.dev();
        mail = app.template(app.stacks.mail());
        api = app.template(app.stacks.api());
    }

    @Test
    void domainIdentityWithEasyDkimAndCustomMailFrom() {
        mail.resourceCountIs("AWS::SES::EmailIdentity", 1);
        mail.hasResourceProperties("AWS::SES::EmailIdentity", Map.of(
                "EmailIdentity", "e-terrain.example",
                "DkimSigningAttributes", Map.of("NextSigningKeyLength", "RSA_2048_BIT"),
                "MailFromAttributes", Map.of("MailFromDomain", "bounce.e-terrain.example",
                        "BehaviorOnMxFailure", "USE_DEFAULT_VALUE"),
                "ConfigurationSetAttributes", Map.of("ConfigurationSetName", Match.anyValue())));
        // Easy DKIM is on unless disabled.
        mail.hasResourceProperties("AWS::SES::EmailIdentity", Map.of("DkimAttributes", Match.absent()));
        // HQ IT reads the DNS records to publish from the stack outputs.
        JsonNode outputs = app.json.get(app.stacks.mail().getStackName()).path("Outputs");
        for (String output : List.of("DkimRecord1", "DkimRecord2", "DkimRecord3", "MailFromMx", "MailFromSpf")) {
            assertTrue(outputs.has(output), output);
        }
    }

    @Test
    void configurationSetPublishesSendingEventsButNotOpensOrClicksToTheDefaultBus() {
        mail.hasResourceProperties("AWS::SES::ConfigurationSet", Map.of(
                "Name", "eterrain-dev",
                "ReputationOptions", Map.of("ReputationMetricsEnabled", true),
                "SuppressionOptions", Map.of("SuppressedReasons", List.of("BOUNCE", "COMPLAINT"))));
        mail.resourceCountIs("AWS::SES::ConfigurationSetEventDestination", 1);
        mail.hasResourceProperties("AWS::SES::ConfigurationSetEventDestination", Map.of(
                "EventDestination", Map.of(
                        "Enabled", true,
                        "Name", "eterrain-dev-events",
                        "MatchingEventTypes", List.of("send", "delivery", "bounce", "complaint", "reject",
                                "deliveryDelay", "renderingFailure"),
                        "EventBridgeDestination", Map.of("EventBusArn", Match.objectLike(Map.of("Fn::Join",
                                List.of("", Match.arrayWith(List.of(":event-bus/default")))))))));
    }

    @Test
    void theStagesSesAndS3EventsAreForwardedToTheStageBus() {
        String bus = logicalId("AWS::Events::EventBus");
        api.hasResourceProperties("AWS::Events::Rule", Map.of(
                "Name", "eterrain-dev-forward-ses",
                "EventBusName", "default",
                "EventPattern", Map.of("source", List.of("aws.ses"),
                        "detail", Map.of("mail", Map.of("tags", Map.of("ses:configuration-set", List.of("eterrain-dev"))))),
                "Targets", List.of(Match.objectLike(Map.of(
                        "Arn", Map.of("Fn::GetAtt", List.of(bus, "Arn")),
                        "DeadLetterConfig", Match.objectLike(Map.of()))))));
        api.hasResourceProperties("AWS::Events::Rule", Map.of(
                "Name", "eterrain-dev-forward-s3",
                "EventBusName", "default",
                "EventPattern", Map.of("source", List.of("aws.s3"),
                        "detail", Map.of("bucket", Map.of("name", List.of("eterrain-dev-content")))),
                "Targets", List.of(Match.objectLike(Map.of("Arn", Map.of("Fn::GetAtt", List.of(bus, "Arn")))))));
    }

    @Test
    void aWiringRuleOnSesEventsLandsOnTheStageBus() {
        Wiring wiring = Wiring.parse(Json.parse("""
                {"functions": {"feedback": {"handler": "x.Feedback", "grants": ["FEDERATION_TABLES"]}},
                 "rules": [{"name": "ses-feedback", "source": ["aws.ses"],
                            "detailType": ["Email Bounced", "Email Complaint Received"], "function": "feedback"}]}
                """));
        Template template = Template.fromStack(Synthesized.apiStackAlone(new App(), wiring));
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "Name", "eterrain-dev-ses-feedback",
                "EventBusName", Map.of("Ref", Match.stringLikeRegexp("^Bus")),
                "EventPattern", Map.of("source", List.of("aws.ses"),
                        "detail-type", List.of("Email Bounced", "Email Complaint Received"))));
    }

    @Test
    void aRuleOnAnAwsSourceThatIsNotForwardedFailsTheSynth() {
        Wiring wiring = Wiring.parse(Json.parse("""
                {"functions": {"watch": {"handler": "x.Watch", "grants": ["PLATFORM_READ"]}},
                 "rules": [{"name": "ec2", "source": ["aws.ec2"], "detailType": ["x"], "function": "watch"}]}
                """));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Synthesized.apiStackAlone(new App(), wiring));
        assertTrue(e.getMessage().contains("aws.ec2"), e.getMessage());
    }

    @Test
    void prodKeepsTheIdentitySoTheDkimRecordsStayValid() {
        MailStack stack = new MailStack(new App(), "eterrain-prod-mail", Synthesized.prodConfig());
        assertTrue(stack.getTerminationProtection());
        Template prod = Template.fromStack(stack);
        prod.hasResource("AWS::SES::EmailIdentity", Map.of("DeletionPolicy", "Retain",
                "Properties", Match.objectLike(Map.of("EmailIdentity", "mail.example.org"))));
    }

    private static String logicalId(String type) {
        List<String> ids = app.resourcesOfType(type).keySet().stream()
                .filter(id -> id.startsWith(app.stacks.api().getStackName() + "/"))
                .map(id -> id.substring(id.indexOf('/') + 1)).toList();
        assertEquals(1, ids.size(), type);
        return ids.get(0);
    }
}
