package fr.eterrain.core.contacts;

import java.util.List;

/** One page of contacts and the opaque cursor of the next page (null at the end). */
public record ContactPage(List<Contact> contacts, String nextCursor) {
}
