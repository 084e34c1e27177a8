package fr.eterrain.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.wiring.Wiring;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Every function, failure queue, the API and SES reputation have an alarm that reaches HQ IT's topic. */
class MonitoringTest {
    private static Synthesized app;
    private static Template monitoring;

    @BeforeAll
    static void synth() {
        app = Synthesized.dev();
        monitoring = app.template(app.stacks.monitoring());
    }

    @Test
    void everyFunctionHasAnErrorsAndAThrottlesAlarm() {
        for (String function : Wiring.load().functions().keySet()) {
            for (String metric : List.of("Errors", "Throttles")) {
                monitoring.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                        "Namespace", "AWS/Lambda",
                        "MetricName", metric,
                        "Dimensions", List.of(Map.of("Name", "FunctionName", "Value", "eterrain-dev-" + function)),
                        "Statistic", "Sum",
                        "Threshold", 1,
                        "ComparisonOperator", "GreaterThanOrEqualToThreshold"));
            }
        }
    }

    @Test
    void everyFailureQueueAlarmsAsSoonAsItHoldsAMessage() {
        List<String> queues = app.resourcesOfType("AWS::SQS::Queue").values().stream()
                .map(q -> q.path("Properties").path("QueueName").asText()).toList();
        assertTrue(queues.contains("eterrain-dev-forward-failed"), queues.toString());
        for (String function : ApiStack.asyncFunctions(Wiring.load())) {
            assertTrue(queues.contains("eterrain-dev-" + function + "-failed"), function);
        }
        for (String queue : queues) {
            monitoring.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                    "Namespace", "AWS/SQS",
                    "MetricName", "ApproximateNumberOfMessagesVisible",
                    "Dimensions", List.of(Map.of("Name", "QueueName", "Value", queue)),
                    "Threshold", 1,
                    "ComparisonOperator", "GreaterThanOrEqualToThreshold"));
        }
    }

    @Test
    void apiServerErrorsAndSesReputationAlarms() {
        monitoring.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Namespace", "AWS/ApiGateway", "MetricName", "5xx", "Statistic", "Sum",
                "Dimensions", List.of(Match.objectLike(Map.of("Name", "ApiId")))));
        monitoring.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Namespace", "AWS/SES", "MetricName", "Reputation.BounceRate",
                "Threshold", 0.05, "ComparisonOperator", "GreaterThanOrEqualToThreshold"));
        monitoring.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Namespace", "AWS/SES", "MetricName", "Reputation.ComplaintRate",
                "Threshold", 0.001, "ComparisonOperator", "GreaterThanOrEqualToThreshold"));
    }

    @Test
    void everyAlarmNotifiesTheEncryptedHqItTopic() {
        String topic = only("AWS::SNS::Topic");
        monitoring.hasResourceProperties("AWS::SNS::Topic", Map.of("TopicName", "eterrain-dev-alarms",
                "KmsMasterKeyId", Match.anyValue()));
        Map<String, JsonNode> alarms = app.resourcesOfType("AWS::CloudWatch::Alarm");
        int functions = Wiring.load().functions().size();
        int queues = app.resourcesOfType("AWS::SQS::Queue").size();
        assertEquals(2 * functions + queues + 3, alarms.size(), "errors and throttles, queues, 5xx, SES x2");
        alarms.forEach((id, alarm) -> {
            JsonNode props = alarm.path("Properties");
            assertEquals(topic, props.path("AlarmActions").path(0).path("Ref").asText(), id);
            assertEquals(topic, props.path("OKActions").path(0).path("Ref").asText(), id);
            assertTrue(props.path("AlarmName").asText().startsWith("eterrain-dev-"), id);
        });
        // CloudWatch may publish, and use the key, for this stage's alarms only.
        monitoring.hasResourceProperties("AWS::SNS::TopicPolicy", Map.of("PolicyDocument", Match.objectLike(Map.of(
                "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Principal", Map.of("Service", "cloudwatch.amazonaws.com"), "Action", "sns:Publish",
                        "Condition", Match.objectLike(Map.of("ArnLike", Match.anyValue()))))))))));
        monitoring.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true,
                "KeyPolicy", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Principal", Map.of("Service", "cloudwatch.amazonaws.com")))))))));
    }

    @Test
    void theAlarmEmailFromContextIsSubscribed() {
        monitoring.resourceCountIs("AWS::SNS::Subscription", 1);
        monitoring.hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "email",
                "Endpoint", Synthesized.ALARM_EMAIL));
    }

    @Test
    void oneDashboard() {
        monitoring.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
        monitoring.hasResourceProperties("AWS::CloudWatch::Dashboard", Map.of("DashboardName", "eterrain-dev"));
    }

    private static String only(String type) {
        List<String> ids = app.resourcesOfType(type).keySet().stream()
                .map(id -> id.substring(id.indexOf('/') + 1)).toList();
        assertEquals(1, ids.size(), type);
        return ids.get(0);
    }
}
