package fr.eterrain.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CfnBucket;
import software.amazon.awscdk.services.s3.CorsRule;
import software.amazon.awscdk.services.s3.HttpMethods;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * The content bucket ({@code eterrain-<stage>-content}): graphics, videos and podcasts that federations submit
 * through presigned URLs (content library). Never public, versioned, S3-managed encryption, EventBridge
 * notifications on (the "Object Created" events reach the default bus; ApiStack forwards them to the stage bus).
 *
 * <p>Encryption is SSE-S3, not KMS: the content is made to be published and relayed, access is controlled by IAM
 * and short-lived presigned URLs, and SSE-KMS would make every presigned browser GET/PUT a KMS call on the
 * signer's key grant (cost and a second permission to keep right) without protecting anything more.
 *
 * <p>CORS: the federations' website origins live in the platform table and HQ edits them at runtime, so they
 * cannot be baked into the bucket at deploy time. The allowed origins default to {@code *} (override with
 * {@code -c contentOrigins=https://a,https://b}): CORS only lets a page read a response, it authorizes nothing;
 * every request must carry a presigned signature for one key, one method and a short expiry, and no credentials
 * (cookies) are ever accepted by S3 for it.
 */
public final class ContentStack extends Stack {
    /** Objects under {@code uploads/} not moved or removed by the content functions within this are leftovers. */
    public static final int UPLOAD_LEFTOVER_DAYS = 7;
    /** Multipart uploads (large videos) not completed within this are aborted and their parts freed. */
    public static final int INCOMPLETE_MULTIPART_DAYS = 2;
    /** Overwritten or deleted versions are kept this long (recovery from a mistaken delete), then expire. */
    public static final int NONCURRENT_VERSION_DAYS = 30;

    private final Bucket bucket;

    public ContentStack(Construct scope, String id, StageConfig config) {
        super(scope, id, StackProps.builder().env(config.env()).stackName(id)
                // Stateful: prod stacks cannot be deleted by mistake (resources are retained as well).
                .terminationProtection(config.isProd())
                .description("e-terrain " + config.stage() + " content bucket").build());
        bucket = Bucket.Builder.create(this, "Content")
                .bucketName(config.contentBucket())
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .versioned(true)
                .lifecycleRules(List.of(
                        LifecycleRule.builder().id("abort-incomplete-multipart-uploads")
                                .abortIncompleteMultipartUploadAfter(Duration.days(INCOMPLETE_MULTIPART_DAYS)).build(),
                        LifecycleRule.builder().id("expire-upload-leftovers").prefix("uploads/")
                                .expiration(Duration.days(UPLOAD_LEFTOVER_DAYS))
                                .noncurrentVersionExpiration(Duration.days(1)).build(),
                        LifecycleRule.builder().id("expire-noncurrent-versions")
                                .noncurrentVersionExpiration(Duration.days(NONCURRENT_VERSION_DAYS))
                                .expiredObjectDeleteMarker(true).build()))
                .cors(List.of(CorsRule.builder()
                        .allowedOrigins(config.contentOrigins())
                        .allowedMethods(List.of(HttpMethods.GET, HttpMethods.HEAD, HttpMethods.PUT))
                        // Whatever the presigner signed (content type, checksum, metadata) must be sendable.
                        .allowedHeaders(List.of("*"))
                        // ETag: the browser needs each part's ETag to complete a multipart upload.
                        .exposedHeaders(List.of("ETag", "x-amz-version-id"))
                        .maxAge(3000)
                        .build()))
                .removalPolicy(config.removalPolicy())
                .build();
        // EventBridge notifications through CloudFormation itself: Bucket.eventBridgeEnabled would add a custom
        // resource (a Lambda, its role and managed policy) only to call PutBucketNotificationConfiguration.
        CfnBucket cfn = (CfnBucket) bucket.getNode().getDefaultChild();
        cfn.setNotificationConfiguration(CfnBucket.NotificationConfigurationProperty.builder()
                .eventBridgeConfiguration(CfnBucket.EventBridgeConfigurationProperty.builder()
                        .eventBridgeEnabled(true).build())
                .build());
        NagSuppressions.addResourceSuppressions(bucket, List.of(NagPackSuppression.builder().id("AwsSolutions-S1")
                .reason("Objects are reached only through short-lived presigned URLs minted by authenticated, logged API "
                        + "calls; CloudTrail S3 data events are the account-level option for an object access trail")
                .build()));
    }

    public Bucket bucket() {
        return bucket;
    }
}
