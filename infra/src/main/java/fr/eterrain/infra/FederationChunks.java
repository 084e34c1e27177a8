package fr.eterrain.infra;

import fr.eterrain.core.federation.Federation;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the federations over data stacks, in seed order, {@value #SIZE} per stack. A table must never change
 * stacks (CloudFormation would delete it from one and fail to create it in the other), so new federations are
 * appended at the end of {@code federations.json}: existing ones keep their chunk.
 */
public final class FederationChunks {
    /** Tables per data stack: far from CloudFormation's 500 resources, small enough to deploy quickly. */
    public static final int SIZE = 40;

    private FederationChunks() {
    }

    public static List<List<Federation>> of(List<Federation> federations) {
        List<List<Federation>> chunks = new ArrayList<>();
        for (int start = 0; start < federations.size(); start += SIZE) {
            chunks.add(List.copyOf(federations.subList(start, Math.min(start + SIZE, federations.size()))));
        }
        return List.copyOf(chunks);
    }
}
