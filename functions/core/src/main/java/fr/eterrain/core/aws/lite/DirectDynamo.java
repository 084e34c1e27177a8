package fr.eterrain.core.aws.lite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.aws.GrantRules;
import java.util.ArrayList;
import java.util.List;

/** DynamoDB over {@link AwsJsonClient}, each call checked against the function's grants where they are given. */
public final class DirectDynamo implements DynamoJson {
    private final AwsJsonClient client;
    private final GrantRules grants;

    /** @param grants null in Lambda, where IAM decides */
    public DirectDynamo(AwsJsonClient client, GrantRules grants) {
        this.client = client;
        this.grants = grants;
    }

    @Override
    public JsonNode call(String operation, ObjectNode request) {
        if (grants != null) {
            grants.require(calls(grants, operation, request));
        }
        return client.call(operation, request);
    }

    /** The IAM actions a request needs, one per table it names. */
    static List<GrantRules.Call> calls(GrantRules grants, String operation, JsonNode request) {
        List<GrantRules.Call> calls = new ArrayList<>();
        switch (operation) {
            case "BatchGetItem", "BatchWriteItem" ->
                    request.path("RequestItems").fieldNames().forEachRemaining(t -> calls.add(grants.table(operation, t)));
            case "TransactWriteItems" -> request.path("TransactItems").forEach(item -> {
                String kind = item.fieldNames().hasNext() ? item.fieldNames().next() : "";
                String action = switch (kind) {
                    case "Put" -> "PutItem";
                    case "Update" -> "UpdateItem";
                    case "Delete" -> "DeleteItem";
                    default -> "ConditionCheckItem";
                };
                calls.add(grants.table(action, item.path(kind).path("TableName").asText()));
            });
            case "TransactGetItems" -> request.path("TransactItems")
                    .forEach(item -> calls.add(grants.table("GetItem", item.path("Get").path("TableName").asText())));
            default -> calls.add(grants.table(operation, request.path("TableName").asText()));
        }
        return calls;
    }
}
