package fr.eterrain.infra;

import fr.eterrain.core.wiring.Grant;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.IKey;

/**
 * IAM statements for a function's {@link Grant}s. Actions are always listed one by one (no wildcards). The
 * federation tables are granted by name pattern: one statement instead of 102, and new federations need no
 * policy change. The only wildcards are in resources, and each one has its cdk-nag suppression
 * ({@link #suppressions}), attached to the role that holds it.
 */
final class AccessPolicies {
    private static final List<String> KEY_READ = List.of("kms:Decrypt", "kms:DescribeKey");
    private static final List<String> KEY_WRITE = List.of("kms:Encrypt", "kms:GenerateDataKey");
    /** HeadObject, GetObject and presigned GETs. */
    static final List<String> OBJECT_READ = List.of("s3:GetObject");
    /** PutObject also covers CreateMultipartUpload, UploadPart and CompleteMultipartUpload (and their presigning). */
    static final List<String> OBJECT_WRITE = Grant.CONTENT_BUCKET_WRITE.actions();

    private final Stack stack;
    private final StageConfig config;
    private final List<IKey> federationKeys;
    private final IKey platformKey;
    private final String busArn;
    private final String configurationSet;
    private final String contentBucket;
    private final Map<Grant, String> secretArns;

    /** @param secretArns the ARN of the secret holding each key (TOKEN_KEYS, HASH_KEY, DATA_KEY) */
    AccessPolicies(Stack stack, StageConfig config, List<IKey> federationKeys, IKey platformKey, String busArn,
                   Map<Grant, String> secretArns) {
        this.stack = stack;
        this.config = config;
        this.federationKeys = List.copyOf(federationKeys);
        this.platformKey = platformKey;
        this.busArn = busArn;
        this.configurationSet = config.configurationSet();
        this.contentBucket = config.contentBucket();
        this.secretArns = Map.copyOf(secretArns);
    }

    /**
     * The statements for these grants: each grant's actions (from core's {@link Grant}) on its resource. Table
     * grants add the table encryption keys (through DynamoDB only): decrypt for reads, encrypt too for writes. A
     * secret grant reads its own secret only: a function holds no key it does not use.
     */
    List<PolicyStatement> statements(Set<Grant> grants) {
        List<PolicyStatement> statements = new ArrayList<>();
        String federations = config.tables().federationTable("*");
        String platform = config.tables().platformTable();
        for (Grant grant : Grant.values()) {
            if (!grants.contains(grant)) {
                continue;
            }
            switch (grant.resource()) {
                case FEDERATION_TABLES -> {
                    statements.add(tables(grant.actions(), federations));
                    statements.add(keys(writes(grant) ? concat(KEY_READ, KEY_WRITE) : KEY_READ, federationKeys));
                }
                case PLATFORM_TABLE -> {
                    statements.add(tables(grant.actions(), platform));
                    statements.add(keys(writes(grant) ? concat(KEY_READ, KEY_WRITE) : KEY_READ, List.of(platformKey)));
                }
                case MAIL -> statements.add(PolicyStatement.Builder.create()
                        .actions(grant.actions())
                        .resources(List.of(arn("ses", "identity", config.mailDomain()),
                                arn("ses", "configuration-set", configurationSet)))
                        .build());
                case EVENT_BUS -> statements.add(PolicyStatement.Builder.create()
                        .actions(grant.actions()).resources(List.of(busArn)).build());
                case CONTENT_BUCKET -> {
                    statements.add(objects(grant.actions().stream().filter(a -> !a.equals("s3:ListBucket")).toList()));
                    if (grant.actions().contains("s3:ListBucket")) {
                        // Without ListBucket S3 answers 403 instead of 404 for a missing upload; limited to uploads/.
                        statements.add(PolicyStatement.Builder.create()
                                .actions(List.of("s3:ListBucket"))
                                .resources(List.of(stack.formatArn(ArnComponents.builder().service("s3").region("")
                                        .account("").resource(contentBucket).build())))
                                .conditions(Map.of("StringLike", Map.of("s3:prefix", List.of("uploads/*"))))
                                .build());
                    }
                }
                case SECRET -> statements.add(PolicyStatement.Builder.create()
                        .actions(grant.actions())
                        .resources(List.of(Objects.requireNonNull(secretArns.get(grant), "no secret for " + grant)))
                        .build());
            }
        }
        return statements;
    }

