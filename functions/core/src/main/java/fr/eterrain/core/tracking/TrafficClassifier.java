package fr.eterrain.core.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tells people from machines, so that rates count people only. Machines are counted too, separately.
 * <ul>
 *   <li>HEAD requests: browsers follow links with GET; link checkers and scanners probe with HEAD.</li>
 *   <li>Privacy proxies fetch every image when the message arrives, whether or not anyone reads it: Apple Mail
 *   Privacy Protection (user agent exactly {@code Mozilla/5.0}, or Apple's 17.0.0.0/8 network), the Gmail and
 *   Yahoo image proxies.</li>
 *   <li>Security scanners follow every link of a message as it is delivered: known agents, no agent at all, or a
 *   click less than {@link #SCANNER_WINDOW} after delivery (a person has not even opened it yet).</li>
 * </ul>
 */
public final class TrafficClassifier {
    public static final Duration SCANNER_WINDOW = Duration.ofSeconds(20);

    private static final Pattern PROXY = Pattern.compile(
            "googleimageproxy|ggpht\\.com|yahoomailproxy|yahoo! slurp|apple-mail-privacy");
    private static final Pattern SCANNER = Pattern.compile(
            "bot\\b|bot/|crawler|spider|scanner|scan/|preview|headless|phantomjs|python|curl|wget|libwww|java/|okhttp"
                    + "|go-http-client|httpclient|axios|node-fetch|barracuda|mimecast|proofpoint|urldefense|safelinks"
                    + "|trend ?micro|symantec|messagelabs|sophos|forcepoint|fortiguard|zscaler|ironport|cisco"
                    + "|checkpoint|avanan|existence discovery|ms-office|microsoft office/|linkchecker|validator"
                    + "|facebookexternalhit|slackbot|skypeuripreview|whatsapp|telegrambot|discordbot");

    public Traffic classify(boolean click, HitRequest request, Instant at, Instant deliveredAt) {
        if (request.method() != null && request.method().equalsIgnoreCase("HEAD")) {
            return Traffic.SCANNER;
        }
        String agent = request.userAgent() == null ? "" : request.userAgent().trim();
        if (agent.isEmpty()) {
            return Traffic.SCANNER;
        }
        String lower = agent.toLowerCase(Locale.ROOT);
        if (PROXY.matcher(lower).find() || agent.equals("Mozilla/5.0") || fromApple(request.sourceIp())) {
            return Traffic.PRIVACY_PROXY;
        }
        if (SCANNER.matcher(lower).find()) {
            return Traffic.SCANNER;
        }
        if (click && deliveredAt != null && at.isBefore(deliveredAt.plus(SCANNER_WINDOW))) {
            return Traffic.SCANNER;
        }
        return Traffic.HUMAN;
    }

    /** Apple's own network, where Mail Privacy Protection's prefetching comes from. */
    static boolean fromApple(String ip) {
        return ip != null && ip.startsWith("17.") && ip.indexOf(':') < 0;
    }
}
