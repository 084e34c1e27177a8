package fr.eterrain.core.aws.lite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What benchmarks and tests add to the direct calls: a benchmark amends each request and reads each answer (the
 * capacity consumed); the reliability suite wraps a service's HTTP exchange to answer as the service does when it
 * throttles, or to lose answers. Functions deployed to Lambda use {@link #NONE}.
 */
public interface DirectHooks {
    DirectHooks NONE = new DirectHooks() {
    };

    /** @param service the endpoint suffix naming the service (DYNAMODB, EVENTBRIDGE, SESV2, SECRETS_MANAGER) */
    default void beforeCall(String service, String operation, ObjectNode request) {
    }

    default void afterCall(String service, String operation, JsonNode answer) {
    }

    default HttpTransport transport(String service, HttpTransport real) {
        return real;
    }
}
