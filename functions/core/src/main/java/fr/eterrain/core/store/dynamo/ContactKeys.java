package fr.eterrain.core.store.dynamo;

/**
 * The keys of a contact's items, apart from their table schemas (ContactSchemas): the pixel and the redirect
 * address a contact's partition with these alone, and so need neither the enhanced client nor its classes.
 */
final class ContactKeys {
    static final String PROFILE = "PROFILE";
    static final String EMAIL = "EMAIL";

    private ContactKeys() {
    }

    static String contactPk(String id) {
        return "CONTACT#" + id;
    }

    static String emailPk(String hash) {
        return "EMAIL#" + hash;
    }
}
