package fr.eterrain.core.stats;

import fr.eterrain.core.federation.Federation;
import java.util.List;

/** Every federation over a period, ranked on human activity only (see {@link Statistics#national}). */
public record NationalReport(Period period, Summary totals, List<Row> federations) {

    /** @param rank 1 for the best; null when the federation measured too few recipients to be ranked fairly */
    public record Row(Federation federation, Summary summary, Integer rank) {
    }
}
