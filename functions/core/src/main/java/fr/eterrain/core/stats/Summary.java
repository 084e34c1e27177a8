package fr.eterrain.core.stats;

import fr.eterrain.core.tracking.StatsKeys;

/**
 * Figures of one or several newsletters added up, and their rates. Rates count people only (machine traffic
 * is reported beside them) and use these denominators:
 * <ul>
 *   <li>reached: delivered, or sent while no delivery notice has arrived;</li>
 *   <li>measured: the reached recipients whose email carried the open pixel (those consenting to audience
 *   measurement, when the sender records it; else every reached recipient). Unique opens and clicks can only
 *   be known for them, so open, click and click-to-open rates are about them.</li>
 * </ul>
 */
public final class Summary {
    private long newsletters;
    private long recipients;
    private long sent;
    private long delivered;
    private long reached;
    private long measured;
    private long bounced;
    private long complaints;
    private long uniqueOpens;
    private long opens;
    private long anonymousOpens;
    private long machineOpens;
    private long uniqueClicks;
    private long clicks;
    private long anonymousClicks;
    private long machineClicks;
    private long unsubscribes;
    private final Engagement engagement = new Engagement();

    public static Summary of(NewsletterFigures figures) {
        Summary summary = new Summary();
        summary.add(figures);
        return summary;
    }

    public void add(NewsletterFigures f) {
        newsletters++;
        recipients += f.delivery("total");
        sent += f.delivery("sent");
        delivered += f.delivery("delivered");
        long reach = f.delivery("delivered") > 0 ? f.delivery("delivered") : f.delivery("sent");
        reached += reach;
        measured += f.hasDelivery("measured") ? Math.min(f.delivery("measured"), reach) : reach;
        bounced += f.delivery("bounced");
        complaints += f.delivery("complaints");
        uniqueOpens += f.count(StatsKeys.UNIQUE_OPENS);
        opens += f.count(StatsKeys.OPENS) + f.count(StatsKeys.ANONYMOUS_OPENS);
        anonymousOpens += f.count(StatsKeys.ANONYMOUS_OPENS);
        machineOpens += f.count(StatsKeys.MACHINE_OPENS);
        uniqueClicks += f.count(StatsKeys.UNIQUE_CLICKS);
        clicks += f.count(StatsKeys.CLICKS) + f.count(StatsKeys.ANONYMOUS_CLICKS);
        anonymousClicks += f.count(StatsKeys.ANONYMOUS_CLICKS);
        machineClicks += f.count(StatsKeys.MACHINE_CLICKS);
        unsubscribes += f.count(StatsKeys.UNSUBSCRIBES);
        engagement.add(f.counters());
    }

    public void add(Summary other) {
        newsletters += other.newsletters;
        recipients += other.recipients;
        sent += other.sent;
        delivered += other.delivered;
        reached += other.reached;
        measured += other.measured;
        bounced += other.bounced;
        complaints += other.complaints;
        uniqueOpens += other.uniqueOpens;
        opens += other.opens;
        anonymousOpens += other.anonymousOpens;
        machineOpens += other.machineOpens;
        uniqueClicks += other.uniqueClicks;
        clicks += other.clicks;
        anonymousClicks += other.anonymousClicks;
        machineClicks += other.machineClicks;
        unsubscribes += other.unsubscribes;
        engagement.add(other.engagement);
    }

    public long newsletters() { return newsletters; }
    public long recipients() { return recipients; }
    public long sent() { return sent; }
    public long delivered() { return delivered; }
    public long reached() { return reached; }
    public long measured() { return measured; }
    public long bounced() { return bounced; }
    public long complaints() { return complaints; }
    public long uniqueOpens() { return uniqueOpens; }
    /** Human opens, repeated ones included, consenting or anonymous. */
    public long opens() { return opens; }
    public long anonymousOpens() { return anonymousOpens; }
    public long machineOpens() { return machineOpens; }
    public long uniqueClicks() { return uniqueClicks; }
    /** Human clicks, repeated ones included, consenting or anonymous. */
    public long clicks() { return clicks; }
    public long anonymousClicks() { return anonymousClicks; }
    public long machineClicks() { return machineClicks; }
    public long unsubscribes() { return unsubscribes; }
    public Engagement engagement() { return engagement; }

    public Double openRate() { return Rates.ratio(uniqueOpens, measured); }
    public Double clickRate() { return Rates.ratio(uniqueClicks, measured); }
    public Double clickToOpenRate() { return Rates.ratio(uniqueClicks, uniqueOpens); }
    public Double unsubscribeRate() { return Rates.ratio(unsubscribes, reached); }
    public Double complaintRate() { return Rates.ratio(complaints, reached); }
    public Double bounceRate() { return Rates.ratio(bounced, sent); }
    public Double openRateLowerBound() { return Rates.wilsonLower(uniqueOpens, measured); }
    public Double clickRateLowerBound() { return Rates.wilsonLower(uniqueClicks, measured); }
}
