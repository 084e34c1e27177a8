package fr.eterrain.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;

class StageConfigTest {

    @Test
    void devByDefaultWithTheDocumentedPrefix() {
        StageConfig config = StageConfig.from(new App().getNode());
        assertEquals("dev", config.stage());
        assertEquals("eterrain-dev", config.prefix());
        assertEquals("eterrain-dev-fed-2a", config.tables().federationTable("2A"));
        assertEquals(FunctionCode.Mode.JARS, config.codeMode());
        assertEquals("eterrain-dev", config.configurationSet());
        assertEquals("eterrain-dev-content", config.contentBucket());
        assertEquals(List.of("*"), config.contentOrigins());
        assertTrue(config.alarmEmail().isEmpty(), "the alarm subscription is optional");
    }

    @Test
    void theContextRegionWinsOverTheCliDefault() {
        App app = App.Builder.create().context(Map.of("region", "eu-west-1")).build();
        assertEquals("eu-west-1", StageConfig.from(app.getNode()).env().getRegion());
        assertEquals("eu-west-3", Synthesized.cdkJsonContext().get("region"), "cdk.json pins the data to Paris");
    }

    @Test
    void unknownStagesAreRefused() {
        App app = App.Builder.create().context(Map.of("stage", "staging")).build();
        assertThrows(IllegalArgumentException.class, () -> StageConfig.from(app.getNode()));
    }

    @Test
    void prodNeedsItsMailDomain() {
        App app = App.Builder.create().context(Map.of("stage", "prod")).build();
        assertThrows(IllegalArgumentException.class, () -> StageConfig.from(app.getNode()));
        App named = App.Builder.create().context(Map.of("stage", "prod", "mailDomain", "mail.example.org",
                "lambdaCode", "jars-or-placeholder")).build();
        StageConfig config = StageConfig.from(named.getNode());
        assertEquals("mail.example.org", config.mailDomain());
        assertEquals(FunctionCode.Mode.JARS_OR_PLACEHOLDER, config.codeMode());
    }
}
