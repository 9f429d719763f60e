package jgrad.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Layer normalisation over the rows of a contiguous {@code (rows, C)} block (PyTorch
 * {@code nn.LayerNorm(C)}, Ba et al. 2016):
 *
 * <pre>
 *   μ = (1/C) Σ_j x_j        σ² = (1/C) Σ_j (x_j − μ)²   (biased, as PyTorch)
 *   rstd = 1 / sqrt(σ² + eps)
 *   y_j = (x_j − μ) · rstd · γ_j + β_j
 * </pre>
 *
 * The forward writes μ and rstd per row: the backward needs exactly those (the cache of
 * llm.c's {@code layernorm_forward}). The variance uses two passes (mean first), which is
 * stable where {@code E[x²] − μ²} cancels catastrophically. Both sums run in
 * {@link ReductionKernels}' fixed order, so the bits do not depend on the JIT, the thread count or
 * the vector width. {@code out} must not overlap {@code x}: it holds {@code x − μ} between passes.
 */
public final class LayerNormKernels {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private LayerNormKernels() {
    }

    /**
     * @param gamma  scale γ of length cols, or null for 1
     * @param beta   shift β of length cols, or null for 0
     * @param mean   out: μ per row (length rows), for the backward
     * @param rstd   out: 1/sqrt(σ² + eps) per row (length rows), for the backward
     */
    public static void forward(float[] x, int xOffset, float[] gamma, float[] beta, float eps,
                               float[] out, int outOffset, float[] mean, float[] rstd, int rows, int cols) {
        Parallel.forRange(0, rows, ReductionKernels.grain(cols), (from, to) -> {
            int vectorEnd = S.loopBound(cols);
            for (int r = from; r < to; r++) {
                int in = xOffset + r * cols;
                int at = outOffset + r * cols;
                float mu = ReductionKernels.sumRow(x, in, cols) / cols;
                FloatVector muVector = FloatVector.broadcast(S, mu);
                int j = 0;
                for (; j < vectorEnd; j += S.length()) {
                    FloatVector.fromArray(S, x, in + j).sub(muVector).intoArray(out, at + j);   // d = x − μ, kept in out
                }
                for (; j < cols; j++) {
                    out[at + j] = x[in + j] - mu;
                }
                float variance = ReductionKernels.dotRow(out, at, out, at, cols);
                float rs = (float) (1 / Math.sqrt(variance / cols + eps));
                mean[r] = mu;
                rstd[r] = rs;
                FloatVector rsVector = FloatVector.broadcast(S, rs);
                for (j = 0; j < vectorEnd; j += S.length()) {
                    FloatVector y = FloatVector.fromArray(S, out, at + j).mul(rsVector);
                    if (gamma != null) {
                        y = y.mul(FloatVector.fromArray(S, gamma, j));
                    }
                    if (beta != null) {
                        y = y.add(FloatVector.fromArray(S, beta, j));
                    }
                    y.intoArray(out, at + j);
                }
                for (; j < cols; j++) {
                    out[at + j] = affine(out[at + j] * rs, gamma, beta, j);
                }
            }
        });
    }

    /** Reference for {@link #forward}: the formula, sums in double. */
    public static void forwardReference(float[] x, int xOffset, float[] gamma, float[] beta, float eps,
                                        float[] out, int outOffset, float[] mean, float[] rstd, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int in = xOffset + r * cols;
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                sum += x[in + j];
            }
            double mu = sum / cols;
            double squares = 0;
            for (int j = 0; j < cols; j++) {
                squares += (x[in + j] - mu) * (x[in + j] - mu);
            }
            double rs = 1 / Math.sqrt(squares / cols + eps);
            mean[r] = (float) mu;
            rstd[r] = (float) rs;
            for (int j = 0; j < cols; j++) {
                out[outOffset + r * cols + j] = affine((float) ((x[in + j] - mu) * rs), gamma, beta, j);
            }
        }
    }

    private static float affine(float normalized, float[] gamma, float[] beta, int j) {
        float y = gamma == null ? normalized : normalized * gamma[j];
        return beta == null ? y : y + beta[j];
    }
}
