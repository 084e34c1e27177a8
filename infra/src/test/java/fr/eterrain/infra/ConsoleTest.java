package fr.eterrain.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One origin for the console and the API: /v1/* to the HTTP API uncached, the rest from the private bucket (OAC). */
class ConsoleTest {
    private final Synthesized app = Synthesized.dev();

    private JsonNode resources() {
        return app.json.get(app.stacks.console().getStackName()).get("Resources");
    }

    private List<JsonNode> ofType(String type) {
        List<JsonNode> found = new ArrayList<>();
        resources().forEach(r -> {
            if (r.path("Type").asText().equals(type)) {
                found.add(r);
            }
        });
        return found;
    }

    @Test
    void v1GoesToTheApiAndTheRestToThePrivateBucket() {
        List<JsonNode> distributions = ofType("AWS::CloudFront::Distribution");
        assertEquals(1, distributions.size());
        JsonNode config = distributions.get(0).at("/Properties/DistributionConfig");
        JsonNode api = config.get("CacheBehaviors").get(0);
        assertEquals("/v1/*", api.get("PathPattern").asText());
        assertEquals(7, api.get("AllowedMethods").size(), "every method reaches the API");
        assertEquals("4135ea2d-6df8-44a3-9df3-4b5a84be39ad", api.get("CachePolicyId").asText(), "CachingDisabled");
        assertEquals("https-only", api.get("ViewerProtocolPolicy").asText());
        assertEquals("redirect-to-https", config.at("/DefaultCacheBehavior/ViewerProtocolPolicy").asText());
        assertEquals("index.html", config.get("DefaultRootObject").asText());
        boolean oac = false;
        for (JsonNode origin : config.get("Origins")) {
            oac |= origin.has("OriginAccessControlId") && origin.has("S3OriginConfig");
        }
        assertTrue(oac, "the bucket is read through an origin access control");
        assertEquals(1, ofType("AWS::CloudFront::OriginAccessControl").size());
    }

    @Test
    void theBucketIsPrivateAndThePagesGetTheConsolesCsp() {
        JsonNode bucket = ofType("AWS::S3::Bucket").get(0).get("Properties");
        JsonNode block = bucket.get("PublicAccessBlockConfiguration");
        assertTrue(block.get("BlockPublicAcls").asBoolean() && block.get("RestrictPublicBuckets").asBoolean());
        JsonNode policy = ofType("AWS::CloudFront::ResponseHeadersPolicy").get(0)
                .at("/Properties/ResponseHeadersPolicyConfig/SecurityHeadersConfig");
        java.util.Map<String, String> declared = ConsoleStack.securityHeaders(
                java.nio.file.Path.of("..", "web", "security-headers.json").toAbsolutePath().normalize());
        assertEquals(declared.get("content-security-policy"), policy.at("/ContentSecurityPolicy/ContentSecurityPolicy").asText());
        assertTrue(policy.at("/ContentSecurityPolicy/ContentSecurityPolicy").asText().contains("frame-ancestors 'none'"));
        String custom = ofType("AWS::CloudFront::ResponseHeadersPolicy").get(0)
                .at("/Properties/ResponseHeadersPolicyConfig/CustomHeadersConfig").toString();
        assertTrue(custom.contains("permissions-policy") && custom.contains(declared.get("permissions-policy")), custom);
        assertEquals("DENY", policy.at("/FrameOptions/FrameOption").asText());
        String bucketPolicy = ofType("AWS::S3::BucketPolicy").get(0).toString();
        assertTrue(bucketPolicy.contains("cloudfront.amazonaws.com"), "only CloudFront reads it: " + bucketPolicy);
    }

    /** The copy of web/console during deploys reads the asset bucket and syncs the console bucket: named actions only. */
    @Test
    void theFilesAreCopiedByARoleWithNamedActionsOnly() {
        if (!java.nio.file.Files.isDirectory(java.nio.file.Path.of("..", "web", "console"))) {
            return;
        }
        JsonNode deployer = null;
        for (JsonNode policy : ofType("AWS::IAM::Policy")) {
            if (policy.at("/Properties/Roles/0/Ref").asText().startsWith("ConsoleFilesDeployer")) {
                deployer = policy.at("/Properties/PolicyDocument/Statement");
            }
        }
        assertTrue(deployer != null, "the deployment's policy is on its own role");
        assertTrue(deployer.get(0).get("Resource").toString().contains("assets"), "statement 0 is the asset bucket");
        assertEquals("[\"s3:GetObject\",\"s3:ListBucket\"]", deployer.get(0).get("Action").toString());
        assertTrue(deployer.get(1).get("Resource").toString().contains("Console"), "statement 1 is the console bucket");
        assertEquals("[\"s3:GetObject\",\"s3:ListBucket\",\"s3:PutObject\",\"s3:DeleteObject\",\"s3:AbortMultipartUpload\"]",
                deployer.get(1).get("Action").toString());
        for (JsonNode role : ofType("AWS::IAM::Role")) {
            assertTrue(role.at("/Properties/ManagedPolicyArns").isMissingNode(), "no managed policy: " + role);
        }
    }
}
