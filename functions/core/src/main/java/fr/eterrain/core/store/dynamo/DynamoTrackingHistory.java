package fr.eterrain.core.store.dynamo;

import fr.eterrain.core.store.TableLayout;
import fr.eterrain.core.tracking.StatsKeys;
import fr.eterrain.core.tracking.TrackingHistory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The contact's {@code TRACK#…} markers, read from the contact's own partition. */
public final class DynamoTrackingHistory implements TrackingHistory {
    private final DynamoDbClient dynamo;
    private final TableLayout layout;

    public DynamoTrackingHistory(DynamoDbClient dynamo, TableLayout layout) {
        this.dynamo = dynamo;
        this.layout = layout;
    }

    @Override
    public List<Event> of(String federation, String contactId) {
        List<Event> events = new ArrayList<>();
        dynamo.queryPaginator(r -> r.tableName(layout.federationTable(federation)).consistentRead(true)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :track)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(ContactKeys.contactPk(contactId)),
                                ":track", AttributeValue.fromS(StatsKeys.MARKER_PREFIX))))
                .items().forEach(item -> {
                    String newsletter = Attributes.s(item, "newsletterId");
                    String sk = Attributes.s(item, TableLayout.SK);
                    String event = sk.substring(StatsKeys.MARKER_PREFIX.length() + newsletter.length() + 1);
                    String at = Attributes.s(item, "at");
                    events.add(new Event(newsletter, event, at == null ? null : Instant.parse(at)));
                });
        return events;
    }
}
