package jgrad.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Fast float32 GEMM, {@code C = op(A)·op(B) + beta·C}, row-major, every transpose variant.
 * Same contract as {@link ReferenceGemm#sgemm}, which is the readable version of this.
 *
 * <pre>{@code
 * // C(2×2) = A(2×3) · B(3×2)
 * float[] a = {1, 2, 3, 4, 5, 6}, b = {1, 0, 0, 1, 1, 1}, c = new float[4];
 * Gemm.sgemm(false, false, 2, 2, 3, a, 0, 3, b, 0, 2, 0f, c, 0, 2);   // c = {4, 5, 10, 11}
 * }</pre>
 *
 * <p>Two paths, chosen by size only (so the choice never depends on the thread count):
 * <ul>
 *   <li>tiny products ({@code m·n·k <= SMALL_WORK}): a vectorised i-p-j loop, no packing;</li>
 *   <li>everything else: {@link BlockedSgemm}, packed panels + register-blocked micro-kernel,
 *       threads over C tiles via {@link Parallel}.</li>
 * </ul>
 * Results are bitwise identical for any {@link Parallel#threads()}. With {@code beta == 0}
 * the old C is never read (NaNs there are ignored).
 */
public final class Gemm {

    /**
     * Up to this many multiply-adds the unpacked loop wins. Measured on the dev machine (AVX-512,
     * 1 thread, the two paths interleaved, median time ratio small/packed): 0.4 at 8³, 0.6 at
     * 16³, 1.5 at 24³, 2.3 at 48³, 3.2 at 64³.
     */
    static final long SMALL_WORK = 16L * 16 * 16;

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private Gemm() {
    }

    /**
     * {@code C = op(A)·op(B) + beta·C} in float32.
     *
     * @param transA use {@code Aᵀ}: A is stored {@code k×m} (else {@code m×k}), leading dimension lda
     * @param transB use {@code Bᵀ}: B is stored {@code n×k} (else {@code k×n}), leading dimension ldb
     * @param beta   0 overwrites C (without reading it), 1 accumulates into C
     * @throws IllegalArgumentException for negative sizes, too-small leading dimensions or arrays
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                             float beta, float[] c, int cOffset, int ldc) {
        GemmChecks.check("Gemm.sgemm", transA, transB, m, n, k, a.length, aOffset, lda,
                b.length, bOffset, ldb, c.length, cOffset, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            scale(m, n, beta, c, cOffset, ldc);
        } else if ((long) m * n * k <= SMALL_WORK) {
            smallSgemm(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
        } else {
            BlockedSgemm.sgemm(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
        }
    }

    /**
     * {@code op(A)} packed once into the blocked GEMM's panel layout, for {@link #sgemm(PackedA, boolean,
     * int, float[], int, int, float, float[], int, int)} to multiply by many B without packing A again.
     */
    public static final class PackedA {
        final int m, k;
        final float[] panels;

        private PackedA(int m, int k, float[] panels) {
            this.m = m;
            this.k = k;
            this.panels = panels;
        }
    }

    /** Packs {@code op(A)} ({@code m×k}, stored as in {@link #sgemm}) for repeated products. */
    public static PackedA pack(boolean transA, int m, int k, float[] a, int aOffset, int lda) {
        GemmChecks.check("Gemm.pack", transA, false, m, 0, k, a.length, aOffset, lda, 0, 0, 1, 0, 0, 1);
        return new PackedA(m, k, BlockedSgemm.packAll(transA, m, k, a, aOffset, lda));
    }

    /**
     * {@code C = A·op(B) + beta·C} with A packed by {@link #pack}: always the blocked path, so the
     * bits are those of {@link #sgemm} whenever that takes the blocked path ({@code m·n·k > SMALL_WORK}).
     */
    public static void sgemm(PackedA a, boolean transB, int n, float[] b, int bOffset, int ldb,
                             float beta, float[] c, int cOffset, int ldc) {
        GemmChecks.check("Gemm.sgemm(packed)", false, transB, a.m, n, a.k, a.m * a.k, 0, Math.max(1, a.k),
                b.length, bOffset, ldb, c.length, cOffset, ldc);
        if (a.m == 0 || n == 0) {
            return;
        }
        if (a.k == 0) {
            scale(a.m, n, beta, c, cOffset, ldc);
        } else {
            BlockedSgemm.sgemmPacked(a.panels, a.m, n, a.k, transB, b, bOffset, ldb, beta, c, cOffset, ldc);
        }
    }

    /**
     * {@code op(B)} packed once into the blocked GEMM's panel layout, for {@link #sgemm(boolean, int,
     * float[], int, int, PackedB, float, float[], int, int)} to multiply many A by it without packing
     * B again (a recurrent layer's {@code W_hhᵀ}, once per sequence instead of once per step).
     */
    public static final class PackedB {
        final int k, n;
        final float[] panels;

        private PackedB(int k, int n, float[] panels) {
            this.k = k;
            this.n = n;
            this.panels = panels;
        }
    }

    /** Packs {@code op(B)} ({@code k×n}, stored as in {@link #sgemm}) for repeated products. */
    public static PackedB packB(boolean transB, int k, int n, float[] b, int bOffset, int ldb) {
        GemmChecks.check("Gemm.packB", true, transB, 0, n, k, 0, 0, 1, b.length, bOffset, ldb, 0, 0, Math.max(1, n));
        return new PackedB(k, n, BlockedSgemm.packAllB(transB, k, n, b, bOffset, ldb));
    }

    /**
     * {@code C = op(A)·B + beta·C} with B packed by {@link #packB}: always the blocked path, so the
     * bits are those of {@link #sgemm} whenever that takes the blocked path ({@code m·n·k > SMALL_WORK}).
     */
    public static void sgemm(boolean transA, int m, float[] a, int aOffset, int lda, PackedB b,
                             float beta, float[] c, int cOffset, int ldc) {
        GemmChecks.check("Gemm.sgemm(packed B)", transA, false, m, b.n, b.k, a.length, aOffset, lda,
                b.k * b.n, 0, Math.max(1, b.n), c.length, cOffset, ldc);
        if (m == 0 || b.n == 0) {
            return;
        }
        if (b.k == 0) {
            scale(m, b.n, beta, c, cOffset, ldc);
        } else {
            BlockedSgemm.sgemmPackedB(transA, m, b.n, b.k, a, aOffset, lda, b.panels, beta, c, cOffset, ldc);
        }
    }

    /**
     * Batched {@link #sgemm}: for {@code t < batch}, matrix t of A, B and C starts at
     * {@code offset + t*stride}. A or B stride 0 broadcasts one matrix over the batch; C's
     * matrices must not overlap. Attention uses this for {@code (B·H)} heads at once.
     *
     * <p>Many small products run one per thread (each on its own C); few large ones run one
     * after the other, each split over threads. Either way the bits are those of {@code sgemm}.
     */
    public static void sgemmBatched(boolean transA, boolean transB, int m, int n, int k, int batch,
                                    float[] a, int aOffset, int lda, long strideA,
                                    float[] b, int bOffset, int ldb, long strideB,
                                    float beta, float[] c, int cOffset, int ldc, long strideC) {
        String op = "Gemm.sgemmBatched";
        GemmChecks.checkBatch(op, "A", batch, aOffset, strideA, a.length, GemmChecks.span(transA ? k : m, transA ? m : k, lda));
        GemmChecks.checkBatch(op, "B", batch, bOffset, strideB, b.length, GemmChecks.span(transB ? n : k, transB ? k : n, ldb));
        long cSpan = GemmChecks.span(m, n, ldc);
        GemmChecks.checkBatch(op, "C", batch, cOffset, strideC, c.length, cSpan);
        if (batch > 1 && strideC < cSpan) {
            throw new IllegalArgumentException(op + ": strideC=" + strideC + " makes the C matrices overlap (each spans "
                    + cSpan + " elements)");
        }
        Parallel.RangeBody run = (from, to) -> {
            for (int t = from; t < to; t++) {
                sgemm(transA, transB, m, n, k, a, (int) (aOffset + t * strideA), lda, b, (int) (bOffset + t * strideB), ldb,
                        beta, c, (int) (cOffset + t * strideC), ldc);
            }
        };
        long work = (long) m * n * k;
        boolean perThread = batch >= 2 * Parallel.threads() || work <= (1L << 20);
        if (perThread) {
            Parallel.forRange(0, batch, 1, run);
        } else {
            run.run(0, batch);
        }
    }

    /**
     * {@code C[i][j] = sum_p opA[i][p]·opB[p][j]} as i, then a vector of j, then p: the vector of
     * C stays in a register across p and op(B)'s row p is read contiguously. op(B) is first
     * copied into a scratch whose rows are padded with zeros to whole vectors (and op(A) into
     * row-major form if transposed): O(mk + kn) work next to O(mnk), and no vector ever reads
     * past an array's end (a masked access there leaves the fast path: measured 3–5× slower at
     * n = 24). Each C element gets the same p-ordered FMA chain as in the micro-kernels.
     */
    static void smallSgemm(boolean transA, boolean transB, int m, int n, int k,
                           float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                           float beta, float[] c, int cOffset, int ldc) {
        if (transA) {
            a = transposed(a, aOffset, lda, k, m);
            aOffset = 0;
            lda = k;
        }
        int lanes = S.length();
        int paddedN = (n + lanes - 1) / lanes * lanes;
        float[] opB = new float[k * paddedN];
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < n; j++) {
                opB[p * paddedN + j] = transB ? b[bOffset + j * ldb + p] : b[bOffset + p * ldb + j];
            }
        }
        float[] row = new float[paddedN];
        for (int i = 0; i < m; i++) {
            int aRow = aOffset + i * lda;
            for (int j = 0; j < paddedN; j += lanes) {
                FloatVector acc = FloatVector.zero(S);
                for (int p = 0; p < k; p++) {
                    acc = FloatVector.broadcast(S, a[aRow + p]).fma(FloatVector.fromArray(S, opB, p * paddedN + j), acc);
                }
                acc.intoArray(row, j);
            }
            int cRow = cOffset + i * ldc;
            for (int j = 0; j < n; j++) {
                c[cRow + j] = beta == 0f ? row[j] : Math.fma(c[cRow + j], beta, row[j]);
            }
        }
    }

    /** Copies the stored {@code rows×cols} matrix into a new dense {@code cols×rows} one. */
    private static float[] transposed(float[] x, int offset, int ld, int rows, int cols) {
        float[] t = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int q = 0; q < cols; q++) {
                t[q * rows + r] = x[offset + r * ld + q];
            }
        }
        return t;
    }

    /** {@code C = beta·C} (k == 0: the product is empty); beta 0 writes zeros without reading C. */
    private static void scale(int m, int n, float beta, float[] c, int cOffset, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int at = cOffset + i * ldc + j;
                c[at] = beta == 0f ? 0f : beta * c[at];
            }
        }
    }
}
