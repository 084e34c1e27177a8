package fr.eterrain.core.newsletters;

import java.util.List;

/**
 * The newsletters scheduled or being sent, across federations: what the dispatch tick looks at, and how many
 * federations share the send rate right now.
 */
public interface ActiveSends {
    record Entry(String federation, String newsletterId) {
    }

    void add(String federation, String newsletterId);

    void remove(String federation, String newsletterId);

    List<Entry> all();

    default int federationsSending() {
        return (int) all().stream().map(Entry::federation).distinct().count();
    }
}
