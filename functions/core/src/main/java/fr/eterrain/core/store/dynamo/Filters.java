package fr.eterrain.core.store.dynamo;

import fr.eterrain.core.contacts.ContactFilter;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The contacts list filters as a DynamoDB filter expression (null when there is none). */
final class Filters {
    private Filters() {
    }

    static Expression of(ContactFilter filter) {
        List<String> clauses = new ArrayList<>();
        Expression.Builder builder = Expression.builder();
        if (filter.category() != null) {
            clauses.add("#category = :category");
            builder.putExpressionName("#category", "category").putExpressionValue(":category", AttributeValue.fromS(filter.category().wire()));
        }
        if (filter.status() != null) {
            clauses.add("#status = :status");
            builder.putExpressionName("#status", "status").putExpressionValue(":status", AttributeValue.fromS(filter.status().wire()));
        }
        if (filter.tag() != null) {
            clauses.add("contains(#tags, :tag)");
            builder.putExpressionName("#tags", "tags").putExpressionValue(":tag", AttributeValue.fromS(filter.tag()));
        }
        if (filter.postalCodePrefix() != null) {
            clauses.add("begins_with(#postalCode, :postal)");
            builder.putExpressionName("#postalCode", "postalCode").putExpressionValue(":postal", AttributeValue.fromS(filter.postalCodePrefix()));
        }
        return clauses.isEmpty() ? null : builder.expression(String.join(" AND ", clauses)).build();
    }
}
