package fr.eterrain.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.HorizontalAnnotation;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * What tells HQ IT something is wrong: alarms on every function (errors, throttles), every dead-letter /
 * on-failure queue (depth &gt; 0), the HTTP API (5xx) and the SES account reputation (bounce rate &ge; 5 %,
 * complaint rate &ge; 0.1 %: SES puts an account under review there), all sent to one SNS topic
 * ({@code eterrain-<stage>-alarms}, email subscription from {@code -c alarmEmail=...}), and one dashboard.
 * Metrics are addressed by the resources' fixed names, so this stack only reads one value from the API stack.
 */
public final class MonitoringStack extends Stack {
    static final double BOUNCE_RATE = 0.05;
    static final double COMPLAINT_RATE = 0.001;
    static final int API_5XX_PER_5_MINUTES = 5;
    private static final Duration PERIOD = Duration.minutes(5);

    private final Topic topic;
    private final List<Alarm> alarms = new ArrayList<>();

    public MonitoringStack(Construct scope, String id, StageConfig config, ApiStack api) {
        super(scope, id, StackProps.builder().env(config.env()).stackName(id)
                .description("e-terrain " + config.stage() + " alarms and dashboard").build());
        String prefix = config.prefix();
        String alarmArns = formatArn(ArnComponents.builder().service("cloudwatch")
                .resource("alarm").resourceName(prefix + "-*")
                .arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
        Map<String, Object> fromOurAlarms = Map.of(
                "StringEquals", Map.of("aws:SourceAccount", getAccount()),
                "ArnLike", Map.of("aws:SourceArn", alarmArns));

        // CloudWatch needs the key to publish to an encrypted topic (SNS docs, "compatibility with AWS services").
        Key key = Key.Builder.create(this, "AlarmsKey")
                .alias("alias/" + prefix + "-alarms")
                .description("Encrypts the e-terrain " + config.stage() + " alarm notifications")
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.DESTROY)
                .pendingWindow(Duration.days(7))
                .build();
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
                .resources(List.of("*"))
                .conditions(fromOurAlarms)
                .build());
        topic = Topic.Builder.create(this, "Alarms")
                .topicName(prefix + "-alarms")
                .displayName("e-terrain " + config.stage() + " alarms")
                .masterKey(key)
                .enforceSsl(true)
                .build();
        topic.addToResourcePolicy(PolicyStatement.Builder.create()
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                .conditions(fromOurAlarms)
                .build());
        config.alarmEmail().ifPresent(email -> topic.addSubscription(new EmailSubscription(email)));

        List<String> functions = api.functions().keySet().stream().sorted().toList();
        List<Metric> errors = new ArrayList<>();
        List<Metric> throttles = new ArrayList<>();
        List<Metric> durations = new ArrayList<>();
        for (String function : functions) {
            String name = prefix + "-" + function;
            Metric functionErrors = lambda("Errors", name, "Sum");
            Metric functionThrottles = lambda("Throttles", name, "Sum");
            alarm(name + "-errors", "Function " + name + " failed (Errors >= 1 in 5 minutes)", functionErrors, 1);
            alarm(name + "-throttles", "Function " + name + " was throttled (Throttles >= 1 in 5 minutes)",
                    functionThrottles, 1);
            errors.add(labelled(functionErrors, function));
            throttles.add(labelled(functionThrottles, function));
            durations.add(labelled(lambda("Duration", name, "p99"), function));
        }

        List<Metric> depths = new ArrayList<>();
        for (String queue : api.failureQueues().keySet().stream().sorted().toList()) {
            String name = prefix + "-" + queue + "-failed";
            Metric depth = Metric.Builder.create().namespace("AWS/SQS").metricName("ApproximateNumberOfMessagesVisible")
                    .dimensionsMap(Map.of("QueueName", name)).statistic("Maximum").period(PERIOD).build();
            alarm(name, "Messages in failure queue " + name + ": events or invocations that failed after retries",
                    depth, 1);
            depths.add(labelled(depth, queue));
        }

