package fr.eterrain.bench;

import fr.eterrain.core.Platform;
import java.util.ArrayList;
import java.util.List;

/** A newsletter already sent to seeded contacts: its id and its recipients' contact ids. */
record Campaign(String federation, String id, List<String> contacts) {
    static Campaign sent(Platform platform, String federation, String tag, int recipients) throws Exception {
        Campaigns.seed(platform, federation, tag, recipients);
        String id = Campaigns.send(platform, federation, tag);
        Campaigns.dispatch(platform, federation, id);
        return new Campaign(federation, id, recipients(platform, federation, tag));
    }

    static List<String> recipients(Platform platform, String federation, String tag) {
        List<String> contacts = new ArrayList<>();
        platform.contacts().forEach(federation, c -> {
            if (c.getTags().contains(tag)) {
                contacts.add(c.getId());
            }
        });
        return contacts;
    }
}
