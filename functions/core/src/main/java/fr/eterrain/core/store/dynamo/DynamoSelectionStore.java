package fr.eterrain.core.store.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import fr.eterrain.core.content.Content;
import fr.eterrain.core.content.ContentKind;
import fr.eterrain.core.content.ContentRef;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.selection.Cadence;
import fr.eterrain.core.selection.Selection;
import fr.eterrain.core.selection.SelectionItem;
import fr.eterrain.core.selection.SelectionPeriod;
import fr.eterrain.core.selection.SelectionStore;
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
 * Selections in the platform table: {@code SELECTION#<period>}/{@code SELECTION}, written once (conditional
 * put), listed per cadence through gsi1 {@code SELECTIONS#<cadence>} sorted by the period's start. Items and the
 * newsletter draft are JSON strings: read whole, never queried.
 */
public final class DynamoSelectionStore implements SelectionStore {
    private static final String SK = "SELECTION";

    private final DynamoDbClient dynamo;
    private final TableLayout layout;

    public DynamoSelectionStore(DynamoDbClient dynamo, TableLayout layout) {
        this.dynamo = dynamo;
        this.layout = layout;
    }

    private static Map<String, AttributeValue> key(String period) {
        return Attributes.key("SELECTION#" + period, SK);
    }

    @Override
    public boolean create(Selection s) {
        Map<String, AttributeValue> item = new HashMap<>(key(s.period().label()));
        item.put(TableLayout.GSI1_PK, AttributeValue.fromS("SELECTIONS#" + s.period().cadence().wire()));
        item.put(TableLayout.GSI1_SK, AttributeValue.fromS(SortableTime.of(s.period().start()) + "#" + s.period().label()));
        item.put("period", AttributeValue.fromS(s.period().label()));
        item.put("generatedAt", AttributeValue.fromS(s.generatedAt().toString()));
        item.put("scoreVersion", AttributeValue.fromS(s.scoreVersion()));
        item.put("items", AttributeValue.fromS(Json.write(items(s.items()))));
        item.put("draft", AttributeValue.fromS(Json.write(s.draft())));
        try {
            dynamo.putItem(r -> r.tableName(layout.platformTable()).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<Selection> find(String period) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(layout.platformTable()).key(key(period))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public Optional<Selection> latest(Cadence cadence) {
        return dynamo.query(r -> r.tableName(layout.platformTable()).indexName(TableLayout.GSI1)
                        .keyConditionExpression("gsi1pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("SELECTIONS#" + cadence.wire())))
                        .scanIndexForward(false).limit(1))
                .items().stream().findFirst().map(DynamoSelectionStore::fromItem);
    }

    @Override
    public void markPublished(String period, Instant at) {
        try {
            dynamo.updateItem(r -> r.tableName(layout.platformTable()).key(key(period))
                    .updateExpression("SET publishedAt = :at")
                    .conditionExpression("attribute_exists(pk) AND attribute_not_exists(publishedAt)")
                    .expressionAttributeValues(Map.of(":at", AttributeValue.fromS(at.toString()))));
        } catch (ConditionalCheckFailedException e) {
            // already marked: the first time stays
        }
    }

    private static ArrayNode items(List<SelectionItem> items) {
        ArrayNode array = Json.array();
        for (SelectionItem i : items) {
            array.addObject().put("rank", i.rank()).put("score", i.score()).put("federation", i.content().federation())
                    .put("id", i.content().id()).put("title", i.title()).put("kind", i.kind().wire())
                    .put("description", i.description()).put("credits", i.credits()).put("thumbnailKey", i.thumbnailKey())
                    .put("approvedAt", i.approvedAt().toString()).put("relays", i.engagement().relays())
                    .put("likes", i.engagement().likes()).put("clicks", i.engagement().clicks());
        }
        return array;
    }

    private static Selection fromItem(Map<String, AttributeValue> item) {
        List<SelectionItem> items = new ArrayList<>();
        for (JsonNode i : Json.parse(Attributes.s(item, "items"))) {
            items.add(new SelectionItem(i.get("rank").asInt(), i.get("score").asDouble(),
                    new ContentRef(i.get("federation").asText(), i.get("id").asText()), i.get("title").asText(),
                    ContentKind.parse(i.get("kind").asText()).orElseThrow(), Json.text(i, "description"),
                    Json.text(i, "credits"), Json.text(i, "thumbnailKey"), Instant.parse(i.get("approvedAt").asText()),
                    new Content.Engagement(i.get("relays").asLong(), i.get("likes").asLong(), i.get("clicks").asLong())));
        }
        String published = Attributes.s(item, "publishedAt");
        return new Selection(SelectionPeriod.parse(Attributes.s(item, "period")).orElseThrow(),
                Instant.parse(Attributes.s(item, "generatedAt")), Attributes.s(item, "scoreVersion"), List.copyOf(items),
                Json.parse(Attributes.s(item, "draft")), published == null ? null : Instant.parse(published));
    }
}
