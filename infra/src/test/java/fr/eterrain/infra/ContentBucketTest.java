package fr.eterrain.infra;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The content bucket: private, encrypted, versioned, self-cleaning, open to presigned browser uploads. */
class ContentBucketTest {
    private static Template content;

    @BeforeAll
    static void synth() {
        Synthesized app = Synthesized.dev();
        content = app.template(app.stacks.content());
    }

    @Test
    void privateEncryptedAndVersioned() {
        content.resourceCountIs("AWS::S3::Bucket", 1);
        content.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "BucketName", "eterrain-dev-content",
                "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                "OwnershipControls", Map.of("Rules", List.of(Map.of("ObjectOwnership", "BucketOwnerEnforced"))),
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                        "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
                "VersioningConfiguration", Map.of("Status", "Enabled")));
        content.hasResourceProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument", Match.objectLike(Map.of(
                "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of("Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))))))))));
    }

    @Test
    void lifecycleAbortsMultipartUploadsAndExpiresLeftovers() {
        content.hasResourceProperties("AWS::S3::Bucket", Map.of("LifecycleConfiguration", Map.of("Rules", List.of(
                Match.objectLike(Map.of("Status", "Enabled", "AbortIncompleteMultipartUpload",
                        Map.of("DaysAfterInitiation", ContentStack.INCOMPLETE_MULTIPART_DAYS))),
                Match.objectLike(Map.of("Status", "Enabled", "Prefix", "uploads/",
                        "ExpirationInDays", ContentStack.UPLOAD_LEFTOVER_DAYS)),
                Match.objectLike(Map.of("Status", "Enabled", "NoncurrentVersionExpiration",
                        Map.of("NoncurrentDays", ContentStack.NONCURRENT_VERSION_DAYS)))))));
    }

    @Test
    void corsLetsBrowsersUsePresignedUrlsAndEventsGoToEventBridge() {
        content.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "CorsConfiguration", Map.of("CorsRules", List.of(Match.objectLike(Map.of(
                        "AllowedMethods", List.of("GET", "HEAD", "PUT"),
                        "AllowedOrigins", List.of("*"),
                        "ExposedHeaders", Match.arrayWith(List.of("ETag")))))),
                "NotificationConfiguration", Map.of("EventBridgeConfiguration", Map.of("EventBridgeEnabled", true))));
        // Natively, not through the notifications custom resource (a Lambda with a managed policy).
        content.resourceCountIs("Custom::S3BucketNotifications", 0);
        content.resourceCountIs("AWS::Lambda::Function", 0);
    }

    @Test
    void originsCanBeNarrowedFromContext() {
        App app = App.Builder.create().context(Map.of("stage", "dev", "region", "eu-west-3",
                "contentOrigins", "https://a.example, https://b.example")).build();
        StageConfig config = StageConfig.from(app.getNode());
        Template template = Template.fromStack(new ContentStack(app, "eterrain-dev-content", config));
        template.hasResourceProperties("AWS::S3::Bucket", Map.of("CorsConfiguration", Map.of("CorsRules",
                List.of(Match.objectLike(Map.of("AllowedOrigins", List.of("https://a.example", "https://b.example")))))));
    }

    @Test
    void prodRetainsTheBucket() {
        ContentStack stack = new ContentStack(new App(), "eterrain-prod-content", Synthesized.prodConfig());
        assertTrue(stack.getTerminationProtection());
        Template prod = Template.fromStack(stack);
        prod.hasResource("AWS::S3::Bucket", Map.of("DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain",
                "Properties", Match.objectLike(Map.of("BucketName", "eterrain-prod-content"))));
    }
}
