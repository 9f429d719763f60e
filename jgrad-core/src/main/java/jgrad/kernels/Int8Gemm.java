package jgrad.kernels;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Integer matrix product for int8 inference: {@code C = A · Bᵀ} with int8 inputs and int32
 * accumulation,
 * <pre>
 *   C[i][j] = Σ_k A[i][k] · B[j][k]        A (M, K) int8, B (N, K) int8, C (M, N) int32, all row-major
 * </pre>
 * B is laid out as a {@code Linear} weight {@code (out, in)}, so each output is a dot product of
 * two contiguous rows. With |A|, |B| ≤ 127 a product is at most 16129 and a sum of K of them fits
 * an int32 for K below 133,000, so the integer result is exact: the fast kernel must equal the
 * reference bit for bit, in any order of summation.
 *
 * <p>{@link #reference} is the plain triple loop. {@link #matmul} is the Vector API version: bytes
 * are loaded L at a time (L = the ints in a vector: 8 on AVX2, 16 on AVX-512), widened to int32
 * lanes ({@code B2I}) and multiplied and added in int32 lanes; a 4×2 block of outputs shares each
 * widened row, so 6 loads feed 8 multiply-adds. Rows of C are split over threads.
 */
public final class Int8Gemm {
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    /**
     * The byte species whose load widens to one int vector: as many lanes as {@link #INTS}, but at
     * least 64 bits (the smallest byte vector), so with 4-lane int vectors only the first half of each
     * 8-byte load is used.
     */
    private static final VectorSpecies<Byte> BYTES = switch (INTS.length()) {
        case 16 -> ByteVector.SPECIES_128;
        case 8, 4, 2 -> ByteVector.SPECIES_64;
        default -> VectorSpecies.of(byte.class, VectorShape.forBitSize(INTS.length() * 8));
    };
    private static final int ROWS = 4;
    private static final int COLS = 2;

    private Int8Gemm() {
    }

    /** The definition, one output at a time. */
    public static void reference(byte[] a, byte[] b, int[] c, int m, int n, int k) {
        check(a, b, c, m, n, k);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += a[i * k + p] * b[j * k + p];
                }
                c[i * n + j] = sum;
            }
        }
    }

    /** The same product with int32 vector lanes, threads over blocks of rows; equal to {@link #reference} exactly. */
    public static void matmul(byte[] a, byte[] b, int[] c, int m, int n, int k) {
        check(a, b, c, m, n, k);
        int blocks = (m + ROWS - 1) / ROWS;
        // about 2^16 multiply-adds per chunk before a second thread is worth its hand-off
        int grain = Math.max(1, (1 << 16) / Math.max(1, ROWS * n * k));
        Parallel.forRange(0, blocks, grain, (from, to) -> rowBlocks(a, b, c, from, to, m, n, k));
    }

    /** Blocks {@code from .. to-1} of {@value #ROWS} rows of C. */
    private static void rowBlocks(byte[] a, byte[] b, int[] c, int from, int to, int m, int n, int k) {
        for (int block = from; block < to; block++) {
            int row = block * ROWS;
            if (row + ROWS <= m) {
                rowBlock(a, b, c, row, n, k);
            } else {
                for (int i = row; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        c[i * n + j] = dot(a, i * k, b, j * k, k);
                    }
                }
            }
        }
    }

    /** Rows {@code row .. row+3} of C: a 4×2 block of outputs at a time, one output at a time for an odd last column. */
    private static void rowBlock(byte[] a, byte[] b, int[] c, int row, int n, int k) {
        int vectorEnd = vectorEnd(k);
        int a0 = row * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
        int j = 0;
        for (; j + COLS <= n; j += COLS) {
            int b0 = j * k, b1 = b0 + k;
            var c00 = IntVector.zero(INTS); var c01 = IntVector.zero(INTS);
            var c10 = IntVector.zero(INTS); var c11 = IntVector.zero(INTS);
            var c20 = IntVector.zero(INTS); var c21 = IntVector.zero(INTS);
            var c30 = IntVector.zero(INTS); var c31 = IntVector.zero(INTS);
            for (int p = 0; p < vectorEnd; p += INTS.length()) {
                IntVector w0 = widen(b, b0 + p), w1 = widen(b, b1 + p);
                IntVector x = widen(a, a0 + p);
                c00 = x.mul(w0).add(c00); c01 = x.mul(w1).add(c01);
                x = widen(a, a1 + p);
                c10 = x.mul(w0).add(c10); c11 = x.mul(w1).add(c11);
                x = widen(a, a2 + p);
                c20 = x.mul(w0).add(c20); c21 = x.mul(w1).add(c21);
                x = widen(a, a3 + p);
                c30 = x.mul(w0).add(c30); c31 = x.mul(w1).add(c31);
            }
            // Reduce each accumulator right here: a vector passed on (to an array, a varargs call)
            // escapes, and C2 then falls back from SIMD instructions to objects (about 50x slower).
            c[row * n + j] = c00.reduceLanes(VectorOperators.ADD);
            c[row * n + j + 1] = c01.reduceLanes(VectorOperators.ADD);
            c[(row + 1) * n + j] = c10.reduceLanes(VectorOperators.ADD);
            c[(row + 1) * n + j + 1] = c11.reduceLanes(VectorOperators.ADD);
            c[(row + 2) * n + j] = c20.reduceLanes(VectorOperators.ADD);
            c[(row + 2) * n + j + 1] = c21.reduceLanes(VectorOperators.ADD);
            c[(row + 3) * n + j] = c30.reduceLanes(VectorOperators.ADD);
            c[(row + 3) * n + j + 1] = c31.reduceLanes(VectorOperators.ADD);
            addTail(a, b, c, row, j, n, k, vectorEnd);
        }
        for (; j < n; j++) {
            for (int r = 0; r < ROWS; r++) {
                c[(row + r) * n + j] = dot(a, a0 + r * k, b, j * k, k);
            }
        }
    }

    /** Adds the scalar products past the last full vector to the 4×2 block at (row, col). */
    private static void addTail(byte[] a, byte[] b, int[] c, int row, int col, int n, int k, int vectorEnd) {
        for (int r = 0; r < ROWS; r++) {
            for (int j = 0; j < COLS; j++) {
                int tail = 0;
                for (int p = vectorEnd; p < k; p++) {
                    tail += a[(row + r) * k + p] * b[(col + j) * k + p];
                }
                c[(row + r) * n + col + j] += tail;
            }
        }
    }

    /** One dot product of length k, vector lanes then the scalar tail. */
    private static int dot(byte[] a, int aOffset, byte[] b, int bOffset, int k) {
        int vectorEnd = vectorEnd(k);
        var sum = IntVector.zero(INTS);
        for (int p = 0; p < vectorEnd; p += INTS.length()) {
            sum = widen(a, aOffset + p).mul(widen(b, bOffset + p)).add(sum);
        }
        int total = sum.reduceLanes(VectorOperators.ADD);
        for (int p = vectorEnd; p < k; p++) {
            total += a[aOffset + p] * b[bOffset + p];
        }
        return total;
    }

    /** Where the vector steps end: each step at p loads {@code BYTES.length()} bytes, which must stay within the row. */
    private static int vectorEnd(int k) {
        int steps = k < BYTES.length() ? 0 : (k - BYTES.length()) / INTS.length() + 1;
        return steps * INTS.length();
    }

    /** L bytes from {@code offset}, sign-extended to L int32 lanes. */
    private static IntVector widen(byte[] array, int offset) {
        return (IntVector) ByteVector.fromArray(BYTES, array, offset).convertShape(VectorOperators.B2I, INTS, 0);
    }

    private static void check(byte[] a, byte[] b, int[] c, int m, int n, int k) {
        if (m < 0 || n < 0 || k < 0 || (long) m * k > a.length || (long) n * k > b.length || (long) m * n > c.length) {
            throw new IllegalArgumentException("Int8Gemm: C (" + m + ", " + n + ") = A (" + m + ", " + k + ") · B (" + n + ", " + k
                    + ")ᵀ needs arrays of at least " + (long) m * k + ", " + (long) n * k + " and " + (long) m * n
                    + " elements, got " + a.length + ", " + b.length + " and " + c.length);
        }
    }
}
