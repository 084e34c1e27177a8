package fr.eterrain.infra;

import fr.eterrain.infra.FunctionAccess.Grant;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    private static final List<String> TABLE_READ = List.of("dynamodb:GetItem", "dynamodb:BatchGetItem",
            "dynamodb:Query", "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable");
    private static final List<String> TABLE_WRITE = List.of("dynamodb:PutItem", "dynamodb:UpdateItem",
            "dynamodb:DeleteItem", "dynamodb:BatchWriteItem");
    private static final List<String> KEY_READ = List.of("kms:Decrypt", "kms:DescribeKey");
    private static final List<String> KEY_WRITE = List.of("kms:Encrypt", "kms:GenerateDataKey");
    /** HeadObject, GetObject and presigned GETs. */
    static final List<String> OBJECT_READ = List.of("s3:GetObject");
    /** PutObject also covers CreateMultipartUpload, UploadPart and CompleteMultipartUpload (and their presigning). */
    static final List<String> OBJECT_WRITE = List.of("s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload",
            "s3:ListMultipartUploadParts");

    private final Stack stack;
    private final StageConfig config;
    private final List<IKey> federationKeys;
    private final IKey platformKey;
    private final String busArn;
    private final String configurationSet;
    private final String contentBucket;

    AccessPolicies(Stack stack, StageConfig config, List<IKey> federationKeys, IKey platformKey, String busArn) {
        this.stack = stack;
        this.config = config;
        this.federationKeys = List.copyOf(federationKeys);
        this.platformKey = platformKey;
        this.busArn = busArn;
        this.configurationSet = config.configurationSet();
        this.contentBucket = config.contentBucket();
    }

    List<PolicyStatement> statements(Set<Grant> grants) {
        List<PolicyStatement> statements = new ArrayList<>();
        String federations = config.tables().federationTable("*");
        String platform = config.tables().platformTable();
        if (grants.contains(Grant.FEDERATION_TABLES)) {
            statements.add(tables(concat(TABLE_READ, TABLE_WRITE), federations));
            statements.add(keys(concat(KEY_READ, KEY_WRITE), federationKeys));
        }
        if (grants.contains(Grant.FEDERATION_SCAN)) {
            statements.add(tables(List.of("dynamodb:Scan"), federations));
        }
        if (grants.contains(Grant.PLATFORM_READ)) {
            statements.add(tables(TABLE_READ, platform));
        }
        if (grants.contains(Grant.PLATFORM_WRITE)) {
            statements.add(tables(TABLE_WRITE, platform));
        }
        if (grants.contains(Grant.PLATFORM_READ) || grants.contains(Grant.PLATFORM_WRITE)) {
            statements.add(keys(grants.contains(Grant.PLATFORM_WRITE) ? concat(KEY_READ, KEY_WRITE) : KEY_READ,
                    List.of(platformKey)));
        }
        if (grants.contains(Grant.SEND_MAIL)) {
            statements.add(PolicyStatement.Builder.create()
                    .actions(List.of("ses:SendEmail"))
                    .resources(List.of(arn("ses", "identity", config.mailDomain()),
                            arn("ses", "configuration-set", configurationSet)))
                    .build());
        }
        if (grants.contains(Grant.PUT_EVENTS)) {
            statements.add(PolicyStatement.Builder.create()
                    .actions(List.of("events:PutEvents")).resources(List.of(busArn)).build());
        }
        if (grants.contains(Grant.CONTENT_BUCKET_READ)) {
            statements.add(objects(OBJECT_READ));
            // Without ListBucket S3 answers 403 instead of 404 for a missing upload; limited to the uploads/ prefix.
            statements.add(PolicyStatement.Builder.create()
                    .actions(List.of("s3:ListBucket"))
                    .resources(List.of(stack.formatArn(ArnComponents.builder().service("s3").region("").account("")
                            .resource(contentBucket).build())))
                    .conditions(java.util.Map.of("StringLike", java.util.Map.of("s3:prefix", List.of("uploads/*"))))
                    .build());
        }
        if (grants.contains(Grant.CONTENT_BUCKET_WRITE)) {
            statements.add(objects(OBJECT_WRITE));
        }
        return statements;
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
        if (grants.contains(Grant.FEDERATION_TABLES) || grants.contains(Grant.FEDERATION_SCAN)) {
            suppressions.add(iam5("One statement covers every federation table of the stage by name pattern "
                    + "(102 tables, new federations need no policy change) and their GSIs",
                    arn + "dynamodb:" + account + "table\\/" + quote(config.tables().federationTable("")) + "\\*"
                            + "(\\/index\\/\\*)?$"));
        }
        if (grants.contains(Grant.PLATFORM_READ) || grants.contains(Grant.PLATFORM_WRITE)) {
            suppressions.add(iam5("Queries on the platform table's GSIs are authorized on its index ARNs",
                    arn + "dynamodb:" + account + "table\\/" + quote(config.tables().platformTable())
                            + "\\/index\\/\\*$"));
        }
        if (grants.contains(Grant.CONTENT_BUCKET_READ) || grants.contains(Grant.CONTENT_BUCKET_WRITE)) {
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
