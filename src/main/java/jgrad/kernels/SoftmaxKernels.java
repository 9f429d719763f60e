package jgrad.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Softmax and log-softmax over the rows of a contiguous {@code (rows, cols)} block, the last
 * axis ({@code x.softmax(-1)}):
 *
 * <pre>
 *   softmax(x)_j    = exp(x_j − m) / Σ_i exp(x_i − m),   m = max_i x_i  (subtracting m avoids overflow)
 *   logSoftmax(x)_j = x_j − m − log Σ_i exp(x_i − m)
 * </pre>
 *
 * {@code out} may be {@code x} (in place). Rows are split over threads.
 */
public final class SoftmaxKernels {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private SoftmaxKernels() {
    }

    /**
     * Row softmax. Two passes over the row after the max: {@code e = exp(x − m)} written to out
     * while summing, then {@code out *= 1/Σ}. Vector EXP differs from {@link Math#exp} in the
     * last bits, and the sum is associated per lane.
     */
    public static void softmaxRows(float[] x, int xOffset, float[] out, int outOffset, int rows, int cols) {
        Parallel.forRange(0, rows, ReductionKernels.grain(cols), (from, to) -> {
            for (int r = from; r < to; r++) {
                int in = xOffset + r * cols;
                int at = outOffset + r * cols;
                float max = ReductionKernels.maxRow(x, in, cols);
                float sum = expShiftedSum(x, in, max, out, at, cols);
                scale(out, at, 1f / sum, cols);
            }
        });
    }

    /** Reference for {@link #softmaxRows}: the formula, in double per element. */
    public static void softmaxRowsReference(float[] x, int xOffset, float[] out, int outOffset, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int in = xOffset + r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, x[in + j]);
            }
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                sum += Math.exp(x[in + j] - max);
            }
            for (int j = 0; j < cols; j++) {
                out[outOffset + r * cols + j] = (float) (Math.exp(x[in + j] - max) / sum);
            }
        }
    }

    /** Row log-softmax: {@code out = x − (m + log Σ exp(x − m))}, computed without forming the softmax. */
    public static void logSoftmaxRows(float[] x, int xOffset, float[] out, int outOffset, int rows, int cols) {
        Parallel.forRange(0, rows, ReductionKernels.grain(cols), (from, to) -> {
            for (int r = from; r < to; r++) {
                int in = xOffset + r * cols;
                int at = outOffset + r * cols;
                float max = ReductionKernels.maxRow(x, in, cols);
                // exp(x − m) goes to out as scratch; only its sum is needed.
                float logSum = max + (float) Math.log(expShiftedSum(x, in, max, out, at, cols));
                FloatVector shift = FloatVector.broadcast(S, logSum);
                int j = 0;
                for (int end = S.loopBound(cols); j < end; j += S.length()) {
                    FloatVector.fromArray(S, x, in + j).sub(shift).intoArray(out, at + j);
                }
                for (; j < cols; j++) {
                    out[at + j] = x[in + j] - logSum;
                }
            }
        });
    }

    /** Reference for {@link #logSoftmaxRows}. */
    public static void logSoftmaxRowsReference(float[] x, int xOffset, float[] out, int outOffset, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int in = xOffset + r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, x[in + j]);
            }
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                sum += Math.exp(x[in + j] - max);
            }
            double logSum = max + Math.log(sum);
            for (int j = 0; j < cols; j++) {
                out[outOffset + r * cols + j] = (float) (x[in + j] - logSum);
            }
        }
    }

    /** Writes {@code exp(x − shift)} to out and returns its sum (per-lane partial sums, then the tail). */
    private static float expShiftedSum(float[] x, int in, float shift, float[] out, int at, int cols) {
        FloatVector shiftVector = FloatVector.broadcast(S, shift);
        FloatVector partial = FloatVector.zero(S);
        int j = 0;
        for (int end = S.loopBound(cols); j < end; j += S.length()) {
            FloatVector e = FloatVector.fromArray(S, x, in + j).sub(shiftVector).lanewise(VectorOperators.EXP);
            e.intoArray(out, at + j);
            partial = partial.add(e);
        }
        float sum = partial.reduceLanes(VectorOperators.ADD);
        for (; j < cols; j++) {
            float e = (float) Math.exp(x[in + j] - shift);
            out[at + j] = e;
            sum += e;
        }
        return sum;
    }

    private static void scale(float[] out, int at, float factor, int cols) {
        int j = 0;
        for (int end = S.loopBound(cols); j < end; j += S.length()) {
            FloatVector.fromArray(S, out, at + j).mul(factor).intoArray(out, at + j);
        }
        for (; j < cols; j++) {
            out[at + j] *= factor;
        }
    }
}
