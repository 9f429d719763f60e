package exercises.unit14;

/** Unit 14 exercise, task 3: cross-entropy with label smoothing, and the decoder's causal mask. */
public final class Smoothing {
    private Smoothing() {
    }

    /**
     * Task 3a: the label-smoothed cross-entropy of one prediction, as PyTorch's
     * {@code cross_entropy(..., label_smoothing=epsilon)} defines it: the target distribution puts
     * {@code 1 - epsilon + epsilon / V} on {@code target} and {@code epsilon / V} on every other of the
     * {@code V} classes, and the loss is {@code -sum_v q_v log softmax(logits)_v}. Compute the log-softmax
     * stably (subtract the largest logit).
     */
    public static double loss(double[] logits, int target, double epsilon) {
        // TODO(task 3): log-softmax with the maximum taken out, then the smoothed target distribution
        throw new UnsupportedOperationException("TODO task 3");
    }

    /** Task 3b: the decoder's causal mask {@code (T, T)}: {@code true} where query {@code i} may NOT see key {@code j}, that is {@code j > i}. */
    public static boolean[][] causalMask(int steps) {
        // TODO(task 3): true strictly above the diagonal
        throw new UnsupportedOperationException("TODO task 3");
    }
}
