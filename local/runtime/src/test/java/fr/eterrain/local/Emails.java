package fr.eterrain.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading what the SES emulator stored. An email in {@code GET /store} looks like
 * {@code {messageId, from, replyTo[], destination{to[], cc[], bcc[]}, subject, body{html, text}, attachments[],
 * headers[{name, value}], at}}: custom headers come back as given to SES, in order, names as sent.
 */
public final class Emails {
    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"'<>]+");

    private Emails() {
    }

    /** Emails whose To, Cc or Bcc holds this address (any case), oldest first. */
    public static List<JsonNode> to(JsonNode store, String address) {
        String wanted = address.toLowerCase(Locale.ROOT);
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode email : store.path("emails")) {
            for (String field : new String[] {"to", "cc", "bcc"}) {
                for (JsonNode recipient : email.path("destination").path(field)) {
                    if (recipient.asText().toLowerCase(Locale.ROOT).contains(wanted) && !found.contains(email)) {
                        found.add(email);
                    }
                }
            }
        }
        return found;
    }

    /** Value of a custom header (first of that name, any case). */
    public static Optional<String> header(JsonNode email, String name) {
        for (JsonNode header : email.path("headers")) {
            if (header.path("name").asText().equalsIgnoreCase(name)) {
                return Optional.of(header.path("value").asText());
            }
        }
        return Optional.empty();
    }

    /** Every http(s) link in the text and HTML bodies, in order, without duplicates, HTML entities undone. */
    public static List<String> links(JsonNode email) {
        LinkedHashSet<String> links = new LinkedHashSet<>();
        links.addAll(links(email.path("body").path("text").asText("")));
        links.addAll(links(email.path("body").path("html").asText("")));
        return List.copyOf(links);
    }

    public static List<String> links(String body) {
        List<String> links = new ArrayList<>();
        Matcher matcher = LINK.matcher(body);
        while (matcher.find()) {
            String link = matcher.group().replace("&amp;", "&");
            // A link at the end of a sentence takes no trailing punctuation.
            while (!link.isEmpty() && ".,;:)]".indexOf(link.charAt(link.length() - 1)) >= 0) {
                link = link.substring(0, link.length() - 1);
            }
            links.add(link);
        }
        return links;
    }

    /** The first link containing this fragment (e.g. "/v1/confirm"). */
    public static String link(JsonNode email, String fragment) {
        return links(email).stream().filter(l -> l.contains(fragment)).findFirst()
                .orElseThrow(() -> new AssertionError("no link with " + fragment + " in " + links(email)));
    }
}
