package fr.eterrain.core.contacts;

/** Filters of the contacts list; null means "any". */
public record ContactFilter(Category category, ContactStatus status, String tag, String postalCodePrefix) {
    public static final ContactFilter ANY = new ContactFilter(null, null, null, null);

    public boolean matches(Contact c) {
        return (category == null || category == c.getCategory())
                && (status == null || status == c.getStatus())
                && (tag == null || c.getTags().contains(tag))
                && (postalCodePrefix == null || (c.getPostalCode() != null && c.getPostalCode().startsWith(postalCodePrefix)));
    }
}
