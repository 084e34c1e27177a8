package fr.eterrain.core.aws.lite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What a benchmark adds to the direct calls: it may amend each request and reads each answer. */
public interface CallObserver {
    CallObserver NONE = new CallObserver() {
    };

    /** @param service the endpoint suffix naming the service (DYNAMODB, SECRETS_MANAGER) */
    default void beforeCall(String service, String operation, ObjectNode request) {
    }

    default void afterCall(String service, String operation, JsonNode answer) {
    }
}
