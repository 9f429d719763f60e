package jgrad.nn.functional;

import jgrad.DType;
import jgrad.Grad;
import jgrad.Tensor;

/**
 * Softmax and cross-entropy fused into one float32 op with a hand-written backward (llm.c's
 * {@code crossentropy_softmax_backward}): the (N, C) probabilities are never stored; the forward
 * keeps only log Σ exp per row, and the backward recomputes the softmax from it.
 * <pre>
 *   lse_n = m_n + log Σ_c exp(x_{n,c} − m_n)      m_n = max_c x_{n,c}
 *   l_n   = lse_n − x_{n,y_n}                       (0 and not counted where y_n = ignoreIndex)
 *   loss  = Σ_n l_n / count   (MEAN)   or   Σ_n l_n   (SUM)
 *   dx_{n,c} = g / count · (exp(x_{n,c} − lse_n) − [c = y_n])
 * </pre>
 * Used for float32 {@code (N, C)} scores without class weights or label smoothing; the composed
 * {@code Losses.crossEntropyIndices} is the reference a test compares against. The sums are in
 * double and exp/log are {@link StrictMath}'s, whose bits are fixed by specification, so the loss
 * does not change with the JIT (HotSpot may compile {@link Math#exp} to a different routine than the
 * one it interprets with); with logits near 1e8 the double sums still resolve log 2.
 */
final class FusedCrossEntropy {
    private FusedCrossEntropy() {
    }

    /** The shapes this op computes: scores {@code (N, C)} against int64 class indices {@code (N)}. */
    static boolean covers(Tensor input, Tensor target) {
        return input.dim() == 2 && target.dtype() == DType.INT64 && target.dim() == 1 && target.size(0) == input.size(0);
    }

    static Tensor crossEntropy(Tensor input, Tensor target, long ignoreIndex, Reduction reduction) {
        int rows = input.size(0), classes = input.size(1);
        float[] x = FusedAttention.array(input.detach().contiguous());
        long[] labels = target.toLongArray();
        double[] logSumExp = new double[rows];
        double total = 0;
        int counted = 0;
        for (int n = 0; n < rows; n++) {
            if (labels[n] == ignoreIndex) {
                continue;
            }
            if (labels[n] < 0 || labels[n] >= classes) {
                throw new IndexOutOfBoundsException("crossEntropy: target " + labels[n] + " at row " + n
                        + " is out of range for " + classes + " classes");
            }
            int at = n * classes;
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, x[at + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += StrictMath.exp(x[at + c] - max);
            }
            logSumExp[n] = max + StrictMath.log(sum);
            total += logSumExp[n] - x[at + (int) labels[n]];
            counted++;
        }
        double divisor = reduction == Reduction.MEAN ? counted : 1;   // MEAN over no counted rows is NaN, as PyTorch
        Tensor loss = Tensor.scalar(total / divisor, DType.FLOAT32);
        return Grad.record(loss, "FusedCrossEntropyBackward", gradOutput -> {
            float scale = (float) (gradOutput.item() / divisor);
            float[] dx = new float[rows * classes];
            for (int n = 0; n < rows; n++) {
                if (labels[n] == ignoreIndex) {
                    continue;
                }
                int at = n * classes;
                for (int c = 0; c < classes; c++) {
                    dx[at + c] = scale * (float) StrictMath.exp(x[at + c] - logSumExp[n]);
                }
                dx[at + (int) labels[n]] -= scale;
            }
            return new Tensor[] {Tensor.of(dx, rows, classes), null};
        }, input, target);
    }
}
