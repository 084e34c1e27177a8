package fr.eterrain.core.store.dynamo;

import fr.eterrain.core.store.TableLayout;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where each encrypted attribute ({@code …Enc}) belongs: the context its value is sealed for (FieldCipher's
 * associated data). A contact's fields are bound to the contact id and the field, a content's proposer to the
 * content, a stored signup request to its id. Moving a sealed value to another item or attribute makes it undecryptable.
 */
public final class SealedFields {
    private SealedFields() {
    }

    public static String contact(String contactId, String field) {
        return "contact/" + contactId + "/" + field;
    }

    public static String contentProposer(String federation, String contentId) {
        return "content/" + federation + "/" + contentId + "/proposer";
    }

    /** A stored signup request (address and pending answers), by its random id. */
    public static String signupRequest(String requestId) {
        return "signup/" + requestId;
    }

    /** The context of attribute {@code name} (e.g. {@code emailEnc}) of a stored item, read from its key. */
    public static String of(Map<String, AttributeValue> item, String name) {
        String pk = Attributes.s(item, TableLayout.PK);
        String field = name.endsWith("Enc") ? name.substring(0, name.length() - 3) : name;
        if (pk != null && pk.startsWith("CONTACT#")) {
            return contact(pk.substring("CONTACT#".length()), field);
        }
        if (pk != null && pk.startsWith("SIGNUP#")) {
            return signupRequest(pk.substring("SIGNUP#".length()));
        }
        if (pk != null && pk.startsWith("CONTENT#")) {
            return contentProposer(Attributes.s(item, "federation"), Attributes.s(item, "id"));
        }
        throw new IllegalArgumentException("no sealed field " + name + " in this item");
    }
}
