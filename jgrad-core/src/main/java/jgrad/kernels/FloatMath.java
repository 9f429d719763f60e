package jgrad.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * exp, tanh and sigmoid for the float32 kernels, each as a SIMD version and a scalar twin that give the same
 * bits, element for element.
 *
 * <p><b>Why not the Vector API's {@code EXP} and {@code TANH}?</b> Their result depends on whether the
 * JIT has compiled the loop yet: compiled code calls a short-vector math library, interpreted code
 * computes each lane with {@link Math#exp}, and the two differ in the last bit. A training run then
 * changes with the JIT's timing. These functions use only operations that IEEE 754 defines to the
 * bit — add, subtract, multiply, divide, fused multiply-add, min/max, compare and integer bit
 * operations — written in the same order in both versions, so the interpreter, the JIT, any thread
 * count and any vector width give the same bits. Each kernel runs the SIMD version over whole
 * vectors and the scalar twin over the tail; {@code FloatMathTest} checks the twins agree and
 * measures the error against {@link StrictMath}.
 *
 * <pre>
 * exp(x):  n = round(x / ln 2),  r = x − n·ln 2  (|r| ≤ ln 2 / 2, ln 2 in two parts so r is nearly exact)
 *          exp(x) = 2ⁿ · exp(r),  exp(r) = Σ_{i≤7} rⁱ / i!   (Taylor; the first omitted term, r⁸/8!, is
 *          below 5.2e-9 relative: 0.05 ulp)
 *          2ⁿ is built from its bits; as 2^⌊n/2⌋ · 2^⌈n/2⌉ so that results down to the subnormals are right.
 * tanh(x): |x| &lt; 0.625:  x + x³·q(x²), q of degree 5 fitted for relative error (scripts/fit_tanh_polynomial.py;
 *                        0.04 ulp before rounding)
 *          else:         sign(x) · (1 − 2 / (exp(2|x|) + 1))
 * </pre>
 * NaN gives NaN, exp(−∞) = 0, exp(+∞) = +∞, tanh(±∞) = ±1.
 */
public final class FloatMath {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** Below this exp rounds to 0, above it to +∞; clamping first keeps n in the range the bit trick handles. */
    private static final float EXP_MIN = -104f, EXP_MAX = 89f;
    private static final float LOG2E = 1.44269504f;
    /** 1.5·2²³: adding it rounds a float below 2²² to an integer, and the integer then sits in the low bits. */
    private static final float ROUNDER = 12582912f;
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    /** ln 2 = LN2_HI + LN2_LO; LN2_HI = 355/512 has 9 significant bits, so n·LN2_HI is exact for our n. */
    private static final float LN2_HI = 0.693359375f, LN2_LO = -2.12194440e-4f;
    /** 1/i! for i = 7 … 2 (the terms for i = 1 and 0 are 1). */
    private static final float E7 = 1f / 5040, E6 = 1f / 720, E5 = 1f / 120, E4 = 1f / 24, E3 = 1f / 6, E2 = 1f / 2;

    /** tanh switches from the odd polynomial to the exp formula here (there 1 − 2/(e+1) cancels little). */
    private static final float TANH_SMALL = 0.625f;
    /** q(u) = T0 + T1·u + … + T5·u⁵ for tanh(x) = x + x³ q(x²). */
    private static final float T0 = -0.3333333134651184f, T1 = 0.1333320587873459f, T2 = -0.05394676327705383f,
            T3 = 0.021700704470276833f, T4 = -0.008177399635314941f, T5 = 0.0021429627668112516f;
    private static final int SIGN = 0x80000000;

    private FloatMath() {
    }

    /** e^x on every lane. */
    public static FloatVector exp(FloatVector x) {
        FloatVector clamped = x.max(EXP_MIN).min(EXP_MAX);                          // NaN stays NaN
        FloatVector shifted = clamped.fma(LOG2E, ROUNDER);                          // ROUNDER + n
        FloatVector n = shifted.sub(ROUNDER);
        FloatVector r = n.fma(v(-LN2_HI), clamped);
        r = n.fma(v(-LN2_LO), r);
        FloatVector p = r.fma(E7, E6).fma(r, v(E5)).fma(r, v(E4)).fma(r, v(E3)).fma(r, v(E2)).fma(r, v(1f)).fma(r, v(1f));   // Horner
        IntVector k = shifted.reinterpretAsInts().sub(ROUNDER_BITS);
        IntVector half = k.lanewise(VectorOperators.ASHR, 1);
        return p.mul(powerOfTwo(half)).mul(powerOfTwo(k.sub(half)));
    }

    /** e^x: the scalar twin of {@link #exp(FloatVector)}, step for step. */
    public static float exp(float x) {
        float clamped = Math.min(Math.max(x, EXP_MIN), EXP_MAX);
        float shifted = Math.fma(clamped, LOG2E, ROUNDER);
        float n = shifted - ROUNDER;
        float r = Math.fma(n, -LN2_HI, clamped);
        r = Math.fma(n, -LN2_LO, r);
        float p = Math.fma(r, E7, E6);                                              // Horner, as the lanes do
        p = Math.fma(p, r, E5);
        p = Math.fma(p, r, E4);
        p = Math.fma(p, r, E3);
        p = Math.fma(p, r, E2);
        p = Math.fma(p, r, 1f);
        p = Math.fma(p, r, 1f);
        int k = Float.floatToRawIntBits(shifted) - ROUNDER_BITS;
        int half = k >> 1;
        return p * powerOfTwo(half) * powerOfTwo(k - half);
    }

    /** tanh on every lane. */
    public static FloatVector tanh(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector a2 = a.mul(a);
        FloatVector q = a2.fma(T5, T4).fma(a2, v(T3)).fma(a2, v(T2)).fma(a2, v(T1)).fma(a2, v(T0));
        FloatVector small = a2.mul(a).fma(q, a);
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector large = one.sub(FloatVector.broadcast(S, 2f).div(exp(a.add(a)).add(one)));
        FloatVector magnitude = large.blend(small, a.lt(TANH_SMALL));
        IntVector sign = x.reinterpretAsInts().and(SIGN);
        return magnitude.reinterpretAsInts().or(sign).reinterpretAsFloats();
    }

    /** tanh: the scalar twin of {@link #tanh(FloatVector)}. */
    public static float tanh(float x) {
        float a = Math.abs(x);
        float a2 = a * a;
        float q = Math.fma(a2, T5, T4);
        q = Math.fma(q, a2, T3);
        q = Math.fma(q, a2, T2);
        q = Math.fma(q, a2, T1);
        q = Math.fma(q, a2, T0);
        float magnitude = a < TANH_SMALL ? Math.fma(a2 * a, q, a) : 1f - 2f / (exp(a + a) + 1f);
        return Float.intBitsToFloat(Float.floatToRawIntBits(magnitude) | (Float.floatToRawIntBits(x) & SIGN));
    }

    /** The logistic sigmoid {@code 1 / (1 + e^(−x))} on every lane. */
    public static FloatVector sigmoid(FloatVector x) {
        return v(1f).div(exp(x.neg()).add(1f));
    }

    /** The scalar twin of {@link #sigmoid(FloatVector)}. */
    public static float sigmoid(float x) {
        return 1f / (exp(-x) + 1f);
    }

    private static FloatVector v(float c) {
        return FloatVector.broadcast(S, c);
    }

    /** 2^k as a float, for −126 ≤ k ≤ 127: the exponent field is k + 127. */
    private static FloatVector powerOfTwo(IntVector k) {
        return k.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    }

    private static float powerOfTwo(int k) {
        return Float.intBitsToFloat((k + 127) << 23);
    }
}
