package fr.eterrain.local;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.Extension;

/** A breach of the OpenAPI document fails the test even when the test swallowed the AssertionError. */
class ApiContractExtensionTest {
    @Test
    void aRecordedBreachFailsTheTestOnceEvenIfTheTestCaughtIt() {
        try {
            ApiContractExtension.record(List.of("GET /v1/federations → 418: status not declared"));
            throw new AssertionError("thrown at the call, and caught by a careless test");
        } catch (AssertionError swallowed) {
            // the test goes on as if nothing happened
        }
        ApiContractExtension extension = new ApiContractExtension();
        AssertionError failure = assertThrows(AssertionError.class, () -> extension.afterEach(null));
        assertTrue(failure.getMessage().contains("418: status not declared"), failure.getMessage());
        assertDoesNotThrow(() -> extension.afterEach(null), "each breach fails one test, not every later one");
    }

    @Test
    void itIsRegisteredForEveryTestOfTheModule() throws IOException {
        assertTrue(ServiceLoader.load(Extension.class).stream().anyMatch(p -> p.type() == ApiContractExtension.class));
        Properties junit = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("junit-platform.properties")) {
            junit.load(in);
        }
        assertTrue(Boolean.parseBoolean(junit.getProperty("junit.jupiter.extensions.autodetection.enabled")));
    }
}
