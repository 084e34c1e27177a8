package fr.eterrain.infra;

import fr.eterrain.core.wiring.Wiring.FunctionSpec;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IDestination;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * One wiring function: Java 25 on arm64, SnapStart on published versions, its own log group and role.
 * Everything invokes the {@code live} alias, so callers always hit a SnapStart-restored version.
 */
public final class EterrainFunction extends Construct {
    public static final String ALIAS = "live";
    public static final RetentionDays LOG_RETENTION = RetentionDays.THREE_MONTHS;

    private final Function function;
    private final Alias alias;
    private final Role role;

    /** onFailure: where async invocations (events, schedules) land after their retries. */
    public EterrainFunction(Construct scope, FunctionSpec spec, StageConfig config, Map<String, String> environment,
                            Optional<IDestination> onFailure) {
        super(scope, spec.name());
        String name = config.prefix() + "-" + spec.name();
        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                .logGroupName("/aws/lambda/" + name)
                .retention(LOG_RETENTION)
                .removalPolicy(config.isProd() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();
        // Own role instead of AWSLambdaBasicExecutionRole: logs on this group only, no logs:* on "*".
        role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("e-terrain " + name)
                .build();
        logs.grantWrite(role);
        Function.Builder builder = Function.Builder.create(this, "Function")
                .functionName(name)
                .description(spec.description())
                .runtime(Runtime.JAVA_25)
                .architecture(Architecture.ARM_64)
                .handler(spec.handler() + "::handleRequest")
                .code(FunctionCode.of(spec, config))
                .memorySize(spec.memoryMb())
                .timeout(Duration.seconds(spec.timeoutSeconds()))
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .logGroup(logs)
                .role(role)
                .environment(environment);
        if (spec.reservedConcurrency() > 0) {
            // Kept for it whatever else runs: a flood elsewhere cannot starve it (and it never runs more at once).
            builder.reservedConcurrentExecutions(spec.reservedConcurrency());
        }
        function = builder.build();
        // The warning says SnapStart needs published versions: the live alias below always publishes one.
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "versions are published for the live alias");
        Alias.Builder live = Alias.Builder.create(this, "Live").aliasName(ALIAS).version(function.getCurrentVersion());
        onFailure.ifPresent(destination -> live.onFailure(destination).retryAttempts(2));
        alias = live.build();
    }

    public Function function() {
        return function;
    }

    public Alias alias() {
        return alias;
    }

    public Role role() {
        return role;
    }
}
