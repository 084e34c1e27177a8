package fr.eterrain.core.store.dynamo;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import fr.eterrain.core.contacts.Category;
import fr.eterrain.core.contacts.ConsentEvent;
import fr.eterrain.core.contacts.Contact;
import fr.eterrain.core.contacts.ContactStatus;
import fr.eterrain.core.contacts.EmailEntry;
import fr.eterrain.core.contacts.PendingSignup;
import fr.eterrain.core.security.FieldCipher;
import fr.eterrain.core.store.TableLayout;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Static table schemas (no bean introspection at cold start) for the items of a federation table. Keys are
 * derived from ids; identifying fields are encrypted on the way in and decrypted on the way out.
 */
final class ContactSchemas {
    static final String PROFILE = ContactKeys.PROFILE;
    static final String EMAIL = ContactKeys.EMAIL;
    static final String CONTACTS_INDEX = "CONTACTS";

    private ContactSchemas() {
    }

    static String contactPk(String id) {
        return ContactKeys.contactPk(id);
    }

    static String emailPk(String hash) {
        return ContactKeys.emailPk(hash);
    }

    /** A contact's sealed field is bound to its id. */
    private static String sealed(Contact c, String field) {
        if (c.getId() == null) {
            throw new IllegalStateException("a contact's fields are sealed for its id, unknown here");
        }
        return SealedFields.contact(c.getId(), field);
    }

    static TableSchema<Contact> contact(FieldCipher cipher) {
        return new Unsealing(mapped(cipher), cipher);
    }

    private static TableSchema<Contact> mapped(FieldCipher cipher) {
        return StaticTableSchema.builder(Contact.class)
                .newItemSupplier(Contact::new)
                .addAttribute(String.class, a -> a.name(TableLayout.PK).getter(c -> contactPk(c.getId())).setter((c, v) -> { })
                        .tags(primaryPartitionKey()))
                .addAttribute(String.class, a -> a.name(TableLayout.SK).getter(c -> PROFILE).setter((c, v) -> { })
                        .tags(primarySortKey()))
                .addAttribute(String.class, a -> a.name(TableLayout.GSI1_PK).getter(c -> CONTACTS_INDEX).setter((c, v) -> { })
                        .tags(secondaryPartitionKey(TableLayout.GSI1)))
                .addAttribute(String.class, a -> a.name(TableLayout.GSI1_SK).getter(c -> c.getCreatedAt() + "#" + c.getId())
                        .setter((c, v) -> { }).tags(secondarySortKey(TableLayout.GSI1)))
                .addAttribute(String.class, a -> a.name("id").getter(Contact::getId).setter(Contact::setId))
                .addAttribute(String.class, a -> a.name("emailHash").getter(Contact::getEmailHash).setter(Contact::setEmailHash))
                // Sealed fields are opened once the whole item is read (Unsealing): they are bound to the contact id.
                .addAttribute(String.class, a -> a.name("emailEnc").getter(c -> cipher.encrypt(c.getEmail(), sealed(c, "email")))
                        .setter((c, v) -> { }))
                .addAttribute(String.class, a -> a.name("firstNameEnc")
                        .getter(c -> cipher.encrypt(c.getFirstName(), sealed(c, "firstName"))).setter((c, v) -> { }))
                .addAttribute(String.class, a -> a.name("lastNameEnc")
                        .getter(c -> cipher.encrypt(c.getLastName(), sealed(c, "lastName"))).setter((c, v) -> { }))
                .addAttribute(String.class, a -> a.name("postalCode").getter(Contact::getPostalCode).setter(Contact::setPostalCode))
                .addAttribute(String.class, a -> a.name("category")
                        .getter(c -> c.getCategory() == null ? null : c.getCategory().wire())
                        .setter((c, v) -> c.setCategory(Category.parse(v).orElse(null))))
                .addAttribute(EnhancedType.listOf(String.class), a -> a.name("tags")
                        .getter(c -> c.getTags().isEmpty() ? null : List.copyOf(c.getTags())).setter(Contact::setTags))
                .addAttribute(String.class, a -> a.name("status").getter(c -> c.getStatus().wire())
                        .setter((c, v) -> c.setStatus(ContactStatus.parse(v).orElseThrow())))
                .addAttribute(Boolean.class, a -> a.name("newsletterConsent").getter(Contact::isNewsletterConsent)
                        .setter((c, v) -> c.setNewsletterConsent(Boolean.TRUE.equals(v))))
                .addAttribute(Boolean.class, a -> a.name("audienceConsent").getter(Contact::isAudienceConsent)
                        .setter((c, v) -> c.setAudienceConsent(Boolean.TRUE.equals(v))))
                .addAttribute(String.class, a -> a.name("wordingVersion").getter(Contact::getWordingVersion).setter(Contact::setWordingVersion))
                .addAttribute(String.class, a -> a.name("source").getter(Contact::getSource).setter(Contact::setSource))
                .addAttribute(String.class, a -> a.name("origin").getter(Contact::getOrigin).setter(Contact::setOrigin))
                .addAttribute(Instant.class, a -> a.name("createdAt").getter(Contact::getCreatedAt).setter(Contact::setCreatedAt))
                .addAttribute(Instant.class, a -> a.name("updatedAt").getter(Contact::getUpdatedAt).setter(Contact::setUpdatedAt))
                .addAttribute(Instant.class, a -> a.name("confirmedAt").getter(Contact::getConfirmedAt).setter(Contact::setConfirmedAt))
                .addAttribute(Instant.class, a -> a.name("lastActiveAt").getter(Contact::getLastActiveAt).setter(Contact::setLastActiveAt))
                .addAttribute(Instant.class, a -> a.name("reconfirmRequestedAt").getter(Contact::getReconfirmRequestedAt)
                        .setter(Contact::setReconfirmRequestedAt))
                .addAttribute(Instant.class, a -> a.name("unsubscribedAt").getter(Contact::getUnsubscribedAt).setter(Contact::setUnsubscribedAt))
                .addAttribute(String.class, a -> a.name("pendingEnc")
                        .getter(c -> c.getPending() == null ? null : cipher.encrypt(c.getPending().toJson(), sealed(c, "pending")))
                        .setter((c, v) -> { }))
                .addAttribute(String.class, a -> a.name("lastConfirmedNonce").getter(Contact::getLastConfirmedNonce)
                        .setter(Contact::setLastConfirmedNonce))
                .addAttribute(Boolean.class, a -> a.name("suppressed").getter(c -> c.isSuppressed() ? Boolean.TRUE : null)
                        .setter((c, v) -> c.setSuppressed(Boolean.TRUE.equals(v))))
                .addAttribute(String.class, a -> a.name("suppressionReason").getter(Contact::getSuppressionReason)
                        .setter(Contact::setSuppressionReason))
                .addAttribute(Long.class, a -> a.name("version").getter(Contact::getVersion)
                        .setter((c, v) -> c.setVersion(v == null ? 0 : v)))
                .build();
    }

