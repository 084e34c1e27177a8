package fr.eterrain.core.newsletters;

import fr.eterrain.core.html.Html;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small Markdown subset volunteers may use: paragraphs (blank line), line breaks, "- " bullet lists,
 * **bold**, *italic* and [label](https://…) links. Text is escaped first, so nothing else becomes HTML; only
 * http and https links are kept (drafts take https only, see Blocks), and a target never holds braces or a name.
 */
public final class SafeMarkdown {
    /** Where the renderer puts a first name once the text is rendered (see NewsletterRenderer): never inside a link's target. */
    static final String NAME_SLOT = "\uE000";
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]{1,200})\\]\\((https?://[^\\s){}\uE000]{1,2000})\\)");
    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");
    private static final Pattern ITALIC = Pattern.compile("\\*(.+?)\\*");

    /** How a link target becomes an href (the renderer rewrites it to a tracked redirect). */
    public interface LinkRewriter {
        String href(String url);
    }

    private SafeMarkdown() {
    }

    /** Link targets in order of appearance. */
    public static List<String> links(String markdown) {
        return LINK.matcher(markdown == null ? "" : markdown).results().map(m -> m.group(2)).toList();
    }

    public static String toHtml(String markdown, String linkStyle, LinkRewriter rewriter) {
        StringBuilder html = new StringBuilder();
        for (String paragraph : markdown.replace("\r\n", "\n").split("\n\\s*\n")) {
            List<String> lines = paragraph.lines().toList();
            if (!lines.isEmpty() && lines.stream().allMatch(l -> l.startsWith("- "))) {
                html.append("<ul style=\"margin:0 0 16px 0;padding-left:20px;\">");
                lines.forEach(l -> html.append("<li>").append(inline(l.substring(2), linkStyle, rewriter)).append("</li>"));
                html.append("</ul>");
            } else if (!paragraph.isBlank()) {
                html.append("<p style=\"margin:0 0 16px 0;\">")
                        .append(String.join("<br>", lines.stream().map(l -> inline(l, linkStyle, rewriter)).toList()))
                        .append("</p>");
            }
        }
        return html.toString();
    }

    public static String toText(String markdown, LinkRewriter rewriter) {
        Matcher m = LINK.matcher(markdown);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + " (" + rewriter.href(m.group(2)) + ")"));
        }
        m.appendTail(out);
        return out.toString().replace("**", "").replaceAll("(?<!\\*)\\*(?!\\*)", "");
    }

    private static String inline(String line, String linkStyle, LinkRewriter rewriter) {
        // Links first, on the raw text, so their URLs are never touched by emphasis; the rest is escaped.
        Matcher m = LINK.matcher(line);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(emphasis(Html.escape(line.substring(last, m.start()))));
            out.append("<a href=\"").append(Html.escape(rewriter.href(m.group(2)))).append("\" style=\"").append(linkStyle)
                    .append("\">").append(emphasis(Html.escape(m.group(1)))).append("</a>");
            last = m.end();
        }
        out.append(emphasis(Html.escape(line.substring(last))));
        return out.toString();
    }

    private static String emphasis(String escaped) {
        String bold = BOLD.matcher(escaped).replaceAll("<strong>$1</strong>");
        return ITALIC.matcher(bold).replaceAll("<em>$1</em>");
    }
}
