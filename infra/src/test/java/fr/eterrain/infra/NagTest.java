package fr.eterrain.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;

/**
 * cdk-nag's AwsSolutions checks run on every synth (an unsuppressed finding fails it); here, on the reports they
 * write: every stack checked, nothing non-compliant left, every suppression resource-level and justified.
 */
class NagTest {
    /** Rules suppressed somewhere, each for reasons written next to the resource. A new one needs a review. */
    private static final Set<String> SUPPRESSED_RULES = Set.of(
            "AwsSolutions-IAM5",   // wildcard resources: table name pattern, GSI ARNs, content bucket objects
            "AwsSolutions-APIG4",  // routes authorized by the functions (API keys) or public by design
            "AwsSolutions-SMG4",   // application keys rotated by hand
            "AwsSolutions-SQS3",   // the failure queues are themselves dead-letter queues
            "AwsSolutions-S1",     // content and console buckets: no server access logs
            "AwsSolutions-CFR1",   // console distribution: members sign in from abroad (FFE), no geo restriction
            "AwsSolutions-CFR2",   // console distribution: throttles and sign-in limits in the API, WAF per stage
            "AwsSolutions-CFR3",   // console distribution: API requests logged by API Gateway and the functions
            "AwsSolutions-CFR4",   // console distribution: the default certificate until a stage has its domain
            "AwsSolutions-IAM4",   // CDK's BucketDeployment (console files): basic execution role
            "AwsSolutions-L1");    // CDK's BucketDeployment pins its runtime
    private static Synthesized app;

    @BeforeAll
    static void synth() {
        app = Synthesized.dev();
    }

    @Test
    void everyStackWasChecked() {
        int findings = 0;
        for (Stack stack : app.allStacks()) {
            findings += app.nagReport(stack).size(); // fails if the stack has no report
        }
        assertTrue(findings > 100, "only " + findings + " checks ran");
    }

    @Test
    void nothingNonCompliantIsLeft() {
        for (Stack stack : app.allStacks()) {
            List<String> open = app.nagReport(stack).stream()
                    .filter(line -> line.get(2).equals("Non-Compliant"))
                    .map(line -> line.get(4) + " " + line.get(0) + " " + line.get(1)).toList();
            assertEquals(List.of(), open, stack.getStackName());
        }
    }

    @Test
    void everySuppressionIsJustifiedAndExpected() {
        Set<String> suppressed = new TreeSet<>();
        for (Stack stack : app.allStacks()) {
            for (List<String> line : app.nagReport(stack)) {
                if (line.get(2).equals("Suppressed")) {
                    String reason = line.get(3);
                    assertTrue(reason.length() >= 40 && !reason.contains("\n"),
                            line.get(0) + " on " + line.get(1) + ": a one-line reason, not \"" + reason + "\"");
                    suppressed.add(line.get(0).replaceAll("\\[.*", ""));
                }
            }
        }
        assertTrue(SUPPRESSED_RULES.containsAll(suppressed), "unexpected suppressions: " + suppressed);
    }

    @Test
    void suppressionsAreResourceLevelNeverStackWide() {
        app.json.forEach((stack, template) ->
                assertTrue(template.path("Metadata").path("cdk_nag").isMissingNode(), stack + " suppresses stack-wide"));
    }

    @Test
    void wildcardSuppressionsNameTheirPattern() {
        // IAM5 is suppressed per finding (appliesTo), never for a whole policy.
        app.resourcesOfType("AWS::IAM::Policy").forEach((id, policy) -> {
            for (var rule : policy.path("Metadata").path("cdk_nag").path("rules_to_suppress")) {
                if (rule.path("id").asText().equals("AwsSolutions-IAM5")) {
                    assertFalse(rule.path("applies_to").isEmpty(), id + " suppresses IAM5 without appliesTo");
                }
            }
        });
    }
}
