package fr.eterrain.core.store.dynamo;

import fr.eterrain.core.content.Content;
import fr.eterrain.core.content.ContentLibrary;
import fr.eterrain.core.content.ContentPage;
import fr.eterrain.core.content.ContentRef;
import fr.eterrain.core.store.TableLayout;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The projection in the platform table: the national library, gsi1 {@code CONTENTS#approved} sorted by
 * {@code <nationalAt>#<fed>#<id>} (one query lists the whole library by approval date, whatever the federation),
 * and HQ's review queue, gsi1 {@code CONTENTS#review} sorted by the federation's approval.
 */
public final class DynamoContentLibrary implements ContentLibrary {
    private static final int MAX_PAGES_PER_LIST = 10;

    private final DynamoDbClient dynamo;
    private final TableLayout layout;

    public DynamoContentLibrary(DynamoDbClient dynamo, TableLayout layout) {
        this.dynamo = dynamo;
        this.layout = layout;
    }

    @Override
    public ContentPage approved(Filter filter, String cursor, int limit) {
        Map<String, AttributeValue> last = IndexCursors.decode(cursor, ContentItems.APPROVED_INDEX, "CONTENT#");
        QueryRequest.Builder base = query(filter.since(), filter.until()).scanIndexForward(false);
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>(base.build().expressionAttributeValues());
        List<String> filters = new ArrayList<>();
        if (filter.kind() != null) {
            names.put("#kind", "kind");
            values.put(":kind", AttributeValue.fromS(filter.kind().wire()));
            filters.add("#kind = :kind");
        }
        if (filter.federation() != null) {
            names.put("#federation", "federation");
            values.put(":federation", AttributeValue.fromS(filter.federation()));
            filters.add("#federation = :federation");
        }
        if (filter.tag() != null) {
            names.put("#tags", "tags");
            values.put(":tag", AttributeValue.fromS(filter.tag()));
            filters.add("contains(#tags, :tag)");
        }
        base.expressionAttributeValues(values);
        if (!filters.isEmpty()) {
            base.filterExpression(String.join(" AND ", filters)).expressionAttributeNames(names);
        }
        List<Content> found = new ArrayList<>();
        int pages = 0;
        do {
            QueryResponse page = dynamo.query(base.limit(limit - found.size()).exclusiveStartKey(last).build());
            page.items().forEach(item -> found.add(ContentItems.fromItem(item, null)));
            last = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            pages++;
        } while (last != null && found.size() < limit && pages < MAX_PAGES_PER_LIST);
        return new ContentPage(found, IndexCursors.encode(last));
    }

    @Override
    public Optional<Content> find(ContentRef ref) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(layout.platformTable())
                .key(ContentItems.projectionKey(ref))).item();
        // The same key holds a content awaiting review: not in the library.
        return item == null || !ContentItems.APPROVED_INDEX.equals(Attributes.s(item, TableLayout.GSI1_PK))
                ? Optional.empty() : Optional.of(ContentItems.fromItem(item, null));
    }

    @Override
    public ContentPage awaitingReview(String cursor, int limit) {
        Map<String, AttributeValue> last = IndexCursors.decode(cursor, ContentItems.REVIEW_INDEX, "CONTENT#");
        List<Content> found = new ArrayList<>();
        int pages = 0;
        do {
            Map<String, AttributeValue> start = last;
            QueryResponse page = dynamo.query(r -> r.tableName(layout.platformTable()).indexName(TableLayout.GSI1)
                    .keyConditionExpression("gsi1pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(ContentItems.REVIEW_INDEX)))
                    .scanIndexForward(true).limit(limit - found.size()).exclusiveStartKey(start));
            page.items().forEach(item -> found.add(ContentItems.fromItem(item, null)));
            last = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            pages++;
        } while (last != null && found.size() < limit && pages < MAX_PAGES_PER_LIST);
        return new ContentPage(found, IndexCursors.encode(last));
    }

    @Override
    public List<Content> approvedBetween(Instant from, Instant to) {
        List<Content> found = new ArrayList<>();
        dynamo.queryPaginator(query(from, to).build()).items().forEach(item -> found.add(ContentItems.fromItem(item, null)));
        return found;
    }

    /** The index partition, limited to approvals in [since, until) when given. */
    private QueryRequest.Builder query(Instant since, Instant until) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", AttributeValue.fromS(ContentItems.APPROVED_INDEX));
        String condition = "gsi1pk = :pk";
        // Sort keys are "<time>#<fed>#<id>": "~" sorts after every id character.
        String upper = until == null ? null : SortableTime.of(until.minusMillis(1)) + "#~";
        if (since != null && upper != null) {
            condition += " AND gsi1sk BETWEEN :from AND :to";
            values.put(":from", AttributeValue.fromS(SortableTime.of(since)));
            values.put(":to", AttributeValue.fromS(upper));
        } else if (since != null) {
            condition += " AND gsi1sk >= :from";
            values.put(":from", AttributeValue.fromS(SortableTime.of(since)));
        } else if (upper != null) {
            condition += " AND gsi1sk <= :to";
            values.put(":to", AttributeValue.fromS(upper));
        }
        return QueryRequest.builder().tableName(layout.platformTable()).indexName(TableLayout.GSI1)
                .keyConditionExpression(condition).expressionAttributeValues(values);
    }
}
