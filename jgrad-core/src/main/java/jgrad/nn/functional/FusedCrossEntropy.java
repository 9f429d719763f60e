package jgrad.nn.functional;

import jgrad.DType;
import jgrad.Grad;
import jgrad.Tensor;
import jgrad.kernels.Parallel;
import jgrad.kernels.SoftmaxKernels;

/**
 * Softmax and cross-entropy fused into one float32 op with a hand-written backward (llm.c's
 * {@code crossentropy_softmax_backward}): the (N, C) probabilities are never stored; the forward
 * keeps only the row maximum and log Σ exp per row, and the backward recomputes the softmax from them.
 * <pre>
 *   m_n = max_c x_{n,c},   s_n = log Σ_c exp(x_{n,c} − m_n)
 *   l_n   = s_n − (x_{n,y_n} − m_n)                 (0 and not counted where y_n = ignoreIndex)
 *   loss  = Σ_n l_n / count   (MEAN)   or   Σ_n l_n   (SUM)
 *   dx_{n,c} = g / count · (exp((x_{n,c} − m_n) − s_n) − [c = y_n])
 * </pre>
 * Used for float32 {@code (N, C)} scores without class weights or label smoothing; the composed
 * {@code Losses.crossEntropyIndices} is the reference a test compares against. The rows run on
 * {@link SoftmaxKernels} (SIMD exp from {@code FloatMath}, sums in a fixed order, rows split over
 * threads), so the bits do not change with the JIT, the thread count or the vector width; the loss
 * adds the rows' terms in order, in double. {@code x − m} is exact for the entries that matter, so
 * logits near 1e8 still resolve log 2. (A GPT-2 head, 256 rows × 50,257 classes, spent some 4% of a
 * step in the scalar {@code StrictMath.exp} this op used before.)
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
        for (int n = 0; n < rows; n++) {
            if (labels[n] != ignoreIndex && (labels[n] < 0 || labels[n] >= classes)) {
                throw new IndexOutOfBoundsException("crossEntropy: target " + labels[n] + " at row " + n
                        + " is out of range for " + classes + " classes");
            }
        }
        float[] max = new float[rows], logSum = new float[rows];
        SoftmaxKernels.maxAndLogSum(x, 0, rows, classes, max, logSum);
        double total = 0;
        int counted = 0;
        for (int n = 0; n < rows; n++) {
            if (labels[n] != ignoreIndex) {
                total += (double) logSum[n] - (x[n * classes + (int) labels[n]] - max[n]);
                counted++;
            }
        }
        double divisor = reduction == Reduction.MEAN ? counted : 1;   // MEAN over no counted rows is NaN, as PyTorch
        Tensor loss = Tensor.scalar(total / divisor, DType.FLOAT32);
        return Grad.record(loss, "FusedCrossEntropyBackward", gradOutput -> {
            float scale = (float) (gradOutput.item() / divisor);
            float[] dx = new float[rows * classes];
            Parallel.forRange(0, rows, Math.max(1, (1 << 14) / Math.max(1, classes)), (from, to) -> {
                for (int n = from; n < to; n++) {
                    if (labels[n] == ignoreIndex) {
                        continue;
                    }
                    int at = n * classes;
                    SoftmaxKernels.softmaxFromLogSum(x, at, max[n], logSum[n], scale, dx, at, classes);
                    dx[at + (int) labels[n]] -= scale;
                }
            });
            return new Tensor[] {Tensor.of(dx, rows, classes), null};
        }, input, target);
    }
}
