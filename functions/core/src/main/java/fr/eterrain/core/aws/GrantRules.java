package fr.eterrain.core.aws;

import fr.eterrain.core.config.Settings;
import fr.eterrain.core.log.Log;
import fr.eterrain.core.store.TableLayout;
import fr.eterrain.core.wiring.Grant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The local stand-in for IAM, whatever the client: which resource a call touches, and whether one of the function's
 * wiring grants allows its action there. {@link GrantCheck} applies it to the SDK's calls, the direct DynamoDB
 * client ({@code aws.lite}) to its own.
 */
public final class GrantRules {
    private static final Log LOG = Log.of("GrantCheck");

    /** One action on one resource, as IAM sees it. */
    public record Call(Grant.Resource resource, String action, String name) {
    }

    private final String function;
    private final Set<Grant> grants;
    private final String platformTable;
    private final String federationTablePrefix;
    private final String bucket;

    public GrantRules(String function, Set<Grant> grants, String platformTable, String federationTablePrefix, String bucket) {
        this.function = function;
        this.grants = Set.copyOf(grants);
        this.platformTable = platformTable;
        this.federationTablePrefix = federationTablePrefix;
        this.bucket = bucket;
    }

    /**
     * With {@code GRANTS} (the local runtime sets a function's wiring grants), every call is checked against them
     * before it leaves, as IAM does in the cloud; without it (in Lambda), nothing is checked here.
     */
    public static Optional<GrantRules> of(Settings settings) {
        return settings.optional("GRANTS").map(names -> {
            Set<Grant> grants = EnumSet.noneOf(Grant.class);
            for (String name : names.split(",")) {
                grants.add(Grant.parse(name.trim())
                        .orElseThrow(() -> new IllegalStateException("GRANTS: unknown grant " + name)));
            }
            TableLayout layout = new TableLayout(settings.tablePrefix());
            return new GrantRules(settings.get("WIRING_FUNCTION", "this function"), grants, layout.platformTable(),
                    layout.federationTable(""), settings.contentBucket());
        });
    }

    public boolean allowed(Call call) {
        return call.resource() != null && grants.stream()
                .anyMatch(g -> g.resource() == call.resource() && g.actions().contains(call.action()));
    }

    /** Refuses the first call no grant allows, naming it. */
    public void require(List<Call> calls) {
        for (Call call : calls) {
            if (!allowed(call)) {
                LOG.error("call not granted", null, "function", function, "action", call.action(), "resource", call.name());
                throw new IllegalStateException(function + " is not granted " + call.action() + " on " + call.name()
                        + " by its grants in functions/wiring.json " + grants);
            }
        }
    }

    public Call table(String action, String name) {
        Grant.Resource resource = name.equals(platformTable) ? Grant.Resource.PLATFORM_TABLE
                : name.startsWith(federationTablePrefix) ? Grant.Resource.FEDERATION_TABLES : null;
        return new Call(resource, "dynamodb:" + action, "table " + name);
    }

    Call object(String action, String bucketName, String key) {
        return new Call(bucket.equals(bucketName) ? Grant.Resource.CONTENT_BUCKET : null, action,
                "an object of bucket " + bucketName);
    }

    boolean ownsBucket(String bucketName) {
        return bucket.equals(bucketName);
    }
}
