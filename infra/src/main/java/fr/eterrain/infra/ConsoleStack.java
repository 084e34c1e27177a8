package fr.eterrain.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.HeadersFrameOption;
import software.amazon.awscdk.services.cloudfront.HeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.HttpVersion;
import software.amazon.awscdk.services.cloudfront.OriginProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.OriginRequestPolicy;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentTypeOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersFrameOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentSecurityPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersStrictTransportSecurity;
import software.amazon.awscdk.services.cloudfront.ResponseSecurityHeadersBehavior;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.HttpOrigin;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.iam.CfnPolicy;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.deployment.BucketDeployment;
import software.amazon.awscdk.services.s3.deployment.Source;
import software.constructs.Construct;

/**
 * The console and the API on one origin, so the session cookie never crosses sites: a CloudFront distribution
 * sends {@code /v1/*} to the HTTP API (nothing cached, every viewer header but Host forwarded, cookies included) and
 * everything else to a private bucket ({@code <prefix>-console}) read through an origin access control. The console's
 * files come from {@code web/console} when that folder exists (deployed and pruned on every deploy); the pages get
 * the console's strict CSP and the usual security headers. Set {@code -c publicBaseUrl=https://<this distribution or
 * its custom domain>}: links in emails and the CSRF origin check use it.
 */
