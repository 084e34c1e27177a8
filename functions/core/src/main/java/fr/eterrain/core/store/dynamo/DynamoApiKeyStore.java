package fr.eterrain.core.store.dynamo;

import fr.eterrain.core.access.ApiKey;
import fr.eterrain.core.access.ApiKeyStore;
import fr.eterrain.core.store.TableLayout;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** API keys in the platform table: {@code pk=APIKEY#<keyId>}, listed per scope through gsi1. */
public final class DynamoApiKeyStore implements ApiKeyStore {
    private final DynamoDbClient dynamo;
    private final TableLayout layout;

    public DynamoApiKeyStore(DynamoDbClient dynamo, TableLayout layout) {
        this.dynamo = dynamo;
        this.layout = layout;
    }

    private static Map<String, AttributeValue> key(String keyId) {
        return Attributes.key("APIKEY#" + keyId, "APIKEY");
    }

    @Override
    public void create(ApiKey k) {
        Map<String, AttributeValue> item = new HashMap<>(key(k.keyId()));
        item.put(TableLayout.GSI1_PK, AttributeValue.fromS("APIKEYS#" + k.scope()));
        item.put(TableLayout.GSI1_SK, AttributeValue.fromS(k.createdAt() + "#" + k.keyId()));
        item.put("keyId", AttributeValue.fromS(k.keyId()));
        item.put("scope", AttributeValue.fromS(k.scope()));
        item.put("secretHash", AttributeValue.fromS(k.secretHash()));
        item.put("label", AttributeValue.fromS(k.label() == null ? "" : k.label()));
        item.put("createdBy", AttributeValue.fromS(k.createdBy() == null ? "" : k.createdBy()));
        item.put("createdAt", AttributeValue.fromS(k.createdAt().toString()));
        if (!k.scopes().isEmpty()) {
            item.put("scopes", AttributeValue.fromL(k.scopes().stream().map(AttributeValue::fromS).toList()));
        }
        if (k.expiresAt() != null) {
            // Not the table's TTL attribute: an expired key stays listed (and refused) until revoked.
            item.put("keyExpiresAt", AttributeValue.fromS(k.expiresAt().toString()));
        }
        dynamo.putItem(r -> r.tableName(layout.platformTable()).item(item).conditionExpression("attribute_not_exists(pk)"));
    }

    @Override
    public Optional<ApiKey> find(String keyId) {
        if (!keyId.matches("[A-Za-z0-9]{1,32}")) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(layout.platformTable()).key(key(keyId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public List<ApiKey> listByScope(String scope) {
        return dynamo.queryPaginator(r -> r.tableName(layout.platformTable()).indexName(TableLayout.GSI1)
                        .keyConditionExpression("gsi1pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("APIKEYS#" + scope))))
                .items().stream().map(DynamoApiKeyStore::fromItem).toList();
    }

    @Override
    public void revoke(String keyId, Instant at) {
        try {
            dynamo.updateItem(r -> r.tableName(layout.platformTable()).key(key(keyId))
                    .updateExpression("SET revokedAt = :at")
                    .conditionExpression("attribute_exists(pk) AND attribute_not_exists(revokedAt)")
                    .expressionAttributeValues(Map.of(":at", AttributeValue.fromS(at.toString()))));
        } catch (ConditionalCheckFailedException e) {
            // unknown or already revoked: nothing to do
        }
    }

    private static ApiKey fromItem(Map<String, AttributeValue> item) {
        String revoked = Attributes.s(item, "revokedAt");
        String expires = Attributes.s(item, "keyExpiresAt");
        List<String> scopes = item.containsKey("scopes") ? item.get("scopes").l().stream().map(AttributeValue::s).toList()
                : List.of();
        return new ApiKey(Attributes.s(item, "keyId"), Attributes.s(item, "scope"), Attributes.s(item, "secretHash"),
                Attributes.s(item, "label"), Attributes.s(item, "createdBy"), Instant.parse(Attributes.s(item, "createdAt")),
                revoked == null ? null : Instant.parse(revoked), scopes, expires == null ? null : Instant.parse(expires));
    }
}
