package jgrad.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Softmax and log-softmax over the rows of a contiguous {@code (rows, cols)} block, the last
 * axis ({@code x.softmax(-1)}):
 *
 * <pre>
 *   softmax(x)_j    = exp(x_j − m) / Σ_i exp(x_i − m),   m = max_i x_i  (subtracting m avoids overflow)
 *   logSoftmax(x)_j = (x_j − m) − log Σ_i exp(x_i − m)
 * </pre>
 *
 * logSoftmax subtracts m from x before anything else: {@code x_j − (m + log Σ)} would round
 * {@code m + log Σ} to float first, which for {@code [1e8, 1e8]} gives 0 instead of −log 2.
 *
 * <p>The same input gives the same bits whatever the JIT, thread count or vector width: exp is
 * {@link FloatMath#exp}, the sum is {@link ReductionKernels#sumRow}'s fixed order, log is
 * {@link StrictMath#log}. NaN and infinities follow PyTorch: a row holding NaN or +∞ becomes NaN
 * ({@code +∞ − +∞} is NaN), and so does a row of −∞ only.
 *
 * {@code out} may be {@code x} (in place). Rows are split over threads.
 */
public final class SoftmaxKernels {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private SoftmaxKernels() {
    }

    /** Row softmax: {@code e = exp(x − m)} written to out, its sum, then {@code out *= 1/Σ}. */
    public static void softmaxRows(float[] x, int xOffset, float[] out, int outOffset, int rows, int cols) {
        Parallel.forRange(0, rows, ReductionKernels.grain(cols), (from, to) -> {
            for (int r = from; r < to; r++) {
                int in = xOffset + r * cols;
                int at = outOffset + r * cols;
                float max = ReductionKernels.maxRow(x, in, cols);
                expShifted(x, in, max, out, at, cols);
                scale(out, at, 1f / ReductionKernels.sumRow(out, at, cols), cols);
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

    /** Row log-softmax: {@code out = (x − m) − log Σ exp(x − m)}, computed without forming the softmax. */
    public static void logSoftmaxRows(float[] x, int xOffset, float[] out, int outOffset, int rows, int cols) {
        Parallel.forRange(0, rows, ReductionKernels.grain(cols), (from, to) -> {
            float[] exps = new float[cols];   // exp(x − m) of one row: only its sum is needed (and out may be x)
            for (int r = from; r < to; r++) {
                int in = xOffset + r * cols;
                int at = outOffset + r * cols;
                float max = ReductionKernels.maxRow(x, in, cols);
                float logSum = logSumShifted(x, in, max, exps, cols);
                FloatVector shift = FloatVector.broadcast(S, max);
                int j = 0;
                for (int end = S.loopBound(cols); j < end; j += S.length()) {
                    FloatVector.fromArray(S, x, in + j).sub(shift).sub(logSum).intoArray(out, at + j);
                }
                for (; j < cols; j++) {
                    out[at + j] = (x[in + j] - max) - logSum;
                }
            }
        });
    }

    /**
     * The log-sum-exp of each row kept in two parts, {@code max[r] = m} and
     * {@code logSum[r] = log Σ exp(x − m)}: a fused cross-entropy needs no more of the forward, and
     * its backward gets the softmax back as {@link #softmaxFromLogSum}. Kept apart for the reason the
     * class comment gives: {@code m + logSum} in float would lose the digits of logSum.
     */
    public static void maxAndLogSum(float[] x, int xOffset, int rows, int cols, float[] max, float[] logSum) {
        Parallel.forRange(0, rows, ReductionKernels.grain(cols), (from, to) -> {
            float[] exps = new float[cols];
            for (int r = from; r < to; r++) {
                int in = xOffset + r * cols;
                max[r] = ReductionKernels.maxRow(x, in, cols);
                logSum[r] = logSumShifted(x, in, max[r], exps, cols);
            }
        });
    }

    /**
     * One row of the softmax from {@link #maxAndLogSum}'s two parts, times a constant:
     * {@code out[j] = scale · exp((x[j] − max) − logSum)}, the same subtraction as {@link #logSoftmaxRows}.
     */
    public static void softmaxFromLogSum(float[] x, int in, float max, float logSum, float scale, float[] out, int at, int cols) {
        FloatVector shift = FloatVector.broadcast(S, max);
        int j = 0;
        for (int end = S.loopBound(cols); j < end; j += S.length()) {
            FloatMath.exp(FloatVector.fromArray(S, x, in + j).sub(shift).sub(logSum)).mul(scale).intoArray(out, at + j);
        }
        for (; j < cols; j++) {
            out[at + j] = FloatMath.exp((x[in + j] - max) - logSum) * scale;
        }
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
            double logSum = Math.log(sum);
            for (int j = 0; j < cols; j++) {
                out[outOffset + r * cols + j] = (float) ((x[in + j] - max) - logSum);
            }
        }
    }

    /**
     * Softmax's backward on one row, in place, times a constant: with p the softmax output and g the
     * gradient of its output, {@code g[j] ← scale · p[j] · (g[j] − Σ_k g[k] p[k])} for {@code j < cols}
     * (the Jacobian-vector product {@code diag(p) − p pᵀ}, as attention's backward needs it with
     * scale = 1/√d). The dot product sums in ReductionKernels' fixed order, so the bits do not depend
     * on the JIT or the vector width.
     */
    public static void softmaxBackwardRow(float[] p, int pAt, float[] g, int gAt, float scale, int cols) {
        float dot = ReductionKernels.dotRow(g, gAt, p, pAt, cols);
        FloatVector dots = FloatVector.broadcast(S, dot);
        int j = 0;
        for (int end = S.loopBound(cols); j < end; j += S.length()) {
            FloatVector pj = FloatVector.fromArray(S, p, pAt + j);
            pj.mul(scale).mul(FloatVector.fromArray(S, g, gAt + j).sub(dots)).intoArray(g, gAt + j);
        }
        for (; j < cols; j++) {
            g[gAt + j] = scale * p[pAt + j] * (g[gAt + j] - dot);
        }
    }

    /** {@code log Σ exp(x − max)} of one row, with {@code exps} (at least cols long) as scratch for the exps. */
    private static float logSumShifted(float[] x, int in, float max, float[] exps, int cols) {
        expShifted(x, in, max, exps, 0, cols);
        return (float) StrictMath.log(ReductionKernels.sumRow(exps, 0, cols));
    }

    /** Writes {@code exp(x − shift)} to out: whole vectors, then the tail with the scalar twin (same bits). */
    private static void expShifted(float[] x, int in, float shift, float[] out, int at, int cols) {
        FloatVector shiftVector = FloatVector.broadcast(S, shift);
        int j = 0;
        for (int end = S.loopBound(cols); j < end; j += S.length()) {
            FloatMath.exp(FloatVector.fromArray(S, x, in + j).sub(shiftVector)).intoArray(out, at + j);
        }
        for (; j < cols; j++) {
            out[at + j] = FloatMath.exp(x[in + j] - shift);
        }
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