public final class ConsoleStack extends Stack {
    /**
     * The console's security headers, declared once in {@code web/security-headers.json} (the local runtime sends
     * the same set): the CSP (CONTRACT: no inline script or style, nothing from elsewhere) and the others.
     */
    static Map<String, String> securityHeaders(Path file) {
        try {
            var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile()).path("headers");
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            tree.fields().forEachRemaining(e -> headers.put(e.getKey().toLowerCase(java.util.Locale.ROOT), e.getValue().asText()));
            if (!headers.containsKey("content-security-policy")) {
                throw new IllegalStateException(file + " declares no content-security-policy");
            }
            return headers;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read the console's security headers " + file, e);
        }
    }

    /** Headers CloudFront sets from its own security-headers settings; the others go as custom headers. */
    private static final java.util.Set<String> BUILT_IN = java.util.Set.of("content-security-policy",
            "x-content-type-options", "x-frame-options", "referrer-policy", "strict-transport-security");

    private final Bucket bucket;
    private final Distribution distribution;

    public ConsoleStack(Construct scope, String id, StageConfig config, HttpApi api, Path consoleFolder) {
        super(scope, id, StackProps.builder().env(config.env()).stackName(id)
                .description("e-terrain " + config.stage() + " console and API behind one CloudFront distribution").build());
        bucket = Bucket.Builder.create(this, "Console")
                .bucketName(config.prefix() + "-console")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .removalPolicy(config.removalPolicy())
                .autoDeleteObjects(false)
                .build();
        NagSuppressions.addResourceSuppressions(bucket, List.of(NagPackSuppression.builder().id("AwsSolutions-S1")
                .reason("Static console files, the same for everyone and rebuilt from git on every deploy; reads go "
                        + "through CloudFront only (origin access control)").build()));

        Map<String, String> declared = securityHeaders(consoleFolder.resolveSibling("security-headers.json"));
        var custom = declared.entrySet().stream().filter(e -> !BUILT_IN.contains(e.getKey()))
                .map(e -> software.amazon.awscdk.services.cloudfront.ResponseCustomHeader.builder()
                        .header(e.getKey()).value(e.getValue()).override(true).build())
                .toList();
        ResponseHeadersPolicy headers = ResponseHeadersPolicy.Builder.create(this, "ConsoleHeaders")
                .responseHeadersPolicyName(config.prefix() + "-console")
                .securityHeadersBehavior(ResponseSecurityHeadersBehavior.builder()
                        .contentSecurityPolicy(ResponseHeadersContentSecurityPolicy.builder()
                                .contentSecurityPolicy(declared.get("content-security-policy"))
                                .override(true).build())
                        .strictTransportSecurity(ResponseHeadersStrictTransportSecurity.builder()
                                .accessControlMaxAge(Duration.days(365)).includeSubdomains(true).override(true).build())
                        .contentTypeOptions(ResponseHeadersContentTypeOptions.builder().override(true).build())
                        .frameOptions(ResponseHeadersFrameOptions.builder().frameOption(HeadersFrameOption.DENY).override(true).build())
                        .referrerPolicy(ResponseHeadersReferrerPolicy.builder()
                                .referrerPolicy(HeadersReferrerPolicy.NO_REFERRER).override(true).build())
                        .build())
                .customHeadersBehavior(software.amazon.awscdk.services.cloudfront.ResponseCustomHeadersBehavior.builder()
                        .customHeaders(custom).build())
                .build();

        // https://<id>.execute-api.<region>.amazonaws.com → its host name.
        String apiHost = Fn.select(2, Fn.split("/", api.getApiEndpoint()));
        distribution = Distribution.Builder.create(this, "Site")
                .comment("e-terrain " + config.stage() + ": console and /v1/* API")
                .defaultRootObject("index.html")
                .httpVersion(HttpVersion.HTTP2_AND_3)
                .priceClass(PriceClass.PRICE_CLASS_100)
                .defaultBehavior(BehaviorOptions.builder()
                        .origin(S3BucketOrigin.withOriginAccessControl(bucket))
                        .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                        .cachePolicy(CachePolicy.CACHING_OPTIMIZED)
                        .responseHeadersPolicy(headers)
                        .compress(true)
                        .build())
                .additionalBehaviors(Map.of("/v1/*", BehaviorOptions.builder()
                        .origin(HttpOrigin.Builder.create(apiHost).protocolPolicy(OriginProtocolPolicy.HTTPS_ONLY).build())
                        .viewerProtocolPolicy(ViewerProtocolPolicy.HTTPS_ONLY)
                        .allowedMethods(AllowedMethods.ALLOW_ALL)
                        .cachePolicy(CachePolicy.CACHING_DISABLED)
                        .originRequestPolicy(OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER)
                        .build()))
                .build();
        NagSuppressions.addResourceSuppressions(distribution, List.of(
                NagPackSuppression.builder().id("AwsSolutions-CFR1").reason("A national party's federations include "
                        + "the French abroad (FFE): members sign in from every country, no geographic restriction").build(),
                NagPackSuppression.builder().id("AwsSolutions-CFR2").reason("The API throttles per route and the functions "
                        + "limit sign-ins per address and source; a WAF web ACL can be attached per stage when needed").build(),
                NagPackSuppression.builder().id("AwsSolutions-CFR3").reason("API requests are logged by API Gateway and the "
                        + "functions; the console files are static and public to anyone signing in").build(),
                NagPackSuppression.builder().id("AwsSolutions-CFR4").reason("The default CloudFront certificate until the "
                        + "stage is given its own domain; with one, the minimum protocol becomes TLSv1.2_2021").build()));

        if (Files.isDirectory(consoleFolder)) {
            // Its own role rather than CDK's default (which carries the AWS managed basic execution policy): logs for
            // its own function, then the copy's grants, narrowed below to the actions a sync with prune performs.
            Role deployer = Role.Builder.create(this, "ConsoleFilesDeployer")
                    .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                    .description("Copies web/console into the console bucket during deploys")
                    .inlinePolicies(Map.of("logs", PolicyDocument.Builder.create().statements(List.of(
                            PolicyStatement.Builder.create()
                                    .actions(List.of("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"))
                                    .resources(List.of(Fn.sub("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}"
                                            + ":log-group:/aws/lambda/*")))
                                    .build())).build()))
                    .build();
            BucketDeployment.Builder.create(this, "ConsoleFiles")
                    .role(deployer)
                    // The pages only: npm's files (axe-core is for the tests) stay on the build machine.
                    .sources(List.of(Source.asset(consoleFolder.toString(), software.amazon.awscdk.services.s3.assets.AssetOptions
                            .builder().exclude(List.of("node_modules", "package.json", "package-lock.json", ".*")).build())))
                    .destinationBucket(bucket)
                    .distribution(distribution)
                    .distributionPaths(List.of("/*"))
                    .prune(true)
                    .memoryLimit(512)
                    .build();
            narrowDeploymentGrants(deployer);
            NagSuppressions.addResourceSuppressions(deployer, List.of(
                    NagPackSuppression.builder().id("AwsSolutions-IAM5").reason("The deployment's own log groups; CDK's "
                            + "wildcard copy grants, which cdk-nag reads before narrowDeploymentGrants replaces them with "
                            + "named actions (ConsoleTest checks the template)")
                            .appliesTo(List.of(
                                    regex("^Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws/lambda/\\*$"),
                                    regex("^Action::s3:(GetBucket|GetObject|List|Abort|DeleteObject)\\*$"),
                                    regex("^Resource::arn:aws:s3:::cdk-[a-z0-9]+-assets-.*\\/\\*$"),
                                    regex("^Resource::<Console[A-Za-z0-9]+\\.Arn>\\/\\*$"),
                                    "Resource::*")).build()), true);
            // On CDK's singleton function of BucketDeployment (a child of the stack named Custom::CDKBucketDeployment…)
            // and its role, nowhere else.
            software.constructs.IConstruct handler = getNode().getChildren().stream()
                    .filter(c -> c.getNode().getId().startsWith("Custom::CDKBucketDeployment")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("BucketDeployment's function not found"));
            NagSuppressions.addResourceSuppressions(handler, List.of(
                    NagPackSuppression.builder().id("AwsSolutions-IAM4").reason("CDK's BucketDeployment custom resource "
                            + "runs with the AWS managed basic execution role (logs only), nothing else").build(),
                    NagPackSuppression.builder().id("AwsSolutions-IAM5").reason("CDK's BucketDeployment copies the asset "
                            + "objects into the console bucket and invalidates the distribution: those wildcards only")
                            .appliesTo(List.of(
                                    regex("^Action::s3:(GetBucket|GetObject|List|Abort|DeleteObject)\\*$"),
                                    regex("^Resource::arn:aws:s3:::cdk-[a-z0-9]+-assets-.*\\/\\*$"),
                                    regex("^Resource::<Console[A-Za-z0-9]+\\.Arn>\\/\\*$"),
                                    "Resource::*")).build(),
                    NagPackSuppression.builder().id("AwsSolutions-L1").reason("CDK's BucketDeployment pins its own "
                            + "runtime; it runs only during deploys").build()), true);
        }
        CfnOutput.Builder.create(this, "SiteUrl").value("https://" + distribution.getDistributionDomainName())
                .description("The console and API origin: set -c publicBaseUrl to it (or to its custom domain)").build();
    }

    /**
     * CDK grants the deployment {@code s3:GetBucket*}, {@code s3:GetObject*}, {@code s3:List*} (and more) on the asset
     * and console buckets; the copy needs only these named actions. Statement 0 is the asset bucket (read), 1 the
     * console bucket (sync with prune), 2 the invalidation; ConsoleTest checks that order and these actions.
     */
    private static void narrowDeploymentGrants(Role deployer) {
        Policy policy = (Policy) deployer.getNode().findChild("DefaultPolicy");
        CfnPolicy cfn = (CfnPolicy) policy.getNode().getDefaultChild();
        cfn.addPropertyOverride("PolicyDocument.Statement.0.Action", List.of("s3:GetObject", "s3:ListBucket"));
        cfn.addPropertyOverride("PolicyDocument.Statement.1.Action", List.of("s3:GetObject", "s3:ListBucket",
                "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"));
    }

    private static io.github.cdklabs.cdknag.RegexAppliesTo regex(String pattern) {
        return io.github.cdklabs.cdknag.RegexAppliesTo.builder().regex("/" + pattern + "/").build();
    }

    public Bucket bucket() {
        return bucket;
    }

    public Distribution distribution() {
        return distribution;
    }
}
