package fr.eterrain.core.mail;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * One email to one recipient (recipients never see each other). Headers are added exactly as given. The subject
 * is one line whatever went into it (a first name, a volunteer's draft): line breaks and other control characters
 * become spaces, so nothing can start a header of its own.
 */
public record EmailMessage(String from, String to, String subject, String html, String text, Map<String, String> headers) {
    private static final Pattern BREAKS = Pattern.compile("[\\p{Cc}\\p{Zl}\\p{Zp}\\u0085]+");

    public EmailMessage {
        subject = oneLine(subject);
    }

    /** Control characters and line or paragraph separators as single spaces, trimmed. */
    public static String oneLine(String value) {
        return value == null ? null : BREAKS.matcher(value).replaceAll(" ").replaceAll(" {2,}", " ").strip();
    }
}