        Metric api5xx = api.api().metricServerError(MetricOptions.builder().statistic("Sum").period(PERIOD).build());
        alarm(prefix + "-api-5xx", "HTTP API answered 5xx at least " + API_5XX_PER_5_MINUTES + " times in 5 minutes",
                api5xx, API_5XX_PER_5_MINUTES);

        Metric bounceRate = ses("Reputation.BounceRate");
        Metric complaintRate = ses("Reputation.ComplaintRate");
        alarm(prefix + "-ses-bounce-rate", "SES account bounce rate >= 5 %: SES reviews the account there "
                + "(pauses sending at 10 %)", bounceRate, BOUNCE_RATE);
        alarm(prefix + "-ses-complaint-rate", "SES account complaint rate >= 0.1 %: SES reviews the account there "
                + "(pauses sending at 0.5 %)", complaintRate, COMPLAINT_RATE);

        List<List<? extends IWidget>> rows = List.of(
                List.of(TextWidget.Builder.create().width(24).height(1).markdown("# e-terrain " + config.stage()
                        + " — alarms go to SNS topic `" + prefix + "-alarms`").build()),
                List.of(graph("API requests", List.of(api.api().metricCount(sum("requests")))),
                        graph("API errors", List.of(api.api().metricClientError(sum("4xx")), labelled(api5xx, "5xx"))),
                        graph("API latency p99", List.of(api.api().metricLatency(
                                MetricOptions.builder()
                                        .statistic("p99").period(PERIOD).label("p99").build())))),
                List.of(graph("Function errors", errors), graph("Function throttles", throttles),
                        graph("Function duration p99", durations)),
                List.of(graph("Failure queue depth", depths),
                        GraphWidget.Builder.create().title("SES reputation").width(8)
                                .left(List.of(labelled(bounceRate, "bounce rate"),
                                        labelled(complaintRate, "complaint rate")))
                                .leftAnnotations(List.of(
                                        HorizontalAnnotation.builder().value(BOUNCE_RATE).label("bounce review").build(),
                                        HorizontalAnnotation.builder().value(COMPLAINT_RATE).label("complaint review")
                                                .build()))
                                .build(),
                        graph("SES sending", List.of(sesCount("Send"), sesCount("Delivery"), sesCount("Bounce"),
                                sesCount("Complaint")))));
        Dashboard.Builder.create(this, "Dashboard").dashboardName(prefix).widgets(rows).build();
    }

    private void alarm(String name, String description, Metric metric, double threshold) {
        Alarm alarm = Alarm.Builder.create(this, name)
                .alarmName(name)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .evaluationPeriods(1)
                // No traffic, no sends, an empty queue: nothing to report.
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(new SnsAction(topic));
        alarm.addOkAction(new SnsAction(topic));
        alarms.add(alarm);
    }

    /** Per function (all versions and aliases together). */
    private static Metric lambda(String metric, String function, String statistic) {
        return Metric.Builder.create().namespace("AWS/Lambda").metricName(metric)
                .dimensionsMap(Map.of("FunctionName", function)).statistic(statistic).period(PERIOD).build();
    }

    /** Account-wide reputation (what SES reviews), published without dimensions. */
    private static Metric ses(String metric) {
        return Metric.Builder.create().namespace("AWS/SES").metricName(metric).statistic("Maximum")
                .period(Duration.hours(1)).build();
    }

    /** Dashboard legends only: alarms keep plain metrics. */
    private static Metric labelled(Metric metric, String label) {
        return metric.with(MetricOptions.builder().label(label).build());
    }

    private static Metric sesCount(String metric) {
        return Metric.Builder.create().namespace("AWS/SES").metricName(metric).statistic("Sum").period(PERIOD)
                .label(metric).build();
    }

    private static MetricOptions sum(String label) {
        return MetricOptions.builder().statistic("Sum").period(PERIOD)
                .label(label).build();
    }

    private static GraphWidget graph(String title, List<? extends IMetric> left) {
        return GraphWidget.Builder.create().title(title).width(8).left(left).build();
    }

    public Topic topic() {
        return topic;
    }

    public List<Alarm> alarms() {
        return List.copyOf(alarms);
    }
}
