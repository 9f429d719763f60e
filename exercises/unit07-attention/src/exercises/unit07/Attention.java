package exercises.unit07;

/**
 * Unit 7 exercise, tasks 1 and 2: scaled dot-product attention for one head, forward and backward,
 * on plain matrices. Queries Q (L, E), keys K (S, E), values V (S, Ev); with the scale
 * {@code s = 1 / sqrt(E)}:
 * <pre>
 *   Z = s Q K^T            (L, S)    the scores: row i says how well query i matches each key
 *   A = softmax(Z) by row  (L, S)    the weights: row i sums to 1
 *   Y = A V                (L, Ev)   each output row is a weighted average of the value rows
 * </pre>
 */
public final class Attention {
    private Attention() {
    }

    /**
     * Task 1: the forward pass. With {@code causal}, query i may only look at keys j &lt;= i: set the
     * scores Z[i][j] for j &gt; i to -infinity before the softmax, so their weights are exactly 0.
     * Compute the softmax stably (subtract each row's maximum before exponentiating).
     *
     * @param q (L, E); k (S, E); v (S, Ev)
     * @return Y (L, Ev) and the weights A (L, S)
     */
    public static Results.AttentionForward forward(double[][] q, double[][] k, double[][] v, boolean causal) {
        // TODO(task 1): scores, causal mask, row softmax, weighted sum of the values.
        throw new UnsupportedOperationException("TODO task 1");
    }

    /**
     * Task 2: the backward pass, given dL/dY and the weights A from the forward pass (masked
     * positions have A = 0, so the same formulas serve with and without a mask):
     * <pre>
     *   dV = A^T dY                                   (S, Ev)
     *   dA = dY V^T                                   (L, S)
     *   dZ[i][j] = A[i][j] (dA[i][j] - sum_m dA[i][m] A[i][m])      softmax backward, row by row
     *   dQ = s dZ K                                   (L, E)
     *   dK = s dZ^T Q                                 (S, E)
     * </pre>
     *
     * @param q          (L, E); k (S, E); v (S, Ev): the forward pass's inputs
     * @param weights    A (L, S), the forward pass's weights
     * @param gradOutput dL/dY, (L, Ev)
     * @return dL/dQ, dL/dK, dL/dV
     */
    public static Results.AttentionGradients backward(double[][] q, double[][] k, double[][] v, double[][] weights,
                                                      double[][] gradOutput) {
        // TODO(task 2): dV and dA, the softmax backward to dZ, then dQ and dK with the scale.
        throw new UnsupportedOperationException("TODO task 2");
    }
}
