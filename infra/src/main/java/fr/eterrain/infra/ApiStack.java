package fr.eterrain.infra;

import fr.eterrain.core.wiring.Grant;
import fr.eterrain.core.wiring.Wiring;
import fr.eterrain.core.wiring.Wiring.FunctionSpec;
import fr.eterrain.core.wiring.Wiring.Route;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.TimeZone;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.CfnStage;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpRoute;
import software.amazon.awscdk.services.apigatewayv2.HttpRouteKey;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.EventBusProps;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.scheduler.Schedule;
import software.amazon.awscdk.services.scheduler.ScheduleExpression;
import software.amazon.awscdk.services.scheduler.targets.LambdaInvoke;
import software.amazon.awscdk.services.scheduler.targets.ScheduleTargetBaseProps;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Everything the wiring table describes: one function per entry, the HTTP API routes (access logs, throttling),
 * the stage's event bus with the wiring rules, and the schedules. Functions invoked asynchronously (rules,
 * schedules) get a failure queue that receives both undeliverable events and invocations that failed after their
 * retries. SES and S3 events of the stage are forwarded from the default bus to the stage bus, so wiring rules
 * with {@code source: ["aws.ses"]} or {@code ["aws.s3"]} work like any other.
 */
public final class ApiStack extends Stack {
    public static final String SES_SOURCE = "aws.ses";
    public static final String S3_SOURCE = "aws.s3";
    static final Set<String> FORWARDED_SOURCES = Set.of(SES_SOURCE, S3_SOURCE);
    /** JSON access log: ids, route, status and timings only. */
    static final String ACCESS_LOG_FORMAT = "{\"requestId\":\"$context.requestId\",\"time\":\"$context.requestTime\","
            + "\"routeKey\":\"$context.routeKey\",\"status\":\"$context.status\","
            + "\"responseLength\":\"$context.responseLength\",\"latency\":\"$context.responseLatency\","
            + "\"integrationLatency\":\"$context.integrationLatency\","
            + "\"integrationError\":\"$context.integrationErrorMessage\",\"error\":\"$context.error.message\"}";
    static final int THROTTLE_RATE = 1000;
    static final int THROTTLE_BURST = 2000;

    private final HttpApi api;
    private final EventBus bus;
    private final Map<String, EterrainFunction> functions = new LinkedHashMap<>();
    private final Map<String, Queue> failureQueues = new LinkedHashMap<>();

    /** The data this stack's functions reach: keys of the federation data stacks and of the platform one. */
    /** @param secrets the secret of each key grant (TOKEN_KEYS, HASH_KEY, DATA_KEY) */
    public record Data(List<IKey> federationKeys, IKey platformKey, Map<Grant, ISecret> secrets) {
    }