    static TableSchema<EmailEntry> emailEntry() {
        return StaticTableSchema.builder(EmailEntry.class)
                .newItemSupplier(EmailEntry::new)
                .addAttribute(String.class, a -> a.name(TableLayout.PK).getter(e -> emailPk(e.getEmailHash()))
                        .setter((e, v) -> e.setEmailHash(v.substring("EMAIL#".length()))).tags(primaryPartitionKey()))
                .addAttribute(String.class, a -> a.name(TableLayout.SK).getter(e -> EMAIL).setter((e, v) -> { })
                        .tags(primarySortKey()))
                .addAttribute(String.class, a -> a.name("contactId").getter(EmailEntry::getContactId).setter(EmailEntry::setContactId))
                .addAttribute(Boolean.class, a -> a.name("suppressed").getter(EmailEntry::isSuppressed)
                        .setter((e, v) -> e.setSuppressed(Boolean.TRUE.equals(v))))
                .addAttribute(String.class, a -> a.name("suppressionReason").getter(EmailEntry::getSuppressionReason)
                        .setter(EmailEntry::setSuppressionReason))
                .addAttribute(Instant.class, a -> a.name("suppressedAt").getter(EmailEntry::getSuppressedAt)
                        .setter(EmailEntry::setSuppressedAt))
                .build();
    }

