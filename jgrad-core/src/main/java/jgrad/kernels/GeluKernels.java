package jgrad.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Exact (erf) GELU for float32 on SIMD lanes, forward and backward, as PyTorch's default
 * {@code nn.GELU()} (Hendrycks and Gimpel 2016):
 * <pre>
 *   y  = x Φ(x),             Φ(x) = (1 + erf(x / √2)) / 2
 *   dx = g (Φ(x) + x φ(x)),  φ(x) = exp(−x² / 2) / √(2π)
 * </pre>
 * erf comes from Abramowitz and Stegun 7.1.26 (|error| ≤ 1.5e-7, below float32's resolution of Φ
 * near 1), because the Vector API has no erf. The composed definition, and the reference these
 * kernels are tested against, is {@code jgrad.Elementwise.gelu} (Φ and φ from
 * {@code jgrad.SpecialFunctions}, in double); {@code Tensor.gelu()}, {@code F.gelu} and
 * {@code nn.GELU} all reach these kernels for float32 under the fast kernels. exp is
 * {@link FloatMath#exp}, so the bits do not depend on the JIT, the thread count or the vector width.
 */
public final class GeluKernels {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final float P = 0.3275911f;
    private static final float A1 = 0.254829592f, A2 = -0.284496736f, A3 = 1.421413741f, A4 = -1.453152027f, A5 = 1.061405429f;
    private static final float INV_SQRT2 = (float) (1 / Math.sqrt(2));
    private static final float INV_SQRT_2PI = (float) (1 / Math.sqrt(2 * Math.PI));
    private static final int GRAIN = 1 << 14;

    private GeluKernels() {
    }

    /** {@code out[i] = x[i] Φ(x[i])} for {@code i < n}. */
    public static void erfGelu(float[] x, int xOffset, float[] out, int outOffset, int n) {
        Parallel.forRange(0, n, GRAIN, (from, to) -> forward(x, xOffset, out, outOffset, from, to));
    }

    /** {@code out[i] = g[i] (Φ(x[i]) + x[i] φ(x[i]))} for {@code i < n}: GELU's backward. */
    public static void erfGeluBackward(float[] x, int xOffset, float[] g, int gOffset, float[] out, int outOffset, int n) {
        Parallel.forRange(0, n, GRAIN, (from, to) -> backward(x, xOffset, g, gOffset, out, outOffset, from, to));
    }

    /*
     * Forward and backward are two loops rather than one with an "is there a g" branch: the
     * single loop grew past what C2 inlines, so under -XX:UseAVX=2 some vector operations of the
     * backward ran as their unvectorised Java fallbacks (5% of a W4 GPT step in a profile).
     */

    /** out = x Φ(x) on {@code [from, to)}. */
    private static void forward(float[] x, int xOffset, float[] out, int outOffset, int from, int to) {
        int i = from;
        for (int end = from + S.loopBound(to - from); i < end; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, xOffset + i);
            v.mul(phiCdf(v, gaussian(v))).intoArray(out, outOffset + i);
        }
        for (; i < to; i++) {   // the tail: the same float steps as the lanes, so the same bits
            float v = x[xOffset + i];
            out[outOffset + i] = v * phiCdf(v, gaussian(v));
        }
    }

    /** out = g (Φ(x) + x φ(x)) on {@code [from, to)}. */
    private static void backward(float[] x, int xOffset, float[] g, int gOffset, float[] out, int outOffset, int from, int to) {
        int i = from;
        for (int end = from + S.loopBound(to - from); i < end; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, xOffset + i);
            FloatVector gaussian = gaussian(v);
            FloatVector derivative = phiCdf(v, gaussian).add(v.mul(gaussian).mul(INV_SQRT_2PI));
            derivative.mul(FloatVector.fromArray(S, g, gOffset + i)).intoArray(out, outOffset + i);
        }
        for (; i < to; i++) {
            float v = x[xOffset + i];
            float gaussian = gaussian(v);
            out[outOffset + i] = g[gOffset + i] * (phiCdf(v, gaussian) + v * gaussian * INV_SQRT_2PI);
        }
    }

    /** exp(−x²/2), which is also exp(−z²) for z = |x|/√2 in erf's formula. */
    private static FloatVector gaussian(FloatVector v) {
        return FloatMath.exp(v.mul(v).mul(-0.5f));
    }

    /** Φ(x) = (1 + erf(x/√2)) / 2 with erf(z) = 1 − t(a1 + t(a2 + … + t a5)) exp(−z²), t = 1/(1 + p z), z = |x|/√2. */
    private static FloatVector phiCdf(FloatVector v, FloatVector gaussian) {
        FloatVector z = v.mul(INV_SQRT2).abs();
        FloatVector t = FloatVector.broadcast(S, 1f).div(z.mul(P).add(1f));
        FloatVector poly = t.mul(A5).add(A4).mul(t).add(A3).mul(t).add(A2).mul(t).add(A1).mul(t);
        FloatVector erfAbs = poly.mul(gaussian).neg().add(1f);
        FloatVector erf = erfAbs.blend(erfAbs.neg(), v.lt(0f));
        return erf.add(1f).mul(0.5f);
    }

    private static float gaussian(float v) {
        return FloatMath.exp(v * v * -0.5f);
    }

    /** The same float steps as the vector {@link #phiCdf(FloatVector, FloatVector)}, so the same bits. */
    private static float phiCdf(float v, float gaussian) {
        float z = Math.abs(v) * INV_SQRT2;
        float t = 1f / (1f + P * z);
        float poly = ((((A5 * t + A4) * t + A3) * t + A2) * t + A1) * t;
        float erfAbs = 1f - poly * gaussian;
        float erf = v < 0f ? -erfAbs : erfAbs;
        return 0.5f * (1f + erf);
    }
}
