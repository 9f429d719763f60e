package jgrad.nn.functional;

import jgrad.DType;
import jgrad.Grad;
import jgrad.Tensor;
import jgrad.kernels.LayerNormKernels;
import jgrad.kernels.Parallel;

/**
 * Layer norm over the last dim for float32 with its backward written by hand (llm.c's
 * {@code layernorm_forward}/{@code layernorm_backward}): one graph node instead of about ten. The
 * forward is {@link LayerNormKernels#forward}, which caches μ and rstd per row; the composed
 * {@code Normalization.layerNorm} is the reference a test compares against.
 * <pre>
 *   x̂ = (x − μ) · rstd,   y = x̂ ∘ γ + β                       rows (R, C)
 *   dβ = Σ_rows dy,        dγ = Σ_rows dy ∘ x̂
 *   dx̂ = dy ∘ γ,           dx = rstd · (dx̂ − mean(dx̂) − x̂ · mean(dx̂ ∘ x̂))     (means over C)
 * </pre>
 */
final class FusedLayerNorm {
    private FusedLayerNorm() {
    }

    /** The shapes this op computes: normalised over the last dim only, weight and bias (or absent) of that size. */
    static boolean covers(Tensor x, int[] normalizedShape, Tensor weight, Tensor bias) {
        return normalizedShape.length == 1 && x.dim() >= 1 && x.size(-1) == normalizedShape[0]
                && fits(weight, normalizedShape[0]) && fits(bias, normalizedShape[0]);
    }

    private static boolean fits(Tensor affine, int cols) {
        return affine == null || (affine.dim() == 1 && affine.size(0) == cols);
    }

    static Tensor layerNorm(Tensor x, Tensor weight, Tensor bias, double eps) {
        int cols = x.size(-1);
        int rows = x.numel() / Math.max(1, cols);
        float[] input = FusedAttention.array(x.detach().contiguous());
        float[] gamma = weight == null ? null : FusedAttention.array(weight.detach().contiguous());
        float[] beta = bias == null ? null : FusedAttention.array(bias.detach().contiguous());
        float[] mean = new float[rows];
        float[] rstd = new float[rows];
        Tensor out = Tensor.zeros(DType.FLOAT32, x.shape());
        LayerNormKernels.forward(input, 0, gamma, beta, (float) eps, FusedAttention.array(out), 0, mean, rstd, rows, cols);

        return Grad.record(out, "FusedLayerNormBackward", gradOutput -> {
            float[] dy = FusedAttention.array(gradOutput.contiguous().float32());
            Tensor dx = Tensor.zeros(DType.FLOAT32, x.shape());
            float[] dxData = FusedAttention.array(dx);
            // dx per row is independent: threads split rows. dγ and dβ sum over rows, done after in one pass
            // per column (never split over the reduction, so the bits do not depend on the thread count).
            Parallel.forRange(0, rows, Math.max(1, 4096 / Math.max(1, cols)), (from, to) -> {
                for (int r = from; r < to; r++) {
                    int at = r * cols;
                    float mu = mean[r], rs = rstd[r];
                    double sumDxhat = 0, sumDxhatXhat = 0;
                    for (int j = 0; j < cols; j++) {
                        float xhat = (input[at + j] - mu) * rs;
                        float dxhat = gamma == null ? dy[at + j] : dy[at + j] * gamma[j];
                        sumDxhat += dxhat;
                        sumDxhatXhat += dxhat * xhat;
                    }
                    float meanDxhat = (float) (sumDxhat / cols), meanDxhatXhat = (float) (sumDxhatXhat / cols);
                    for (int j = 0; j < cols; j++) {
                        float xhat = (input[at + j] - mu) * rs;
                        float dxhat = gamma == null ? dy[at + j] : dy[at + j] * gamma[j];
                        dxData[at + j] = rs * (dxhat - meanDxhat - xhat * meanDxhatXhat);
                    }
                }
            });
            Tensor dWeight = null, dBias = null;
            if (weight != null || bias != null) {
                float[] dGamma = new float[cols], dBeta = new float[cols];
                for (int r = 0; r < rows; r++) {
                    int at = r * cols;
                    float mu = mean[r], rs = rstd[r];
                    for (int j = 0; j < cols; j++) {
                        dGamma[j] += dy[at + j] * (input[at + j] - mu) * rs;
                        dBeta[j] += dy[at + j];
                    }
                }
                dWeight = weight == null ? null : Tensor.of(dGamma, cols);
                dBias = bias == null ? null : Tensor.of(dBeta, cols);
            }
            return new Tensor[] {dx, dWeight, dBias};
        }, inputs(x, weight, bias));
    }

    /** The graph inputs of a normalisation with optional affine parameters: x, weight, bias. */
    static Tensor[] inputs(Tensor x, Tensor weight, Tensor bias) {
        Tensor placeholder = Tensor.zeros(DType.FLOAT32, 0);   // stands in for an absent weight or bias; never requires grad
        return new Tensor[] {x, weight == null ? placeholder : weight, bias == null ? placeholder : bias};
    }
}
