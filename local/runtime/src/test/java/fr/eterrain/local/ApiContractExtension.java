package fr.eterrain.local;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test of this module (META-INF/services, autodetection on in junit-platform.properties):
 * fails a test, or its class for breaches in class-level set-up, when an exchange broke the OpenAPI document,
 * even if the test caught the AssertionError {@link ApiContract} threw.
 */
public final class ApiContractExtension implements AfterEachCallback, AfterAllCallback {
    private static final List<String> BREACHES = new ArrayList<>();

    static void record(List<String> breaches) {
        synchronized (BREACHES) {
            BREACHES.addAll(breaches);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        failOnBreaches();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        failOnBreaches();
    }

    private static void failOnBreaches() {
        List<String> breaches;
        synchronized (BREACHES) {
            breaches = List.copyOf(BREACHES);
            BREACHES.clear();
        }
        if (!breaches.isEmpty()) {
            throw new AssertionError(breaches.size() + " exchange(s) broke the OpenAPI document (schemas/openapi.json):\n  - "
                    + String.join("\n  - ", breaches));
        }
    }
}
