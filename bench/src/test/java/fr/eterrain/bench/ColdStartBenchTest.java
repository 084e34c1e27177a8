package fr.eterrain.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.eterrain.bench.probe.ColdStartProbe.Answer;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.wiring.Wiring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ColdStartBenchTest {
    private static final Wiring WIRING = Wiring.parse(Json.parse("""
            {"functions": {
               "pixel":    {"handler": "fr.eterrain.pixel.PixelFunction", "memoryMb": 1024},
               "feedback": {"handler": "fr.eterrain.feedback.FeedbackFunction", "memoryMb": 512},
               "retention":{"handler": "fr.eterrain.retention.RetentionFunction"},
               "stats":    {"handler": "fr.eterrain.stats.StatsFunction"}},
             "routes": [{"method": "GET", "path": "/v1/o/{token}", "function": "pixel", "permission": "public"}],
             "rules": [{"name": "ses", "source": ["aws.ses"], "detailType": ["Email Bounced", "Email Sent"], "function": "feedback"}],
             "schedules": [{"name": "daily", "expression": "cron(0 3 * * ? *)", "function": "retention"}]}
            """));

    @Test
    void answeredLineRoundTrips() {
        Answer answer = new Answer(812.44, 603.06, 200, 431);
        assertEquals("ANSWERED init_ms=812.4 invoke_ms=603.1 status=200 bytes=431", answer.line());
        assertEquals(new Answer(812.4, 603.1, 200, 431), Answer.parse(answer.line()));
    }

    @Test
    void answeredLineIsFoundAfterOtherOutputAndWithoutStatus() {
        Answer answer = Answer.parse("{\"level\":\"info\"}ANSWERED init_ms=1.5 invoke_ms=20 status=- bytes=2 extra=x");
        assertNotNull(answer);
        assertEquals(-1, answer.status());
        assertEquals(1.5, answer.initMs());
        assertEquals(20.0, answer.invokeMs());
    }

    @Test
    void anythingElseIsNoAnswer() {
        assertNull(Answer.parse(null));
        assertNull(Answer.parse("FAILED phase=init error=java.lang.ClassNotFoundException: x"));
        assertNull(Answer.parse("ANSWERED init_ms=1.0 status=200"));
        assertNull(Answer.parse("ANSWERED init_ms=abc invoke_ms=2 status=200"));
    }

    @Test
    void eachFunctionGetsItsFirstSampleByName(@TempDir Path events) throws Exception {
        Files.writeString(events.resolve("pixel-b.json"), "{\"routeKey\": \"GET /v1/o/{token}\"}");
        Files.writeString(events.resolve("pixel-a.json"), "{\"routeKey\": \"GET /v1/o/{token}\"}");
        Files.writeString(events.resolve("bounce.json"), "{\"detail-type\": \"Email Sent\"}");
        Files.writeString(events.resolve("daily.json"), "{\"federations\": [\"06\"]}");
        Files.writeString(events.resolve("named.json"), "{\"_function\": \"stats\", \"routeKey\": \"GET /v1/o/{token}\"}");
        Files.writeString(events.resolve("unknown-route.json"), "{\"routeKey\": \"GET /nowhere\"}");
        Files.writeString(events.resolve("notes.txt"), "not a sample");

        Map<String, Path> samples = ColdStartBench.samplePerFunction(WIRING, events);

        assertEquals(Map.of("pixel", events.resolve("pixel-a.json"), "feedback", events.resolve("bounce.json"),
                "retention", events.resolve("daily.json"), "stats", events.resolve("named.json")), samples);
    }

    @Test
    void deployableIsTheNewestLambdaJarOfTheFunctionsModule(@TempDir Path root) throws Exception {
        Path target = Files.createDirectories(root.resolve("functions/pixel/target"));
        Files.writeString(target.resolve("pixel-0.1.0-SNAPSHOT.jar"), "thin");
        Path old = Files.writeString(target.resolve("pixel-0.0.9-lambda.jar"), "old");
        Path jar = Files.writeString(target.resolve("pixel-0.1.0-SNAPSHOT-lambda.jar"), "shaded");
        Files.writeString(target.resolve("pixel-extra-0.1.0-SNAPSHOT-lambda.jar"), "another module's");
        assertTrue(old.toFile().setLastModified(jar.toFile().lastModified() - 60_000));

        assertEquals(jar, ColdStartBench.functionJar(root, WIRING.functions().get("pixel")).orElseThrow());
        assertTrue(ColdStartBench.functionJar(root, WIRING.functions().get("stats")).isEmpty());
        assertEquals(target.resolve("pixel-0.1.0-SNAPSHOT.jar"), ColdStartBench.newest(target, "pixel-", ".jar").orElseThrow());
    }

    @Test
    void heapIsLambdasEightyFivePercentOfMemory() {
        assertEquals(445_645, ColdStartBench.heapKiB(512)); // -XX:MaxHeapSize=445645k, seen on a 512 MB function
        assertEquals(891_290, ColdStartBench.heapKiB(1024));
    }

    @Test
    void environmentIsLambdasPlusTheSettings() {
        Map<String, String> env = ColdStartBench.lambdaEnvironment(Map.of("STAGE", "bench", "AWS_REGION", "eu-west-3"),
                WIRING.functions().get("feedback"), "fr.eterrain.feedback.FeedbackFunction");
        assertEquals("bench", env.get("STAGE"));
        assertEquals("512", env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"));
        assertEquals("eu-west-3", env.get("AWS_DEFAULT_REGION"));
        assertEquals("fr.eterrain.feedback.FeedbackFunction", env.get("_HANDLER"));
        assertTrue(env.get("AWS_EXECUTION_ENV").startsWith("AWS_Lambda_java"));
    }

    @Test
    void aServerErrorOrNoAnswerIsAnError() throws Exception {
        ColdStartBench.Run ok = ColdStartBench.run(List.of("sh", "-c",
                "echo noise; echo 'ANSWERED init_ms=1.0 invoke_ms=2.0 status=404 bytes=3'"), Map.of());
        assertNull(ok.error());
        assertEquals(404, ok.answer().status());
        assertTrue(ok.wallNanos() > 0);

        ColdStartBench.Run server = ColdStartBench.run(List.of("sh", "-c",
                "echo 'boom'; echo 'ANSWERED init_ms=1.0 invoke_ms=2.0 status=503 bytes=3'"), Map.of());
        assertTrue(server.error().startsWith("answered 503"), server.error());
        assertTrue(server.error().contains("boom"), server.error());

        ColdStartBench.Run failed = ColdStartBench.run(List.of("sh", "-c",
                "echo 'FAILED phase=init error=java.lang.ClassNotFoundException: x'; exit 1"), Map.of());
        assertEquals("FAILED phase=init error=java.lang.ClassNotFoundException: x", failed.error());

        ColdStartBench.Run silent = ColdStartBench.run(List.of("sh", "-c", "echo 'Exception in thread main'; exit 3"), Map.of());
        assertTrue(silent.error().startsWith("exited with 3 without an ANSWERED line"), silent.error());
    }

    @Test
    void samplesWithThePlaceholderKeyRunWithARealOne(@TempDir Path dir) throws Exception {
        Path events = Files.createDirectories(dir.resolve("events"));
        Path copies = Files.createDirectories(dir.resolve("copies"));
        Path pixel = Files.writeString(events.resolve("pixel-open.json"), "{\"headers\": {}}");
        Path stats = Files.writeString(events.resolve("stats.json"),
                "{\"headers\": {\"authorization\": \"Bearer et_sample_key\"}, \"x\": 1}");
        Map<String, ColdStartBench.Target> targets = new java.util.TreeMap<>(Map.of(
                "pixel", new ColdStartBench.Target(WIRING.functions().get("pixel"), pixel, pixel, pixel),
                "stats", new ColdStartBench.Target(WIRING.functions().get("stats"), stats, stats, stats)));

        ColdStartBench.withRealKey(targets, copies, "et_abc_def");

        assertEquals(pixel, targets.get("pixel").event());
        assertEquals(stats, targets.get("stats").sample());
        assertEquals(copies.resolve("stats.json"), targets.get("stats").event());
        assertEquals("{\"headers\": {\"authorization\": \"Bearer et_abc_def\"}, \"x\": 1}",
                Files.readString(targets.get("stats").event()));
    }

    @Test
    void errorsFitInATableCell() {
        assertEquals("a/b c", ColdStartBench.cell("a|b\nc"));
    }
}
