package jgrad.kernels;

import java.util.Random;

/**
 * A random GEMM with offsets and padded leading dimensions, and its float64 oracle; shared by the
 * tests of every GEMM implementation (reference, fast, native backends).
 */
public record GemmProblem(boolean transA, boolean transB, int m, int n, int k, float beta,
               float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb, float[] c, int cOffset, int ldc) {

    public interface Run {
        void run(float[] a, float[] b, float[] c);
    }

    public static GemmProblem random(Random random, boolean transA, boolean transB, int m, int n, int k, float beta) {
        int aRows = transA ? k : m, aCols = transA ? m : k;
        int bRows = transB ? n : k, bCols = transB ? k : n;
        int lda = Math.max(1, aCols) + random.nextInt(3);
        int ldb = Math.max(1, bCols) + random.nextInt(3);
        int ldc = Math.max(1, n) + random.nextInt(3);
        int aOffset = random.nextInt(4), bOffset = random.nextInt(4), cOffset = random.nextInt(4);
        float[] a = randomArray(random, aOffset + aRows * lda);
        float[] b = randomArray(random, bOffset + bRows * ldb);
        float[] c = randomArray(random, cOffset + m * ldc);
        if (beta == 0f) {
            java.util.Arrays.fill(c, Float.NaN);   // must be ignored
        }
        return new GemmProblem(transA, transB, m, n, k, beta, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
    }

    /**
     * Runs {@code fast} on a copy of C and compares every element with the float64 product.
     * Tolerance: a float32 dot product of length k has rounding error about sqrt(k)·2⁻²⁴ times
     * Σ|a||b| for random signs (k·2⁻²⁴ worst case); 1e-5·sqrt(k+1) on that scale leaves a wide
     * margin yet catches any wrong index, which errs by O(|a||b|). Elements outside the
     * m×n window (padding, offsets) must be untouched.
     */
    public void checkFast(Run fast) {
        float[] actual = c.clone();
        fast.run(a, b, actual);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double exact = 0, scale = 0;
                for (int p = 0; p < k; p++) {
                    double x = transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p];
                    double y = transB ? b[bOffset + j * ldb + p] : b[bOffset + p * ldb + j];
                    exact += x * y;
                    scale += Math.abs(x * y);
                }
                int at = cOffset + i * ldc + j;
                if (beta != 0f) {
                    exact += beta * (double) c[at];
                    scale += Math.abs(beta * (double) c[at]);
                }
                double tolerance = 1e-5 * Math.sqrt(k + 1) * scale + 1e-30;
                if (Math.abs(actual[at] - exact) > tolerance) {
                    throw new AssertionError(String.format(
                            "transA=%s transB=%s m=%d n=%d k=%d beta=%s: C[%d][%d] = %s, expected %s (tolerance %.3g)",
                            transA, transB, m, n, k, beta, i, j, actual[at], exact, tolerance));
                }
            }
        }
        for (int at = 0; at < c.length; at++) {
            int rel = at - cOffset;
            boolean inside = rel >= 0 && rel / ldc < m && rel % ldc < n;
            if (!inside && Float.floatToRawIntBits(actual[at]) != Float.floatToRawIntBits(c[at])) {
                throw new AssertionError("element " + at + " outside C's m×n window was changed: " + c[at] + " -> " + actual[at]);
            }
        }
    }


    static float[] randomArray(Random random, int length) {
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }
}