    static TableSchema<ConsentEvent> consentEvent() {
        return StaticTableSchema.builder(ConsentEvent.class)
                .newItemSupplier(ConsentEvent::new)
                .addAttribute(String.class, a -> a.name(TableLayout.PK).getter(e -> contactPk(e.getContactId()))
                        .setter((e, v) -> e.setContactId(v.substring("CONTACT#".length()))).tags(primaryPartitionKey()))
                .addAttribute(String.class, a -> a.name(TableLayout.SK).getter(e -> "CONSENT#" + e.getAt() + "#" + e.getEventId())
                        .setter((e, v) -> { }).tags(primarySortKey()))
                .addAttribute(String.class, a -> a.name("eventId").getter(ConsentEvent::getEventId).setter(ConsentEvent::setEventId))
                .addAttribute(Instant.class, a -> a.name("at").getter(ConsentEvent::getAt).setter(ConsentEvent::setAt))
                .addAttribute(String.class, a -> a.name("type").getter(ConsentEvent::getType).setter(ConsentEvent::setType))
                .addAttribute(String.class, a -> a.name("wordingVersion").getter(ConsentEvent::getWordingVersion).setter(ConsentEvent::setWordingVersion))
                .addAttribute(String.class, a -> a.name("source").getter(ConsentEvent::getSource).setter(ConsentEvent::setSource))
                .addAttribute(Instant.class, a -> a.name("signupAt").getter(ConsentEvent::getSignupAt).setter(ConsentEvent::setSignupAt))
                .addAttribute(Instant.class, a -> a.name("confirmedAt").getter(ConsentEvent::getConfirmedAt).setter(ConsentEvent::setConfirmedAt))
                .addAttribute(Boolean.class, a -> a.name("newsletter").getter(ConsentEvent::getNewsletter).setter(ConsentEvent::setNewsletter))
                .addAttribute(Boolean.class, a -> a.name("audienceMeasurement").getter(ConsentEvent::getAudienceMeasurement)
                        .setter(ConsentEvent::setAudienceMeasurement))
                .addAttribute(String.class, a -> a.name("signupIpHash").getter(ConsentEvent::getSignupIpHash).setter(ConsentEvent::setSignupIpHash))
                .addAttribute(String.class, a -> a.name("signupUserAgentHash").getter(ConsentEvent::getSignupUserAgentHash)
                        .setter(ConsentEvent::setSignupUserAgentHash))
                .addAttribute(String.class, a -> a.name("actionIpHash").getter(ConsentEvent::getActionIpHash).setter(ConsentEvent::setActionIpHash))
                .addAttribute(String.class, a -> a.name("actionUserAgentHash").getter(ConsentEvent::getActionUserAgentHash)
                        .setter(ConsentEvent::setActionUserAgentHash))
                .addAttribute(String.class, a -> a.name("channel").getter(ConsentEvent::getChannel).setter(ConsentEvent::setChannel))
                .addAttribute(String.class, a -> a.name("recordedBy").getter(ConsentEvent::getRecordedBy).setter(ConsentEvent::setRecordedBy))
                .build();
    }

    /**
     * The contact schema, opening the sealed fields once an item is mapped: the enhanced client sets attributes in
     * no particular order, and each sealed value is bound to the contact id of the item's key.
     */
    private record Unsealing(TableSchema<Contact> mapped, FieldCipher cipher) implements TableSchema<Contact> {
        @Override
        public Contact mapToItem(Map<String, AttributeValue> item) {
            Contact c = mapped.mapToItem(item);
            if (c != null) {
                c.setEmail(open(item, "emailEnc"));
                c.setFirstName(open(item, "firstNameEnc"));
                c.setLastName(open(item, "lastNameEnc"));
                String pending = open(item, "pendingEnc");
                c.setPending(pending == null ? null : PendingSignup.fromJson(pending));
            }
            return c;
        }

        private String open(Map<String, AttributeValue> item, String attribute) {
            AttributeValue value = item.get(attribute);
            return value == null || value.s() == null ? null : cipher.decrypt(value.s(), SealedFields.of(item, attribute));
        }

        @Override
        public Map<String, AttributeValue> itemToMap(Contact item, boolean ignoreNulls) {
            return mapped.itemToMap(item, ignoreNulls);
        }

        @Override
        public Map<String, AttributeValue> itemToMap(Contact item, java.util.Collection<String> attributes) {
            return mapped.itemToMap(item, attributes);
        }

        @Override
        public AttributeValue attributeValue(Contact item, String attributeName) {
            return mapped.attributeValue(item, attributeName);
        }

        @Override
        public software.amazon.awssdk.enhanced.dynamodb.TableMetadata tableMetadata() {
            return mapped.tableMetadata();
        }

        @Override
        public EnhancedType<Contact> itemType() {
            return mapped.itemType();
        }

        @Override
        public List<String> attributeNames() {
            return mapped.attributeNames();
        }

        @Override
        public boolean isAbstract() {
            return mapped.isAbstract();
        }
    }
}
