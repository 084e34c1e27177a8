package fr.eterrain.infra;

import fr.eterrain.core.store.TableLayout;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/** A set of tables in the {@link TableLayout} shape, encrypted with this stack's own KMS key. */
public final class DataStack extends Stack {
    private final Key key;
    private final List<Table> tables = new ArrayList<>();

    public DataStack(Construct scope, String id, StageConfig config, List<String> tableNames) {
        super(scope, id, StackProps.builder().env(config.env()).stackName(id)
                // Stateful: prod stacks cannot be deleted by mistake (resources are retained as well).
                .terminationProtection(config.isProd())
                .description("e-terrain " + config.stage() + " data: " + tableNames.size() + " tables").build());
        RemovalPolicy removal = config.isProd() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
        key = Key.Builder.create(this, "TableKey")
                .alias("alias/" + id)
                .description("Encrypts the e-terrain tables of " + id)
                .enableKeyRotation(true)
                .pendingWindow(Duration.days(30))
                .removalPolicy(removal)
                .build();
        for (String name : tableNames) {
            tables.add(table(name, config.isProd(), removal));
        }
    }

    private Table table(String name, boolean prod, RemovalPolicy removal) {
        Table table = Table.Builder.create(this, name)
                .tableName(name)
                .partitionKey(string(TableLayout.PK))
                .sortKey(string(TableLayout.SK))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .timeToLiveAttribute(TableLayout.TTL)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .encryption(TableEncryption.CUSTOMER_MANAGED)
                .encryptionKey(key)
                .deletionProtection(prod)
                .removalPolicy(removal)
                .build();
        table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(TableLayout.GSI1)
                .partitionKey(string(TableLayout.GSI1_PK))
                .sortKey(string(TableLayout.GSI1_SK))
                .projectionType(ProjectionType.ALL)
                .build());
        return table;
    }

    private static Attribute string(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }

    public IKey key() {
        return key;
    }

    public List<Table> tables() {
        return List.copyOf(tables);
    }
}
