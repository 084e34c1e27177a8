package fr.eterrain.core.mail;

import java.util.Map;

/** One email to one recipient (recipients never see each other). Headers are added exactly as given. */
public record EmailMessage(String from, String to, String subject, String html, String text, Map<String, String> headers) {
}
