package fr.eterrain.core.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.eterrain.core.Platform;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.log.Log;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The public development keys never reach a deployed function, and a function holds only the keys it is granted. */
class SecretsTest {
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    /** The log lines written while running this. */
    private static String logged(Runnable action) {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        Log.redirect(new PrintStream(lines, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            Log.redirect(System.out);
        }
        return lines.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aDeployedFunctionWithoutStageAndSecretsStopsAtInitSayingWhy() {
        Settings deployed = Settings.of(Map.of("AWS_LAMBDA_FUNCTION_NAME", "eterrain-prod-signup"));
        String log = logged(() -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Secrets.hashKeys(deployed));
            assertTrue(e.getMessage().contains("STAGE is not set"), e.getMessage());
        });
        assertTrue(log.contains("\"level\":\"ERROR\"") && log.contains("function cannot start") && log.contains("HASH_KEY"), log);
        assertThrows(IllegalStateException.class, () -> new Platform(deployed).hash(), "the platform refuses to build it");
    }

    @Test
    void outsideLocalAndTestAMissingSecretStopsTheFunction() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Secrets.dataKeys(Settings.of(Map.of("STAGE", "prod"))));
        assertTrue(e.getMessage().contains("DATA_KEY is missing for stage prod"), e.getMessage());
        assertDoesNotThrow(() -> Secrets.dataKeys(Settings.of(Map.of("STAGE", "test"))), "development keys on test");
        assertDoesNotThrow(() -> Secrets.dataKeys(Settings.of(Map.of())), "and on a developer's machine");
    }

    @Test
    void aFunctionGetsOnlyTheKeysItsGrantsName() {
        Settings pixel = Settings.of(Map.of("STAGE", "dev", "TOKEN_KEYS", "t1:" + KEY, "GRANTS", "FEDERATION_TRACKING,TOKEN_KEYS"));
        Platform platform = new Platform(pixel);
        assertDoesNotThrow(platform::tracker, "what the pixel uses");
        IllegalStateException noData = assertThrows(IllegalStateException.class, platform::contentStore);
        assertTrue(noData.getMessage().contains("DATA_KEY is not granted"), noData.getMessage());
        assertThrows(IllegalStateException.class, platform::hash);
        // Granted locally but absent: the development key stands in only on local and test stages.
        assertThrows(IllegalStateException.class, () -> Secrets.hashKeys(Settings.of(Map.of("STAGE", "dev", "GRANTS", "HASH_KEY"))));
    }

    @Test
    void keysAreRingsTheCurrentOneFirst() {
        String other = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
        assertEquals(List.of("k2", "k1"), List.copyOf(Secrets.dataKeys(Settings.of(Map.of("DATA_KEY", "k2:" + other + ",k1:" + KEY))).keySet()));
        assertEquals(List.of("k1"), List.copyOf(Secrets.hashKeys(Settings.of(Map.of("HASH_KEY", KEY))).keySet()), "a bare key is k1");
    }
}
