package fr.eterrain.core.newsletters;

/** Per-second counters shared by every worker (DynamoDB in AWS, memory in unit tests). */
public interface WindowCounters {
    /** Adds {@code amount} to the counter of {@code key} in {@code window} if it stays ≤ limit; true when added. */
    boolean tryAdd(String key, long window, int amount, int limit);

    /** Gives back what a later check refused. */
    void subtract(String key, long window, int amount);
}
