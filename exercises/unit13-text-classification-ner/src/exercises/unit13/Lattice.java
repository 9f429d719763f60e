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
        // TODO(task 2): alpha over the first step, then the recursion over t, then the end scores
        throw new UnsupportedOperationException("TODO task 2");
    }

    /**
     * Task 2b: the highest-scoring path (Viterbi): the forward recursion with max instead of
     * logsumexp, remembering for every step and tag the best previous tag, then following those
     * back-pointers from the best last tag. On ties take the lower tag id.
     *
     * @return {@code T} tag ids
     */
    public static int[] viterbi(double[][] emissions, double[][] transitions, double[] start, double[] end) {
        // TODO(task 2): delta and back-pointers, then follow them back from the best last tag
        throw new UnsupportedOperationException("TODO task 2");
    }
}
