package fr.eterrain.core.store.dynamo;

import fr.eterrain.core.contacts.ConfirmationThrottle;
import fr.eterrain.core.store.TableLayout;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The confirmation-email throttle in the platform table ({@code CONFIRMTHROTTLE#<keyed hash>} / {@code ADDRESS}): the
 * last day's claims as {@code <epoch millis>:<claim id>} strings, written back under a version check, expiring a
 * day after the last one (TTL).
 */
public final class DynamoConfirmationThrottle implements ConfirmationThrottle {
    private static final String SK = "ADDRESS";
    private static final int ATTEMPTS = 8;

    private final DynamoDbClient dynamo;
    private final TableLayout layout;

    public DynamoConfirmationThrottle(DynamoDbClient dynamo, TableLayout layout) {
        this.dynamo = dynamo;
        this.layout = layout;
    }

    private static Map<String, AttributeValue> key(String addressKey) {
        return Attributes.key("CONFIRMTHROTTLE#" + addressKey, SK);
    }

    private record Read(List<Claim> claims, long version) {
    }

    private Read read(String addressKey) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(layout.platformTable()).key(key(addressKey))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return new Read(List.of(), 0);
        }
        List<Claim> claims = new ArrayList<>();
        for (String entry : Attributes.list(item, "claims")) {
            int colon = entry.indexOf(':');
            claims.add(new Claim(entry.substring(colon + 1), Instant.ofEpochMilli(Long.parseLong(entry.substring(0, colon)))));
        }
        return new Read(claims, Long.parseLong(item.get("version").n()));
    }

    /** Writes the claims if nobody did since they were read; false on a lost race. */
    private boolean write(String addressKey, List<Claim> claims, long version) {
        Map<String, AttributeValue> item = new HashMap<>(key(addressKey));
        item.put("claims", AttributeValue.fromL(claims.stream()
                .map(c -> AttributeValue.fromS(c.at().toEpochMilli() + ":" + c.id())).toList()));
        item.put("version", AttributeValue.fromN(Long.toString(version + 1)));
        Instant last = claims.isEmpty() ? Instant.now() : claims.get(claims.size() - 1).at();
        item.put(TableLayout.TTL, AttributeValue.fromN(Long.toString(last.plus(DAY).getEpochSecond() + 3600)));
        try {
            if (version == 0) {
                dynamo.putItem(r -> r.tableName(layout.platformTable()).item(item).conditionExpression("attribute_not_exists(pk)"));
            } else {
                dynamo.putItem(r -> r.tableName(layout.platformTable()).item(item).conditionExpression("version = :v")
                        .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(version)))));
            }
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean claim(String addressKey, String claimId, Instant now) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Read read = read(addressKey);
            Optional<List<Claim>> after = ConfirmationThrottle.decide(read.claims(), claimId, now);
            if (after.isEmpty()) {
                return false;
            }
            if (write(addressKey, after.get(), read.version())) {
                return true;
            }
        }
        throw new IllegalStateException("the confirmation throttle of an address kept changing");
    }

    @Override
    public void release(String addressKey, String claimId) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Read read = read(addressKey);
            List<Claim> after = read.claims().stream().filter(c -> !c.id().equals(claimId)).toList();
            if (after.size() == read.claims().size() || write(addressKey, after, read.version())) {
                return;
            }
        }
        throw new IllegalStateException("the confirmation throttle of an address kept changing");
    }

    @Override
    public void forget(String addressKey) {
        dynamo.deleteItem(r -> r.tableName(layout.platformTable()).key(key(addressKey)));
    }
}
