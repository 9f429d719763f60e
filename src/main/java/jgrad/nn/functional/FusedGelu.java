package jgrad.nn.functional;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import jgrad.DType;
import jgrad.Grad;
import jgrad.Tensor;
import jgrad.kernels.Parallel;

/**
 * Exact (erf) GELU for float32 on SIMD lanes, forward and backward, as PyTorch's default
 * {@code nn.GELU()} (Hendrycks and Gimpel 2016):
 * <pre>
 *   y  = x Φ(x),           Φ(x) = (1 + erf(x / √2)) / 2
 *   dx = g (Φ(x) + x φ(x)),  φ(x) = exp(−x² / 2) / √(2π)
 * </pre>
 * erf comes from Abramowitz and Stegun 7.1.26 (|error| ≤ 1.5e-7, below float32's resolution of Φ
 * near 1), because the Vector API has no erf. {@code Tensor.gelu()} is the float64 reference a test
 * compares against.
 */
final class FusedGelu {
    private FusedGelu() {
    }

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final float P = 0.3275911f;
    private static final float A1 = 0.254829592f, A2 = -0.284496736f, A3 = 1.421413741f, A4 = -1.453152027f, A5 = 1.061405429f;
    private static final float INV_SQRT2 = (float) (1 / Math.sqrt(2));
    private static final float INV_SQRT_2PI = (float) (1 / Math.sqrt(2 * Math.PI));
    private static final int GRAIN = 1 << 14;

    static boolean applies(Tensor x) {
        return x.dtype() == DType.FLOAT32;
    }

    static Tensor gelu(Tensor x) {
        float[] input = FusedAttention.array(x.detach().contiguous());
        Tensor out = Tensor.zeros(DType.FLOAT32, x.shape());
        float[] y = FusedAttention.array(out);
        Parallel.forRange(0, input.length == 0 ? 0 : x.numel(), GRAIN, (from, to) -> apply(input, null, y, from, to));
        return Grad.record(out, "FusedGeluBackward", gradOutput -> {
            float[] g = FusedAttention.array(gradOutput.contiguous().float32());
            Tensor dx = Tensor.zeros(DType.FLOAT32, x.shape());
            float[] dxData = FusedAttention.array(dx);
            Parallel.forRange(0, x.numel(), GRAIN, (from, to) -> apply(input, g, dxData, from, to));
            return new Tensor[] {dx};
        }, x);
    }

    /** Forward (g == null): out = x Φ(x). Backward: out = g (Φ(x) + x φ(x)). */
    private static void apply(float[] x, float[] g, float[] out, int from, int to) {
        int i = from;
        for (int end = from + S.loopBound(to - from); i < end; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            FloatVector gaussian = v.mul(v).mul(-0.5f).lanewise(VectorOperators.EXP);      // exp(−x²/2)
            FloatVector z = v.mul(INV_SQRT2).abs();
            FloatVector t = FloatVector.broadcast(S, 1f).div(z.mul(P).add(1f));
            FloatVector poly = t.mul(A5).add(A4).mul(t).add(A3).mul(t).add(A2).mul(t).add(A1).mul(t);
            FloatVector erfAbs = poly.mul(gaussian).neg().add(1f);                           // erf(|x|/√2); exp(−z²) = exp(−x²/2)
            FloatVector erf = erfAbs.blend(erfAbs.neg(), v.lt(0f));
            FloatVector phiCdf = erf.add(1f).mul(0.5f);
            if (g == null) {
                v.mul(phiCdf).intoArray(out, i);
            } else {
                FloatVector derivative = phiCdf.add(v.mul(gaussian).mul(INV_SQRT_2PI));
                derivative.mul(FloatVector.fromArray(S, g, i)).intoArray(out, i);
            }
        }
        for (; i < to; i++) {
            float v = x[i];
            float gaussian = (float) Math.exp(-0.5f * v * v);
            float z = Math.abs(v) * INV_SQRT2;
            float t = 1f / (1f + P * z);
            float poly = ((((A5 * t + A4) * t + A3) * t + A2) * t + A1) * t;
            float erf = Math.copySign(1f - poly * gaussian, v);
            float phiCdf = 0.5f * (1f + erf);
            out[i] = g == null ? v * phiCdf : g[i] * (phiCdf + v * gaussian * INV_SQRT_2PI);
        }
    }
}
