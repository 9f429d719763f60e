package jgrad.recsys;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Implicit feedback: "user u interacted with item i at time t" (watched, clicked, rated at all),
 * with users and items numbered densely from 0. Entry j is {@code (user[j], item[j], time[j])}.
 * There are no negative examples: an item a user never touched may be disliked or just unseen.
 */
public record Interactions(int users, int items, int[] user, int[] item, long[] time) {
    public Interactions {
        if (user.length != item.length || user.length != time.length) {
            throw new IllegalArgumentException("Interactions: user, item and time need one entry each per interaction, got "
                    + user.length + ", " + item.length + " and " + time.length);
        }
        for (int j = 0; j < user.length; j++) {
            if (user[j] < 0 || user[j] >= users || item[j] < 0 || item[j] >= items) {
                throw new IllegalArgumentException("Interactions: entry " + j + " is (user " + user[j] + ", item " + item[j]
                        + "), expected user in [0, " + users + ") and item in [0, " + items + ")");
            }
        }
    }

    public int size() {
        return user.length;
    }

    /** For each user, the set of items they interacted with. */
    public BitSet[] itemsByUser() {
        BitSet[] seen = new BitSet[users];
        Arrays.setAll(seen, u -> new BitSet(items));
        for (int j = 0; j < size(); j++) {
            seen[user[j]].set(item[j]);
        }
        return seen;
    }

    /** How many interactions each item has: the popularity baseline's score. */
    public int[] itemCounts() {
        int[] counts = new int[items];
        for (int i : item) {
            counts[i]++;
        }
        return counts;
    }
}
