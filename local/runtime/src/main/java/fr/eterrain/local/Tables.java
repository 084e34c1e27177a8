package fr.eterrain.local;

import fr.eterrain.core.store.TableLayout;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;

/** Creates the tables of {@link TableLayout} that do not exist yet; the same shape the CDK stack deploys. */
public final class Tables {
    /** DynamoDB Local serialises on SQLite; a few parallel calls still help with LocalStack. */
    private static final int PARALLELISM = 4;

    private final DynamoDbClient dynamo;

    public Tables(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    /** @return the tables created now (already existing ones are left alone) */
    public List<String> createMissing(Collection<String> names) {
        Set<String> existing = new HashSet<>();
        dynamo.listTablesPaginator().tableNames().forEach(existing::add);
        List<String> missing = names.stream().filter(n -> !existing.contains(n)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLELISM);
        try {
            List<Future<?>> futures = new ArrayList<>();
            missing.forEach(n -> futures.add(pool.submit(() -> create(n))));
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating tables", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create tables: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return missing;
    }

    private void create(String table) {
        try {
            dynamo.createTable(CreateTableRequest.builder()
                    .tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(stringAttribute(TableLayout.PK), stringAttribute(TableLayout.SK),
                            stringAttribute(TableLayout.GSI1_PK), stringAttribute(TableLayout.GSI1_SK))
                    .keySchema(key(TableLayout.PK, KeyType.HASH), key(TableLayout.SK, KeyType.RANGE))
                    .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                            .indexName(TableLayout.GSI1)
                            .keySchema(key(TableLayout.GSI1_PK, KeyType.HASH), key(TableLayout.GSI1_SK, KeyType.RANGE))
                            .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                            .build())
                    .build());
        } catch (ResourceInUseException alreadyThere) {
            return; // created meanwhile by another process: fine, provisioning is idempotent
        }
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(table));
        dynamo.updateTimeToLive(b -> b.tableName(table).timeToLiveSpecification(TimeToLiveSpecification.builder()
                .attributeName(TableLayout.TTL).enabled(true).build()));
    }

    private static AttributeDefinition stringAttribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
