package fr.eterrain.infra;

import fr.eterrain.core.federation.Federation;
import fr.eterrain.core.federation.FederationSeed;
import fr.eterrain.core.wiring.Wiring;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.kms.IKey;

/**
 * The stacks of one stage, shared by the app and the tests:
 * {@code <prefix>-secrets}, {@code <prefix>-data-platform}, {@code <prefix>-data-1..n} (federation tables, see
 * {@link FederationChunks}), {@code <prefix>-content} (bucket), {@code <prefix>-mail} (SES),
 * {@code <prefix>-api}, {@code <prefix>-console} (CloudFront: console bucket and /v1/* to the API) and
 * {@code <prefix>-monitoring}. cdk-nag's AwsSolutions checks run on every synth: an
 * unsuppressed finding is an error annotation, which fails {@code cdk synth/deploy} and the tests.
 */
public record EterrainStacks(SecretsStack secrets, DataStack platform, List<DataStack> federations,
                             ContentStack content, MailStack mail, ApiStack api, ConsoleStack console,
                             MonitoringStack monitoring) {

    public static EterrainStacks create(App app) {
        StageConfig config = StageConfig.from(app.getNode());
        Tags.of(app).add("project", "e-terrain");
        Tags.of(app).add("stage", config.stage());
        String prefix = config.prefix();

        SecretsStack secrets = new SecretsStack(app, prefix + "-secrets", config);
        DataStack platform = new DataStack(app, prefix + "-data-platform", config,
                List.of(config.tables().platformTable()));
        // Table names only depend on ids; the mail domain and origins of the seed do not matter here.
        List<Federation> seed = FederationSeed.load(config.mailDomain(), List.of());
        List<DataStack> federations = new ArrayList<>();
        List<List<Federation>> chunks = FederationChunks.of(seed);
        for (int i = 0; i < chunks.size(); i++) {
            federations.add(new DataStack(app, prefix + "-data-" + (i + 1), config,
                    chunks.get(i).stream().map(f -> config.tables().federationTable(f.id())).toList()));
        }
        ContentStack content = new ContentStack(app, prefix + "-content", config);
        MailStack mail = new MailStack(app, prefix + "-mail", config);
        List<IKey> federationKeys = federations.stream().map(DataStack::key).toList();
        ApiStack api = new ApiStack(app, prefix + "-api", config, Wiring.load(),
                new ApiStack.Data(federationKeys, platform.key(), secrets.keys()));
        // Grants and settings use names, not references: make the order explicit for deploy and destroy.
        federations.forEach(data -> api.addStackDependency(data, "grants by table name pattern"));
        api.addStackDependency(platform, "grants by table name");
        api.addStackDependency(content, "grants and forwarded events by bucket name");
        api.addStackDependency(mail, "sends through the configuration set and identity by name");
        ConsoleStack console = new ConsoleStack(app, prefix + "-console", config, api.api(),
                config.repoRoot().resolve("web/console"));
        console.addStackDependency(api, "the /v1/* behaviour points at the HTTP API");
        MonitoringStack monitoring = new MonitoringStack(app, prefix + "-monitoring", config, api);
        monitoring.addStackDependency(api, "alarms on the functions and queues by name");

        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        return new EterrainStacks(secrets, platform, List.copyOf(federations), content, mail, api, console, monitoring);
    }

    /** Every stack, in deploy order. */
    public List<Stack> all() {
        List<Stack> all = new ArrayList<>(List.of(secrets, platform));
        all.addAll(federations);
        all.addAll(List.of(content, mail, api, console, monitoring));
        return List.copyOf(all);
    }
}