    public ApiStack(Construct scope, String id, StageConfig config, Wiring wiring, Data data) {
        super(scope, id, StackProps.builder().env(config.env()).stackName(id)
                .description("e-terrain " + config.stage() + " functions, HTTP API, events and schedules").build());
        api = HttpApi.Builder.create(this, "Api").apiName(config.prefix()).createDefaultStage(true).build();
        accessLogsAndThrottling(config);
        bus = EventBus.Builder.create(this, "Bus").eventBusName(config.prefix()).build();
        Map<Grant, String> secretArns = new java.util.EnumMap<>(Grant.class);
        data.secrets().forEach((key, secret) -> secretArns.put(key, secret.getSecretArn()));
        AccessPolicies policies = new AccessPolicies(this, config, data.federationKeys(), data.platformKey(),
                bus.getEventBusArn(), secretArns);

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("STAGE", config.stage());
        environment.put("TABLE_PREFIX", config.prefix());
        environment.put("PUBLIC_BASE_URL", config.publicBaseUrl().orElse(api.getApiEndpoint()));
        environment.put("EVENT_BUS_NAME", bus.getEventBusName());
        environment.put("MAIL_DOMAIN", config.mailDomain());
        environment.put("SES_CONFIGURATION_SET", config.configurationSet());
        environment.put("CONTENT_BUCKET", config.contentBucket());

        Set<String> asyncFunctions = asyncFunctions(wiring);
        Map<String, Queue> failures = new LinkedHashMap<>();
        for (FunctionSpec spec : sorted(wiring.functions())) {
            Optional<Queue> failed = asyncFunctions.contains(spec.name())
                    ? Optional.of(failureQueue(config, spec.name())) : Optional.empty();
            failed.ifPresent(q -> failures.put(spec.name(), q));
            // Each function gets the ARN of the secrets it is granted and of no other (<NAME>_ARN), read once at init
            // (SecretsManagerKeys), before the SnapStart snapshot, which is encrypted.
            Map<String, String> own = new LinkedHashMap<>(environment);
            FunctionAccess.secrets(spec).forEach(key -> own.put(key.name() + "_ARN", secretArns.get(key)));
            EterrainFunction function = new EterrainFunction(this, spec, config, own,
                    failed.map(SqsDestination::new));
            Set<Grant> grants = FunctionAccess.of(spec);
            policies.statements(grants).forEach(function.role()::addToPrincipalPolicy);
            List<NagPackSuppression> wildcards = policies.suppressions(grants);
            if (!wildcards.isEmpty()) {
                NagSuppressions.addResourceSuppressions(function.role(), wildcards, true);
            }
            functions.put(spec.name(), function);
        }

        Map<String, HttpLambdaIntegration> integrations = new LinkedHashMap<>();
        List<HttpRoute> publicRoutes = new java.util.ArrayList<>();
        for (Route route : wiring.routes()) {
            HttpLambdaIntegration integration = integrations.computeIfAbsent(route.function(),
                    name -> new HttpLambdaIntegration(name + "-integration", functions.get(name).alias()));
            HttpRoute httpRoute = HttpRoute.Builder.create(this, "Route " + route.routeKey().replace('/', ' '))
                    .httpApi(api)
                    .routeKey(HttpRouteKey.with(route.path(), HttpMethod.valueOf(route.method())))
                    .integration(integration)
                    .build();
            NagSuppressions.addResourceSuppressions(httpRoute, List.of(NagPackSuppression.builder()
                    .id("AwsSolutions-APIG4").reason(authorization(route)).build()));
            if (route.access().equals("public")) {
                publicRoutes.add(httpRoute);
            }
        }
        publicRouteThrottling(wiring, publicRoutes);

        for (Wiring.Rule rule : wiring.rules()) {
            requireForwarded(rule);
            Rule.Builder.create(this, "Rule " + rule.name())
                    .ruleName(config.prefix() + "-" + rule.name())
                    .eventBus(bus)
                    .eventPattern(EventPattern.builder().source(rule.source()).detailType(rule.detailType()).build())
                    .targets(List.of(new LambdaFunction(functions.get(rule.function()).alias(),
                            LambdaFunctionProps.builder()
                                    .deadLetterQueue(failures.get(rule.function()))
                                    .retryAttempts(5)
                                    .maxEventAge(Duration.hours(6))
                                    .build())))
                    .build();
        }

        forwardServiceEvents(config);

        for (Wiring.Schedule schedule : wiring.schedules()) {
            Schedule.Builder.create(this, "Schedule " + schedule.name())
                    .scheduleName(config.prefix() + "-" + schedule.name())
                    .schedule(ScheduleExpression.expression(schedule.expression(), TimeZone.of(schedule.timezone())))
                    .target(new LambdaInvoke(functions.get(schedule.function()).alias(),
                            ScheduleTargetBaseProps.builder()
                                    .deadLetterQueue(failures.get(schedule.function()))
                                    .retryAttempts(3)
                                    .maxEventAge(Duration.hours(6))
                                    .build()))
                    .build();
        }

        CfnOutput.Builder.create(this, "ApiUrl").value(api.getApiEndpoint()).build();
    }

    /**
     * SES (configuration set events) and S3 (EventBridge notifications) publish only to the account's default bus.
     * Two rules there forward this stage's events, and only them, to the stage bus, so every wiring rule lives on
     * one bus whatever its source ({@code aws.ses}, {@code aws.s3} or ours) and dev and prod can share an account.
     */
    private void forwardServiceEvents(StageConfig config) {
        IEventBus defaultBus = EventBus.fromEventBusName(this, "DefaultBus", "default");
        Queue forwarded = failureQueue(config, "forward");
        software.amazon.awscdk.services.events.targets.EventBus toStageBus =
                new software.amazon.awscdk.services.events.targets.EventBus(bus,
                        EventBusProps.builder().deadLetterQueue(forwarded).build());
        Rule.Builder.create(this, "Forward ses")
                .ruleName(config.prefix() + "-forward-ses")
                .description("SES events of configuration set " + config.configurationSet() + " to the stage bus")
                .eventBus(defaultBus)
                .eventPattern(EventPattern.builder().source(List.of(SES_SOURCE))
                        .detail(Map.of("mail", Map.of("tags",
                                Map.of("ses:configuration-set", List.of(config.configurationSet())))))
                        .build())
                .targets(List.of(toStageBus))
                .build();
        Rule.Builder.create(this, "Forward s3")
                .ruleName(config.prefix() + "-forward-s3")
                .description("S3 events of bucket " + config.contentBucket() + " to the stage bus")
                .eventBus(defaultBus)
                .eventPattern(EventPattern.builder().source(List.of(S3_SOURCE))
                        .detail(Map.of("bucket", Map.of("name", List.of(config.contentBucket()))))
                        .build())
                .targets(List.of(toStageBus))
                .build();
    }

    /**
     * Access logs without personal data (no IP, no user agent, no query string: links carry tokens) and a stage
     * throttle well above normal traffic, against floods.
     */
    private void accessLogsAndThrottling(StageConfig config) {
        LogGroup accessLogs = LogGroup.Builder.create(this, "AccessLogs")
                .logGroupName("/aws/apigateway/" + config.prefix() + "/access")
                .retention(EterrainFunction.LOG_RETENTION)
                .removalPolicy(config.removalPolicy())
                .build();
        CfnStage stage = (CfnStage) api.getDefaultStage().getNode().getDefaultChild();
        stage.setAccessLogSettings(CfnStage.AccessLogSettingsProperty.builder()
                .destinationArn(accessLogs.getLogGroupArn())
                .format(ACCESS_LOG_FORMAT)
                .build());
        stage.setDefaultRouteSettings(CfnStage.RouteSettingsProperty.builder()
                .throttlingRateLimit(THROTTLE_RATE).throttlingBurstLimit(THROTTLE_BURST).build());
    }

