package jgrad.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Batch norm over a contiguous float32 {@code x (N, C, L)} (L = the spatial positions, 1 for
 * {@code (N, C)}), one channel at a time, forward and backward, as {@code jgrad.nn.functional.FusedBatchNorm}
 * needs them. Per channel c, with the {@code count = N·L} values of that channel:
 * <pre>
 *   μ = Σ x / count,   σ² = Σ (x − μ)² / count          (training: the batch's, biased)
 *   rstd = 1 / sqrt(σ² + eps),   x̂ = (x − μ) · rstd,   y = γ x̂ + β
 *
 *   dβ = Σ dy,   dγ = Σ dy · x̂
 *   dx = γ · rstd · (dy − dβ / count − x̂ · dγ / count)   (training: μ and σ² depend on x)
 *   dx = γ · rstd · dy                                  (evaluation: running μ and σ² are constants)
 * </pre>
 * Each channel is reduced by one thread: each run of L values with {@link ReductionKernels}' fixed
 * order, the runs added in n order in double. So the bits depend neither on the thread count nor on
 * the vector width. The composed definition is {@code Normalization.batchNorm}, the reference the
 * tests compare against.
 */
public final class BatchNormKernels {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private BatchNormKernels() {
    }

    /** μ and the biased σ² of each channel into {@code mean[c]} and {@code variance[c]}. */
    public static void statistics(float[] x, int batch, int channels, int positions, double[] mean, double[] variance) {
        long count = (long) batch * positions;
        Parallel.forRange(0, channels, grain(batch, positions), (from, to) -> {
            float[] centred = new float[positions];
            for (int c = from; c < to; c++) {
                double sum = 0;
                for (int n = 0; n < batch; n++) {
                    sum += ReductionKernels.sumRow(x, at(n, c, channels, positions), positions);
                }
                double mu = sum / count;
                double squares = 0;
                for (int n = 0; n < batch; n++) {
                    shift(x, at(n, c, channels, positions), (float) mu, 1f, centred, positions);
                    squares += ReductionKernels.dotRow(centred, 0, centred, 0, positions);
                }
                mean[c] = mu;
                variance[c] = squares / count;
            }
        });
    }

    /**
     * {@code y = (x − mean[c]) · scale[c] + shift[c]} for every value of channel c, where the caller
     * folds γ, β and rstd into {@code scale = γ · rstd} and {@code shift = β} (forward in either mode).
     */
    public static void normalize(float[] x, int batch, int channels, int positions, float[] mean, float[] scale,
                                 float[] offset, float[] y) {
        Parallel.forRange(0, batch * channels, grain(1, positions), (from, to) -> {
            for (int row = from; row < to; row++) {
                int c = row % channels;
                affine(x, row * positions, mean[c], scale[c], offset[c], y, positions);
            }
        });
    }

    /**
     * The backward: {@code dBeta[c] = Σ dy}, {@code dGamma[c] = Σ dy · x̂} and, when {@code dx} is not
     * null, the input gradient of the training form ({@code training}) or of the evaluation form.
     * {@code gamma} may be null (no affine weight: γ = 1).
     */
    public static void backward(float[] x, float[] dy, int batch, int channels, int positions, float[] mean, float[] rstd,
                                float[] gamma, boolean training, float[] dx, double[] dGamma, double[] dBeta) {
        long count = (long) batch * positions;
        Parallel.forRange(0, channels, grain(batch, positions), (from, to) -> {
            float[] xhat = new float[positions];
            for (int c = from; c < to; c++) {
                double sumDy = 0, sumDyXhat = 0;
                for (int n = 0; n < batch; n++) {
                    int at = at(n, c, channels, positions);
                    shift(x, at, mean[c], rstd[c], xhat, positions);
                    sumDy += ReductionKernels.sumRow(dy, at, positions);
                    sumDyXhat += ReductionKernels.dotRow(dy, at, xhat, 0, positions);
                }
                dBeta[c] = sumDy;
                dGamma[c] = sumDyXhat;
                if (dx == null) {
                    continue;
                }
                float scale = (gamma == null ? 1f : gamma[c]) * rstd[c];
                // dx = scale · (dy − meanDy − x̂ · meanDyXhat); in evaluation the two means are absent.
                float meanDy = training ? (float) (sumDy / count) : 0f;
                float meanDyXhat = training ? (float) (sumDyXhat / count) : 0f;
                for (int n = 0; n < batch; n++) {
                    int at = at(n, c, channels, positions);
                    shift(x, at, mean[c], rstd[c], xhat, positions);
                    inputGradient(dy, at, xhat, meanDy, meanDyXhat, scale, dx, positions);
                }
            }
        });
    }

    /** Where run (n, c) of {@code (N, C, L)} starts. */
    private static int at(int n, int c, int channels, int positions) {
        return (n * channels + c) * positions;
    }

    /** {@code out[j] = (x[at + j] − mu) · scale}, j < count. */
    private static void shift(float[] x, int at, float mu, float scale, float[] out, int count) {
        int j = 0;
        for (int end = S.loopBound(count); j < end; j += S.length()) {
            FloatVector.fromArray(S, x, at + j).sub(mu).mul(scale).intoArray(out, j);
        }
        for (; j < count; j++) {
            out[j] = (x[at + j] - mu) * scale;
        }
    }

    /** {@code y[at + j] = (x[at + j] − mu) · scale + offset}, j < count. */
    private static void affine(float[] x, int at, float mu, float scale, float offset, float[] y, int count) {
        int j = 0;
        for (int end = S.loopBound(count); j < end; j += S.length()) {
            FloatVector.fromArray(S, x, at + j).sub(mu).mul(scale).add(offset).intoArray(y, at + j);
        }
        for (; j < count; j++) {
            y[at + j] = (x[at + j] - mu) * scale + offset;
        }
    }

    /** {@code dx[at + j] = scale · (dy[at + j] − meanDy − xhat[j] · meanDyXhat)}, j < count. */
    private static void inputGradient(float[] dy, int at, float[] xhat, float meanDy, float meanDyXhat, float scale,
                                      float[] dx, int count) {
        int j = 0;
        for (int end = S.loopBound(count); j < end; j += S.length()) {
            FloatVector.fromArray(S, dy, at + j).sub(meanDy).sub(FloatVector.fromArray(S, xhat, j).mul(meanDyXhat))
                    .mul(scale).intoArray(dx, at + j);
        }
        for (; j < count; j++) {
            dx[at + j] = (dy[at + j] - meanDy - xhat[j] * meanDyXhat) * scale;
        }
    }

    /** Channels (or rows) per thread chunk: at least ~16 Ki values. */
    private static int grain(int batch, int positions) {
        return Math.max(1, (1 << 14) / Math.max(1, batch * positions));
    }
}
