package exercises.unit13;

/**
 * Unit 13 exercise, task 2: the linear-chain CRF on a lattice of {@code T} steps and {@code K} tags,
 * by hand. A tag path {@code y} scores
 * <pre>
 *   s(y) = start[y_0] + sum_t E[t][y_t] + sum_{t >= 1} A[y_{t-1}][y_t] + end[y_{T-1}]
 * </pre>
 * with emissions {@code E (T, K)}, transitions {@code A (K, K)} ({@code A[i][j]}: tag {@code j}
 * after tag {@code i}), {@code start (K)} and {@code end (K)}.
 */
public final class Lattice {
    private Lattice() {
    }

    /**
     * Task 2a: {@code log Z = log sum over all K^T paths of exp(s(y))} by the forward algorithm in
     * log space: {@code alpha_0[j] = start[j] + E[0][j]},
     * {@code alpha_t[j] = logsumexp_i(alpha_{t-1}[i] + A[i][j]) + E[t][j]},
     * {@code log Z = logsumexp_j(alpha_{T-1}[j] + end[j])}. Subtract the maximum inside every
     * logsumexp so that scores of a few hundred do not overflow.
     */
    public static double logPartition(double[][] emissions, double[][] transitions, double[] start, double[] end) {
        int steps = emissions.length, tags = start.length;
        double[] alpha = new double[tags];
        for (int j = 0; j < tags; j++) alpha[j] = start[j] + emissions[0][j];
        for (int t = 1; t < steps; t++) {
            double[] next = new double[tags];
            for (int j = 0; j < tags; j++) {
                double[] terms = new double[tags];
                for (int i = 0; i < tags; i++) terms[i] = alpha[i] + transitions[i][j];
                next[j] = logSumExp(terms) + emissions[t][j];
            }
            alpha = next;
        }
        double[] last = new double[tags];
        for (int j = 0; j < tags; j++) last[j] = alpha[j] + end[j];
        return logSumExp(last);
    }

    /**
     * Task 2b: the highest-scoring path (Viterbi): the forward recursion with max instead of
     * logsumexp, remembering for every step and tag the best previous tag, then following those
     * back-pointers from the best last tag. On ties take the lower tag id.
     *
     * @return {@code T} tag ids
     */
    public static int[] viterbi(double[][] emissions, double[][] transitions, double[] start, double[] end) {
        int steps = emissions.length, tags = start.length;
        double[] delta = new double[tags];
        int[][] back = new int[steps][tags];
        for (int j = 0; j < tags; j++) delta[j] = start[j] + emissions[0][j];
        for (int t = 1; t < steps; t++) {
            double[] next = new double[tags];
            for (int j = 0; j < tags; j++) {
                int best = 0;
                for (int i = 1; i < tags; i++) {
                    if (delta[i] + transitions[i][j] > delta[best] + transitions[best][j]) best = i;
                }
                back[t][j] = best;
                next[j] = delta[best] + transitions[best][j] + emissions[t][j];
            }
            delta = next;
        }
        int[] path = new int[steps];
        for (int j = 1; j < tags; j++) {
            if (delta[j] + end[j] > delta[path[steps - 1]] + end[path[steps - 1]]) path[steps - 1] = j;
        }
        for (int t = steps - 1; t > 0; t--) path[t - 1] = back[t][path[t]];
        return path;
    }

    private static double logSumExp(double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) max = Math.max(max, v);
        double sum = 0;
        for (double v : values) sum += Math.exp(v - max);
        return max + Math.log(sum);
    }
}