    /**
     * Public routes (no key) get their own, lower throttle than the stage's, by function: a flood on one of them is
     * refused by API Gateway (429) before it reaches a function, so it cannot use up the account's concurrency
     * (dispatcher and feedback also keep reserved concurrency). Tracking links take a campaign's opens and clicks;
     * a signup or an unsubscribe is a person's act.
     */
    static final Map<String, int[]> PUBLIC_THROTTLE = Map.of(
            "pixel", new int[] {300, 600}, "redirect", new int[] {300, 600},
            "signup", new int[] {20, 50}, "confirm", new int[] {50, 100}, "unsubscribe", new int[] {50, 100},
            "federations", new int[] {50, 100}, "contents", new int[] {50, 100}, "stats", new int[] {20, 50},
            // Sign-in and invitations: people, a few a second at most; the functions limit per address and source too.
            "auth", new int[] {10, 20}, "people", new int[] {10, 20});

    private void publicRouteThrottling(Wiring wiring, List<HttpRoute> routes) {
        CfnStage stage = (CfnStage) api.getDefaultStage().getNode().getDefaultChild();
        Map<String, Object> settings = new java.util.TreeMap<>();
        for (Route route : wiring.routes()) {
            if (route.access().equals("public")) {
                int[] limit = PUBLIC_THROTTLE.get(route.function());
                if (limit == null) {
                    throw new IllegalStateException(route.routeKey() + ": a public route of " + route.function()
                            + " needs its throttle in ApiStack.PUBLIC_THROTTLE");
                }
                // RouteSettings is plain JSON to CloudFormation: its own property names, not the typed builder's.
                settings.put(route.routeKey(), Map.of("ThrottlingRateLimit", limit[0], "ThrottlingBurstLimit", limit[1]));
            }
        }
        stage.setRouteSettings(settings);
        // Route settings name routes: the stage is updated once they exist.
        routes.forEach(r -> stage.getNode().addDependency(r));
    }

    private Queue failureQueue(StageConfig config, String name) {
        Queue queue = Queue.Builder.create(this, name + "-failed")
                .queueName(config.prefix() + "-" + name + "-failed")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        NagSuppressions.addResourceSuppressions(queue, List.of(NagPackSuppression.builder().id("AwsSolutions-SQS3")
                .reason("This queue is itself a dead-letter / on-failure destination; its depth raises an alarm")
                .build()));
        failureQueues.put(name, queue);
        return queue;
    }

    /** AWS services publish to the default bus: a rule on the stage bus only sees the sources forwarded here. */
    static void requireForwarded(Wiring.Rule rule) {
        for (String source : rule.source()) {
            if (source.startsWith("aws.") && !FORWARDED_SOURCES.contains(source)) {
                throw new IllegalStateException("rule " + rule.name() + ": " + source + " events arrive on the "
                        + "default bus and infra forwards only " + new TreeSet<>(FORWARDED_SOURCES) + " to the stage bus; add a "
                        + "forwarding rule in ApiStack.forwardServiceEvents");
            }
        }
    }

    /** Why a route has no API Gateway authorizer: the wiring table's access level says who may call it. */
    static String authorization(Route route) {
        return switch (route.access()) {
            case "public" -> "Public by design (signup, links in emails, the registry): abuse is limited by the "
                    + "function (rate limits, signed tokens)";
            case "federation", "hq" -> "The function authorizes every call with a federation or HQ API key (hashed "
                    + "in the platform table) and audits it: access level " + route.access() + " in wiring.json";
            default -> throw new IllegalStateException(route.routeKey() + ": unknown access " + route.access());
        };
    }

    /** Targets of rules and schedules: invoked asynchronously, so failures must land somewhere. */
    static Set<String> asyncFunctions(Wiring wiring) {
        return Stream.concat(wiring.rules().stream().map(Wiring.Rule::function),
                wiring.schedules().stream().map(Wiring.Schedule::function)).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Wiring.functions() has no order; a stable order keeps synth output stable. */
    private static List<FunctionSpec> sorted(Map<String, FunctionSpec> functions) {
        return functions.values().stream().sorted(Comparator.comparing(FunctionSpec::name)).toList();
    }

    public HttpApi api() {
        return api;
    }

    public EventBus bus() {
        return bus;
    }

    /** Every dead-letter / on-failure queue of the stage, by logical name (function name, or "forward"). */
    public Map<String, Queue> failureQueues() {
        return Map.copyOf(failureQueues);
    }

    public Map<String, EterrainFunction> functions() {
        return Map.copyOf(functions);
    }
}
