package exercises.unit09;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Unit 9 exercise, tasks 1–3: fast loops on float arrays.
 *
 * <p>Read {@code lectures/09-performance.md} first. Matrices are row-major: element (i, j) of an
 * {@code m×n} matrix is at index {@code i*n + j}. Each method is one task; replace the
 * {@code throw} with your code, then grade one task at a time, from the repository root:
 * <pre>
 * ./mvnw -q compile exec:exec -Djgrad.main=jgrad.grading.Grader -Djgrad.args="exercises/unit09-performance --task task1"
 * </pre>
 * The graded tests check correctness only (against {@code jgrad.kernels.ReferenceGemm} and the
 * scalar formulas, on ragged sizes); time your code yourself, as in {@code notebooks/09-performance.ipynb}.
 */
public final class Kernels {
    /** The widest float vector this CPU has: 8 lanes with AVX2, 16 with AVX-512. */
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private Kernels() {
    }

    /**
     * Task 1: {@code C = A·B} with the loops in i-k-j order, so the innermost loop walks a row of
     * B and a row of C contiguously (the i-j-k order of the textbook formula walks down a column
     * of B, one cache line per element).
     *
     * <pre>
     * for i: for p: a_ip = A[i][p]; for j: C[i][j] += a_ip * B[p][j]
     * </pre>
     *
     * @param a A, shape (m, k), row-major
     * @param b B, shape (k, n), row-major
     * @return C, shape (m, n), row-major, a new array
     */
    public static float[] matmulIkj(float[] a, float[] b, int m, int k, int n) {
        float[] c = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                float aValue = a[i * k + p];
                for (int j = 0; j < n; j++) {
                    c[i * n + j] += aValue * b[p * n + j];
                }
            }
        }
        return c;
    }

    /**
     * Task 2: the dot product {@code Σ_i x[i]·y[i]} with the Vector API. Keep one vector of
     * partial sums: for each full vector of x and y, {@code acc = xv.fma(yv, acc)}; then add the
     * lanes ({@code reduceLanes(VectorOperators.ADD)}) and finish the ragged tail (the last
     * {@code n mod LANES} elements) with scalar code. {@link VectorSpecies#loopBound} gives the
     * end of the full vectors.
     *
     * @param x a vector of any length n (0 included)
     * @param y a vector of the same length
     */
    public static float dot(float[] x, float[] y) {
        FloatVector acc = FloatVector.zero(SPECIES);
        int i = 0;
        for (int end = SPECIES.loopBound(x.length); i < end; i += SPECIES.length()) {
            acc = FloatVector.fromArray(SPECIES, x, i).fma(FloatVector.fromArray(SPECIES, y, i), acc);
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < x.length; i++) {
            sum += x[i] * y[i];
        }
        return sum;
    }

    /**
     * Task 3a: saxpy, {@code y[i] = alpha·x[i] + y[i]} for every i, in place, with the Vector API
     * (broadcast alpha once; one {@code fma} per vector) and a scalar tail.
     *
     * @param x a vector of length n
     * @param y a vector of the same length, overwritten with the result
     */
    public static void saxpy(float alpha, float[] x, float[] y) {
        FloatVector alphas = FloatVector.broadcast(SPECIES, alpha);
        int i = 0;
        for (int end = SPECIES.loopBound(x.length); i < end; i += SPECIES.length()) {
            alphas.fma(FloatVector.fromArray(SPECIES, x, i), FloatVector.fromArray(SPECIES, y, i)).intoArray(y, i);
        }
        for (; i < x.length; i++) {
            y[i] = Math.fma(alpha, x[i], y[i]);
        }
    }

    /**
     * Task 3b: {@code out[i] = max(x[i], 0)} with the Vector API and a scalar tail.
     *
     * @param x   the input, length n
     * @param out the output, length n (may be x itself)
     */
    public static void relu(float[] x, float[] out) {
        int i = 0;
        for (int end = SPECIES.loopBound(x.length); i < end; i += SPECIES.length()) {
            FloatVector.fromArray(SPECIES, x, i).max(0f).intoArray(out, i);
        }
        for (; i < x.length; i++) {
            out[i] = Math.max(x[i], 0f);
        }
    }
}
