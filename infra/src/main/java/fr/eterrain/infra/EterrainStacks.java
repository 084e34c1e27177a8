package fr.eterrain.infra;

import fr.eterrain.core.federation.Federation;
import fr.eterrain.core.federation.FederationSeed;
import fr.eterrain.core.wiring.Wiring;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.kms.IKey;

/**
 * The stacks of one stage, shared by the app and the tests:
 * {@code <prefix>-secrets}, {@code <prefix>-data-platform}, {@code <prefix>-data-1..n} (federation tables, see
 * {@link FederationChunks}) and {@code <prefix>-api}.
 */
public record EterrainStacks(SecretsStack secrets, DataStack platform, List<DataStack> federations, ApiStack api) {

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
        List<IKey> federationKeys = federations.stream().map(DataStack::key).toList();
        ApiStack api = new ApiStack(app, prefix + "-api", config, Wiring.load(),
                new ApiStack.Data(federationKeys, platform.key(), secrets.keys()));
        // Grants use name patterns, not table references: make the order explicit for deploy and destroy.
        federations.forEach(data -> api.addStackDependency(data, "grants by table name pattern"));
        api.addStackDependency(platform, "grants by table name");
        return new EterrainStacks(secrets, platform, List.copyOf(federations), api);
    }
}
