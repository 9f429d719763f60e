package jgrad.recsys;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Leave-one-out evaluation (He et al., Neural Collaborative Filtering, 2017): each user's latest
 * interaction is held out; the model ranks it among {@code negatives} items the user never
 * touched (sampled once, fixed for every model compared), and
 * <pre>
 *   HR@K   = fraction of users whose held-out item is in the top K
 *   NDCG@K = mean over users of 1 / log2(rank + 2)  when rank &lt; K (rank 0 = top), else 0
 * </pre>
 * Ties count against the model: an item scored equal to the held-out one ranks above it.
 */
public final class LeaveOneOut {
    /** Scores items for a user; higher means more likely to be picked. */
    @FunctionalInterface
    public interface Scorer {
        double[] scores(int user, int[] items);
    }

    /** One user's test case: the held-out item and the sampled negatives. */
    public record Case(int user, int heldOut, int[] negatives) {
    }

    /** HR@K and NDCG@K over all users. */
    public record Metrics(double hitRate, double ndcg, int k) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "HR@%d %.4f  NDCG@%d %.4f", k, hitRate, k, ndcg);
        }
    }

    private final Interactions train;
    private final List<Case> cases;

    private LeaveOneOut(Interactions train, List<Case> cases) {
        this.train = train;
        this.cases = cases;
    }

    /** Holds out each user's latest interaction (users with fewer than 2 are kept whole in training). */
    public static LeaveOneOut split(Interactions all, int negatives, long seed) {
        int[] latest = new int[all.users()];
        java.util.Arrays.fill(latest, -1);
        int[] count = new int[all.users()];
        for (int j = 0; j < all.size(); j++) {
            int u = all.user()[j];
            count[u]++;
            if (latest[u] < 0 || all.time()[j] > all.time()[latest[u]] || (all.time()[j] == all.time()[latest[u]] && j > latest[u])) {
                latest[u] = j;
            }
        }
        BitSet heldOut = new BitSet(all.size());
        for (int u = 0; u < all.users(); u++) {
            if (count[u] >= 2) heldOut.set(latest[u]);
        }
        int trainSize = all.size() - heldOut.cardinality();
        int[] user = new int[trainSize], item = new int[trainSize];
        long[] time = new long[trainSize];
        for (int j = 0, t = 0; j < all.size(); j++) {
            if (!heldOut.get(j)) {
                user[t] = all.user()[j];
                item[t] = all.item()[j];
                time[t++] = all.time()[j];
            }
        }
        var train = new Interactions(all.users(), all.items(), user, item, time);
        BitSet[] seen = all.itemsByUser();
        var random = new SplittableRandom(seed);
        List<Case> cases = new ArrayList<>();
        for (int j = heldOut.nextSetBit(0); j >= 0; j = heldOut.nextSetBit(j + 1)) {
            int u = all.user()[j];
            int available = all.items() - seen[u].cardinality();
            if (available < negatives) {
                throw new IllegalArgumentException("LeaveOneOut: user " + u + " has only " + available + " unseen items, fewer than "
                        + negatives + " negatives");
            }
            var chosen = new BitSet(all.items());
            int[] sample = new int[negatives];
            for (int n = 0; n < negatives; ) {
                int i = random.nextInt(all.items());
                if (!seen[u].get(i) && !chosen.get(i)) {
                    chosen.set(i);
                    sample[n++] = i;
                }
            }
            cases.add(new Case(u, all.item()[j], sample));
        }
        return new LeaveOneOut(train, cases);
    }

    /** The training interactions (everything but the held-out ones). */
    public Interactions train() {
        return train;
    }

    public List<Case> cases() {
        return cases;
    }

    /** Ranks each held-out item among its negatives with {@code scorer}. */
    public Metrics evaluate(Scorer scorer, int k) {
        double hits = 0, ndcg = 0;
        for (Case c : cases) {
            int[] items = new int[c.negatives().length + 1];
            items[0] = c.heldOut();
            System.arraycopy(c.negatives(), 0, items, 1, c.negatives().length);
            double[] scores = scorer.scores(c.user(), items);
            int rank = rank(scores);
            if (rank < k) {
                hits++;
                ndcg += 1 / (Math.log(rank + 2) / Math.log(2));
            }
        }
        return new Metrics(hits / cases.size(), ndcg / cases.size(), k);
    }

    /** The rank (0 = top) of {@code scores[0]} among all: how many others score at least as high. */
    static int rank(double[] scores) {
        int rank = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] >= scores[0]) rank++;
        }
        return rank;
    }
}