    private static boolean writes(Grant grant) {
        return grant.actions().stream().anyMatch(a -> a.endsWith("PutItem") || a.endsWith("UpdateItem")
                || a.endsWith("DeleteItem") || a.endsWith("BatchWriteItem"));
    }

    /**
     * The cdk-nag IAM5 (wildcard resource) suppressions for exactly the patterns {@link #statements} uses for these
     * grants, each with its reason.
     */
    List<NagPackSuppression> suppressions(Set<Grant> grants) {
        // Partition, region and account render as literals or as <AWS::...> depending on credentials and region.
        String arn = "^Resource::arn:(<AWS::Partition>|[a-z-]+):";
        String account = "(<AWS::Region>|[a-z0-9-]+):(<AWS::AccountId>|[0-9]+):";
        List<NagPackSuppression> suppressions = new ArrayList<>();
        if (grants.stream().anyMatch(g -> g.resource() == Grant.Resource.FEDERATION_TABLES)) {
            suppressions.add(iam5("One statement covers every federation table of the stage by name pattern "
                    + "(102 tables, new federations need no policy change) and their GSIs",
                    arn + "dynamodb:" + account + "table\\/" + quote(config.tables().federationTable("")) + "\\*"
                            + "(\\/index\\/\\*)?$"));
        }
        if (grants.stream().anyMatch(g -> g.resource() == Grant.Resource.PLATFORM_TABLE)) {
            suppressions.add(iam5("Queries on the platform table's GSIs are authorized on its index ARNs",
                    arn + "dynamodb:" + account + "table\\/" + quote(config.tables().platformTable())
                            + "\\/index\\/\\*$"));
        }
        if (grants.stream().anyMatch(g -> g.resource() == Grant.Resource.CONTENT_BUCKET)) {
            suppressions.add(iam5("Object keys are chosen at runtime; the grant is limited to the objects of the one "
                    + "content bucket, actions listed one by one",
                    arn + "s3:::" + quote(contentBucket) + "\\/\\*$"));
        }
        return suppressions;
    }

    private static NagPackSuppression iam5(String reason, String regex) {
        return NagPackSuppression.builder().id("AwsSolutions-IAM5").reason(reason)
                .appliesTo(List.of(RegexAppliesTo.builder().regex("/" + regex + "/").build())).build();
    }

    private static String quote(String literal) {
        return literal.replaceAll("[^A-Za-z0-9_]", "\\\\$0");
    }

    /** Objects of the content bucket only: never the bucket itself (no listing, no bucket settings). */
    private PolicyStatement objects(List<String> actions) {
        return PolicyStatement.Builder.create()
                .actions(actions)
                .resources(List.of(stack.formatArn(ArnComponents.builder().service("s3").region("").account("")
                        .resource(contentBucket).resourceName("*").build())))
                .build();
    }

    /** The table and its indexes (Query on gsi1 is authorized on the index ARN). */
    private PolicyStatement tables(List<String> actions, String tableName) {
        return PolicyStatement.Builder.create()
                .actions(actions)
                .resources(List.of(arn("dynamodb", "table", tableName),
                        arn("dynamodb", "table", tableName + "/index/*")))
                .build();
    }

    /** Table encryption keys, usable only through DynamoDB. */
    private PolicyStatement keys(List<String> actions, List<IKey> keys) {
        return PolicyStatement.Builder.create()
                .actions(actions)
                .resources(keys.stream().map(IKey::getKeyArn).toList())
                .conditions(Map.of("StringEquals",
                        Map.of("kms:ViaService", "dynamodb." + stack.getRegion() + ".amazonaws.com")))
                .build();
    }

    private String arn(String service, String resource, String name) {
        return stack.formatArn(ArnComponents.builder().service(service).resource(resource).resourceName(name).build());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
