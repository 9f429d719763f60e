package jgrad.recsys;

import java.util.BitSet;
import java.util.SplittableRandom;

/**
 * A generated data set with known latent structure, for the demo and the tests: each user and
 * each item gets a random taste vector in {@code dim} dimensions (N(0, 1)), each item a
 * popularity bias, and a user picks items in sequence, each new one with probability
 * <pre>
 *   P(i | u)  ∝  exp(sharpness · ⟨p_u, q_i⟩ / √dim + bias_i)     over items not yet picked
 * </pre>
 * So the interactions are explained by a rank-{@code dim} model plus popularity: matrix
 * factorisation should find the structure, and popularity alone should do clearly worse.
 * Times are the pick order, so leave-one-out holds out each user's last pick.
 */
public final class LatentInteractions {
    private LatentInteractions() {
    }

    public static Interactions generate(int users, int items, int dim, int perUser, double sharpness, long seed) {
        if (perUser >= items) {
            throw new IllegalArgumentException("LatentInteractions: perUser (" + perUser + ") must be below items (" + items + ")");
        }
        var random = new SplittableRandom(seed);
        double[][] userTaste = gaussian(random, users, dim);
        double[][] itemTaste = gaussian(random, items, dim);
        double[] bias = new double[items];
        for (int i = 0; i < items; i++) {
            bias[i] = random.nextGaussian();
        }
        int[] user = new int[users * perUser], item = new int[users * perUser];
        long[] time = new long[users * perUser];
        double[] weight = new double[items];
        int j = 0;
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) {
                double dot = 0;
                for (int d = 0; d < dim; d++) {
                    dot += userTaste[u][d] * itemTaste[i][d];
                }
                weight[i] = Math.exp(sharpness * dot / Math.sqrt(dim) + bias[i]);
            }
            var picked = new BitSet(items);
            for (int t = 0; t < perUser; t++) {
                int choice = draw(weight, picked, random);
                picked.set(choice);
                user[j] = u;
                item[j] = choice;
                time[j] = t;
                j++;
            }
        }
        return new Interactions(users, items, user, item, time);
    }

    private static double[][] gaussian(SplittableRandom random, int rows, int dim) {
        double[][] out = new double[rows][dim];
        for (double[] row : out) {
            for (int d = 0; d < dim; d++) {
                row[d] = random.nextGaussian();
            }
        }
        return out;
    }

    /** One index drawn with probability proportional to {@code weight}, skipping those in {@code excluded}. */
    private static int draw(double[] weight, BitSet excluded, SplittableRandom random) {
        double total = 0;
        for (int i = 0; i < weight.length; i++) {
            if (!excluded.get(i)) total += weight[i];
        }
        double target = random.nextDouble() * total;
        int last = -1;
        for (int i = 0; i < weight.length; i++) {
            if (excluded.get(i)) continue;
            last = i;
            target -= weight[i];
            if (target <= 0) return i;
        }
        return last;
    }
}
