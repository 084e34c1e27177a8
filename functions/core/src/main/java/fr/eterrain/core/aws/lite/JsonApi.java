package fr.eterrain.core.aws.lite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One AWS service's operations as JSON documents: the request in, the answer out, refusals as exceptions. */
@FunctionalInterface
public interface JsonApi {
    JsonNode call(String operation, ObjectNode request);
}
