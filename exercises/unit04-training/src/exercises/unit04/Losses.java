package exercises.unit04;

/** Unit 4 exercise, task 3: softmax cross-entropy, forward and gradient, on plain arrays. */
public final class Losses {
    private Losses() {
    }

    /**
     * Task 3: the mean softmax cross-entropy with label smoothing {@code s}, and its gradient. For row
     * n with logits {@code z} (C values) and target class {@code t}:
     * <pre>
     *   log p_c = z_c - logsumexp(z)            logsumexp(z) = max(z) + log sum_k exp(z_k - max(z))
     *   q_c     = (1 - s) [c == t] + s / C      (the smoothed target distribution)
     *   loss_n  = - sum_c q_c log p_c
     *   loss    = (1/N) sum_n loss_n,           dLoss/dz_{n,c} = (p_{n,c} - q_{n,c}) / N
     * </pre>
     * Compute {@code log p} with the max subtracted: the tests use logits as large as 1000, where a
     * plain {@code exp} overflows to infinity.
     *
     * @param logits         Z, shape (N, C)
     * @param targets        the class of each row, N values in {@code [0, C)}
     * @param labelSmoothing s in [0, 1]; 0 is the ordinary cross-entropy
     * @return the mean loss and dLoss/dZ (N, C)
     */
    public static Results.LossAndGradient crossEntropy(double[][] logits, int[] targets, double labelSmoothing) {
        // TODO(task 3): log-softmax each row with the max trick, then the loss and (softmax - q) / N.
        throw new UnsupportedOperationException("TODO task 3");
    }
}
