package fr.eterrain.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.aws.ClientHooks;
import fr.eterrain.core.aws.lite.DirectHooks;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Asks DynamoDB for the capacity each call consumed ({@code ReturnConsumedCapacity=TOTAL}) and adds it up, split
 * into read and write units by the kind of call, with the number of calls per operation: on the SDK's clients (an
 * interceptor) and on the direct JSON ones of the tracking hot path (an observer).
 */
public final class CapacityMeter implements ExecutionInterceptor, ClientHooks, DirectHooks {
    private final DoubleAdder reads = new DoubleAdder();
    private final DoubleAdder writes = new DoubleAdder();
    private final Map<String, LongAdder> calls = new java.util.concurrent.ConcurrentHashMap<>();

    /** What was consumed between two snapshots. */
    public record Usage(double readUnits, double writeUnits, Map<String, Long> calls) {
        public Usage minus(Usage before) {
            Map<String, Long> diff = new TreeMap<>();
            calls.forEach((op, n) -> {
                long d = n - before.calls.getOrDefault(op, 0L);
                if (d != 0) {
                    diff.put(op, d);
                }
            });
            return new Usage(readUnits - before.readUnits, writeUnits - before.writeUnits, diff);
        }

        public long totalCalls() {
            return calls.values().stream().mapToLong(Long::longValue).sum();
        }

        /** "UpdateItem 3, TransactWriteItems 1" per unit of work. */
        public String callsPer(double units) {
            StringBuilder s = new StringBuilder();
            calls.forEach((op, n) -> s.append(s.isEmpty() ? "" : ", ").append(op).append(' ')
                    .append(Report.format(n / units)));
            return s.toString();
        }
    }

    public Usage snapshot() {
        Map<String, Long> now = new TreeMap<>();
        calls.forEach((op, n) -> now.put(op, n.sum()));
        return new Usage(reads.sum(), writes.sum(), now);
    }

    @Override
    public List<ExecutionInterceptor> interceptors(String service) {
        return service.equals("DYNAMODB") ? List.of(this) : List.of();
    }

    @Override
    public DirectHooks direct() {
        return this;
    }

    @Override
    public void beforeCall(String service, String operation, ObjectNode request) {
        if (service.equals("DYNAMODB")) {
            request.put("ReturnConsumedCapacity", "TOTAL");
        }
    }

    @Override
    public void afterCall(String service, String operation, JsonNode answer) {
        if (!service.equals("DYNAMODB")) {
            return;
        }
        calls.computeIfAbsent(operation, k -> new LongAdder()).increment();
        boolean write = operation.startsWith("Put") || operation.startsWith("Update") || operation.startsWith("Delete")
                || operation.equals("BatchWriteItem") || operation.equals("TransactWriteItems");
        JsonNode consumed = answer.path("ConsumedCapacity");
        for (JsonNode c : consumed.isArray() ? consumed : java.util.List.of(consumed)) {
            if (c.has("CapacityUnits")) {
                (write ? writes : reads).add(c.get("CapacityUnits").asDouble());
            }
        }
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
        return switch (context.request()) {
            case PutItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case UpdateItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case DeleteItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case GetItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case QueryRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case ScanRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case BatchGetItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case BatchWriteItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case TransactWriteItemsRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case TransactGetItemsRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            default -> context.request();
        };
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        SdkResponse response = context.response();
        String op = response.getClass().getSimpleName().replace("Response", "");
        calls.computeIfAbsent(op, k -> new LongAdder()).increment();
        switch (response) {
            case PutItemResponse r -> add(writes, r.consumedCapacity());
            case UpdateItemResponse r -> add(writes, r.consumedCapacity());
            case DeleteItemResponse r -> add(writes, r.consumedCapacity());
            case BatchWriteItemResponse r -> r.consumedCapacity().forEach(c -> add(writes, c));
            case TransactWriteItemsResponse r -> r.consumedCapacity().forEach(c -> add(writes, c));
            case GetItemResponse r -> add(reads, r.consumedCapacity());
            case QueryResponse r -> add(reads, r.consumedCapacity());
            case ScanResponse r -> add(reads, r.consumedCapacity());
            case BatchGetItemResponse r -> r.consumedCapacity().forEach(c -> add(reads, c));
            case TransactGetItemsResponse r -> r.consumedCapacity().forEach(c -> add(reads, c));
            default -> {
            }
        }
    }

    private static void add(DoubleAdder adder, ConsumedCapacity capacity) {
        if (capacity != null && capacity.capacityUnits() != null) {
            adder.add(capacity.capacityUnits());
        }
    }
}
