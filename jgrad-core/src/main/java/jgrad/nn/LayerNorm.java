package jgrad.nn;

import jgrad.Tensor;
import jgrad.nn.functional.F;

import java.util.Arrays;

/**
 * Layer normalisation over the last dims: {@code y = (x - E[x]) / sqrt(Var[x] + eps) * weight + bias},
 * E and Var (biased) over the trailing {@code normalizedShape} of each sample.
 * Shapes: input {@code (*, normalizedShape)}, weight and bias {@code normalizedShape}. Defaults:
 * {@code eps = 1e-5}, weight ones, bias zeros.
 */
public final class LayerNorm extends Module {
    private final int[] normalizedShape;
    private final double eps;

    public LayerNorm(int... normalizedShape) {
        this(normalizedShape, 1e-5, true, true);
    }

    public LayerNorm(int[] normalizedShape, double eps, boolean elementwiseAffine, boolean bias) {
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        if (elementwiseAffine) {
            registerParameter("weight", Tensor.ones(normalizedShape));
            if (bias) {
                registerParameter("bias", Tensor.zeros(normalizedShape));
            }
        }
    }

    public Tensor weight() { return parameter("weight"); }
    public Tensor bias() { return parameter("bias"); }

    @Override
    public Tensor forward(Tensor input) {
        return F.layerNorm(input, normalizedShape, weight(), bias(), eps);
    }

    @Override
    protected String extraRepr() {
        return Arrays.toString(normalizedShape) + ", eps=" + eps + ", elementwise_affine=" + (weight() != null);
    }
}
