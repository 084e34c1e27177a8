package fr.eterrain.core.newsletters;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.http.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/** Reading a draft's ordered blocks (validated against schemas/newsletter-draft.json). */
public final class Blocks {
    private Blocks() {
    }

    /** Every distinct link target, in order: the newsletter's own list, indexed by tracking tokens. */
    public static List<String> links(JsonNode blocks) {
        LinkedHashSet<String> links = new LinkedHashSet<>();
        for (JsonNode block : blocks) {
            switch (block.path("type").asText()) {
                case "text" -> links.addAll(SafeMarkdown.links(block.path("markdown").asText()));
                case "image" -> {
                    if (block.hasNonNull("link")) {
                        links.add(block.get("link").asText());
                    }
                }
                case "button" -> links.add(block.path("url").asText());
                default -> { }
            }
        }
        return new ArrayList<>(links);
    }

    /**
     * A Markdown link to a plain http target, whatever the case of its scheme, other than this machine's own loopback
     * (a local stack's own pages, such as the links of a national selection's draft, are served over plain http).
     */
    private static final Pattern INSECURE_MARKDOWN_LINK = Pattern.compile("\\]\\(\\s*http://(?!" + LoopbackHosts.PATTERN + ")",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ACCEPTED_LINK = Pattern.compile("^(https://|http://" + LoopbackHosts.PATTERN + ")",
            Pattern.CASE_INSENSITIVE);

    /**
     * Every link of a newsletter is https: a plain http link can be rewritten on the way (public Wi-Fi, a captive
     * portal) into anything, under the party's name. The one exception, loopback addresses, reach no reader: they are a
     * local stack's own pages. Checks whatever blocks it is given (before or after the schema),
     * so the refusal names the very field, e.g. {@code blocks[2].url}.
     *
     * @throws ApiException 400 {@code insecure_link}
     */
    public static void requireHttps(JsonNode blocks) {
        if (blocks == null || !blocks.isArray()) {
            return;
        }
        for (int i = 0; i < blocks.size(); i++) {
            JsonNode block = blocks.get(i);
            for (String field : new String[] {"url", "link"}) {
                JsonNode value = block.get(field);
                if (value != null && value.isTextual() && !ACCEPTED_LINK.matcher(value.asText()).find()) {
                    throw insecure("blocks[" + i + "]." + field);
                }
            }
            JsonNode markdown = block.get("markdown");
            if (markdown != null && markdown.isTextual() && INSECURE_MARKDOWN_LINK.matcher(markdown.asText()).find()) {
                throw insecure("blocks[" + i + "].markdown");
            }
        }
    }

    private static ApiException insecure(String field) {
        return ApiException.badRequest("insecure_link", "Links must start with https:// (" + field + ").", field);
    }
}
