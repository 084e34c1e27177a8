package fr.eterrain.infra;

import fr.eterrain.core.wiring.Wiring;
import fr.eterrain.core.wiring.Wiring.FunctionSpec;
import fr.eterrain.core.wiring.Wiring.Route;
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
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpRoute;
import software.amazon.awscdk.services.apigatewayv2.HttpRouteKey;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.scheduler.Schedule;
import software.amazon.awscdk.services.scheduler.ScheduleExpression;
import software.amazon.awscdk.services.scheduler.targets.LambdaInvoke;
import software.amazon.awscdk.services.scheduler.targets.ScheduleTargetBaseProps;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.ses.ConfigurationSet;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Everything the wiring table describes: one function per entry, the HTTP API routes, the event bus with its
 * rules, and the schedules. Functions invoked asynchronously (rules, schedules) get a failure queue that
 * receives both undeliverable events and invocations that failed after their retries.
 */
public final class ApiStack extends Stack {
    private final HttpApi api;
    private final Map<String, EterrainFunction> functions = new LinkedHashMap<>();

    /** The data this stack's functions reach: keys of the federation data stacks and of the platform one. */
    public record Data(List<IKey> federationKeys, IKey platformKey, ISecret keysSecret) {
    }

    public ApiStack(Construct scope, String id, StageConfig config, Wiring wiring, Data data) {
        super(scope, id, StackProps.builder().env(config.env()).stackName(id)
                .description("e-terrain " + config.stage() + " functions, HTTP API, events and schedules").build());
        api = HttpApi.Builder.create(this, "Api").apiName(config.prefix()).createDefaultStage(true).build();
        EventBus bus = EventBus.Builder.create(this, "Bus").eventBusName(config.prefix()).build();
        ConfigurationSet mail = ConfigurationSet.Builder.create(this, "Mail")
                .configurationSetName(config.prefix()).build();
        AccessPolicies policies = new AccessPolicies(this, config, data.federationKeys(), data.platformKey(),
                bus.getEventBusArn(), mail.getConfigurationSetName());

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("STAGE", config.stage());
        environment.put("TABLE_PREFIX", config.prefix());
        environment.put("PUBLIC_BASE_URL", config.publicBaseUrl().orElse(api.getApiEndpoint()));
        environment.put("EVENT_BUS_NAME", bus.getEventBusName());
        environment.put("MAIL_DOMAIN", config.mailDomain());
        environment.put("SES_CONFIGURATION_SET", mail.getConfigurationSetName());
        // The functions read TOKEN_KEYS, HASH_KEY and DATA_KEY from this secret once at init (SecretsManagerKeys);
        // taken before the SnapStart snapshot, which is encrypted.
        environment.put("SECRETS_ARN", data.keysSecret().getSecretArn());

        Set<String> asyncFunctions = asyncFunctions(wiring);
        Map<String, Queue> failures = new LinkedHashMap<>();
        for (FunctionSpec spec : sorted(wiring.functions())) {
            Optional<Queue> failed = asyncFunctions.contains(spec.name())
                    ? Optional.of(failureQueue(config, spec.name())) : Optional.empty();
            failed.ifPresent(q -> failures.put(spec.name(), q));
            EterrainFunction function = new EterrainFunction(this, spec, config, environment,
                    failed.map(SqsDestination::new));
            policies.statements(FunctionAccess.of(spec)).forEach(function.role()::addToPrincipalPolicy);
            data.keysSecret().grantRead(function.role());
            functions.put(spec.name(), function);
        }

        Map<String, HttpLambdaIntegration> integrations = new LinkedHashMap<>();
        for (Route route : wiring.routes()) {
            HttpLambdaIntegration integration = integrations.computeIfAbsent(route.function(),
                    name -> new HttpLambdaIntegration(name + "-integration", functions.get(name).alias()));
            HttpRoute.Builder.create(this, "Route " + route.routeKey().replace('/', ' '))
                    .httpApi(api)
                    .routeKey(HttpRouteKey.with(route.path(), HttpMethod.valueOf(route.method())))
                    .integration(integration)
                    .build();
        }

        for (Wiring.Rule rule : wiring.rules()) {
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

    private Queue failureQueue(StageConfig config, String function) {
        return Queue.Builder.create(this, function + "-failed")
                .queueName(config.prefix() + "-" + function + "-failed")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
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

    public Map<String, EterrainFunction> functions() {
        return Map.copyOf(functions);
    }
}
