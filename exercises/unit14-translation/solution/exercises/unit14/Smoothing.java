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
        double max = Double.NEGATIVE_INFINITY;
        for (double z : logits) max = Math.max(max, z);
        double sum = 0;
        for (double z : logits) sum += Math.exp(z - max);
        double logNormaliser = max + Math.log(sum), loss = 0;
        for (int v = 0; v < logits.length; v++) {
            double q = epsilon / logits.length + (v == target ? 1 - epsilon : 0);
            loss -= q * (logits[v] - logNormaliser);
        }
        return loss;
    }

    /** Task 3b: the decoder's causal mask {@code (T, T)}: {@code true} where query {@code i} may NOT see key {@code j}, that is {@code j > i}. */
    public static boolean[][] causalMask(int steps) {
        boolean[][] mask = new boolean[steps][steps];
        for (int i = 0; i < steps; i++) {
            for (int j = i + 1; j < steps; j++) mask[i][j] = true;
        }
        return mask;
    }
}
