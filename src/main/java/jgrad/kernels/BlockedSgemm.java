package jgrad.kernels;

import jgrad.kernels.SgemmMicroKernels.MicroKernel;

/**
 * The Goto/BLIS float32 GEMM behind {@link Gemm#sgemm}: {@code C = op(A)·op(B) + beta·C}.
 *
 * <pre>
 * for jc in steps of NC over n:                       B panel columns
 *   for pc in steps of KC over k:                     one K block (same for every thread count)
 *     pack op(B)[pc:pc+kc, jc:jc+nc] into kc×NR slivers        (~L3; shared by all threads)
 *     parallel over tasks = (block of A rows) × (group of B slivers):
 *       pack op(A)[ic:ic+mc, pc:pc+kc] into kc×MR slivers      (~L2; per thread)
 *       for each B sliver jr:                                   (kc×NR stays in L1)
 *         for each A sliver ir:  micro-kernel → C tile MR×NR    (accumulators in registers)
 * </pre>
 *
 * <b>Determinism.</b> Every C element gets its K blocks in the same order (pc ascending) and,
 * inside a block, its products in p order with one FMA chain; the first block applies the
 * caller's beta, the later ones beta = 1. Threads only decide <em>who</em> computes a tile, so
 * the bits do not depend on the thread count. Edge tiles (m or n not a multiple of MR/NR) run
 * the same micro-kernel on zero-padded slivers into a scratch tile and merge it with the same
 * {@code fma(C, beta, acc)}, so they are bit-identical to what a full tile would give.
 */
final class BlockedSgemm {

    /** Rows of K per block: a B sliver KC×NR (32 KiB at NR=32) then fits the 48 KiB L1. */
    static final int KC = 256;
    /** Upper bound on A rows packed per task: MC×KC floats ≈ 192 KiB, well inside L2 (2 MiB). */
    static final int MC = 192;
    /** Columns of the packed B panel: KC×NC floats = 3 MiB, shared by the threads (L3). */
    static final int NC = 3072;

    /**
     * 12×2 vectors (12×32 floats) where vectors hold 16 floats (AVX-512: 32 registers hold 24
     * accumulators + 2 B vectors + 1 broadcast), else 6×2 vectors (6×16 on AVX2's 16 registers).
     * Measured at N=1024, 1 thread, shapes interleaved in one JVM: see docs/performance.md.
     */
    static final MicroKernel KERNEL = SgemmMicroKernels.LANES >= 16
            ? new SgemmMicroKernels.Kernel12x2V() : new SgemmMicroKernels.Kernel6x2V();

    private static final ThreadLocal<float[]> PACKED_A = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> PACKED_B = ThreadLocal.withInitial(() -> new float[0]);

    private BlockedSgemm() {
    }

    static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                      float beta, float[] c, int cOffset, int ldc) {
        sgemm(KERNEL, transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
    }

    /** The same with an explicit micro-kernel: tests run every shape, benchmarks compare them. */
    static void sgemm(MicroKernel kernel, boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                      float beta, float[] c, int cOffset, int ldc) {
        int mr = kernel.mr();
        int nr = kernel.nr();
        int threads = Parallel.threads();
        int rowSlivers = ceilDiv(m, mr);
        // Blocks of A rows: at least ceil(m/MC); with several threads at least 4 per thread, so
        // the dynamic hand-out of Parallel can even out a thread that the machine slows down;
        // never more blocks than slivers. (Block size does not change any element's sum.)
        int rowBlocks = Math.min(rowSlivers, roundUp(Math.max(ceilDiv(m, MC), threads > 1 ? 4 * threads : 1), threads));
        int kcMax = Math.min(KC, k);
        float[] packedB = buffer(PACKED_B, kcMax * roundUp(Math.min(NC, n), nr));

        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            int colSlivers = ceilDiv(nc, nr);
            // When there are fewer row blocks than threads (small m), also split the B slivers.
            int colGroups = Math.min(colSlivers, ceilDiv(threads, rowBlocks));
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                float blockBeta = pc == 0 ? beta : 1f;
                int panelJc = jc;
                int panelPc = pc;
                Parallel.forRange(0, colSlivers, 4, (from, to) ->
                        packB(transB, b, bOffset, ldb, panelPc, kc, panelJc, nc, from, to, nr, packedB));
                Parallel.forRange(0, rowBlocks * colGroups, 1, (from, to) -> {
                    float[] packedA = buffer(PACKED_A, kc * ceilDiv(rowSlivers, rowBlocks) * mr);
                    float[] edge = new float[mr * nr];
                    for (int task = from; task < to; task++) {
                        int block = task / colGroups;
                        int group = task % colGroups;
                        int firstRowSliver = (int) ((long) block * rowSlivers / rowBlocks);
                        int endRowSliver = (int) ((long) (block + 1) * rowSlivers / rowBlocks);
                        int firstColSliver = (int) ((long) group * colSlivers / colGroups);
                        int endColSliver = (int) ((long) (group + 1) * colSlivers / colGroups);
                        packA(transA, a, aOffset, lda, m, firstRowSliver * mr, (endRowSliver - firstRowSliver), mr,
                                panelPc, kc, packedA);
                        macroKernel(kernel, m, n, kc, packedA, firstRowSliver, endRowSliver, packedB, panelJc,
                                firstColSliver, endColSliver, c, cOffset, ldc, blockBeta, edge);
                    }
                });
            }
        }
    }

    /** All micro-tiles of one task; B sliver outer so it stays in L1 while A slivers stream from L2. */
    private static void macroKernel(MicroKernel kernel, int m, int n, int kc, float[] packedA, int firstRowSliver, int endRowSliver,
                                    float[] packedB, int jc, int firstColSliver, int endColSliver,
                                    float[] c, int cOffset, int ldc, float beta, float[] edge) {
        int mr = kernel.mr();
        int nr = kernel.nr();
        for (int js = firstColSliver; js < endColSliver; js++) {
            int col = jc + js * nr;
            int cols = Math.min(nr, n - col);
            for (int is = firstRowSliver; is < endRowSliver; is++) {
                int row = is * mr;
                int rows = Math.min(mr, m - row);
                int apAt = (is - firstRowSliver) * mr * kc;
                int bpAt = js * nr * kc;
                if (rows == mr && cols == nr) {
                    kernel.compute(kc, packedA, apAt, packedB, bpAt, c, cOffset + row * ldc + col, ldc, beta);
                } else {
                    kernel.compute(kc, packedA, apAt, packedB, bpAt, edge, 0, nr, 0f);
                    for (int r = 0; r < rows; r++) {
                        int cAt = cOffset + (row + r) * ldc + col;
                        for (int j = 0; j < cols; j++) {
                            float acc = edge[r * nr + j];
                            c[cAt + j] = beta == 0f ? acc : Math.fma(c[cAt + j], beta, acc);
                        }
                    }
                }
            }
        }
    }

    /**
     * Packs {@code slivers} slivers of op(A) rows starting at {@code row0}, K range {@code [pc, pc+kc)}:
     * sliver s holds {@code packed[s*MR*kc + p*MR + r] = opA[row0 + s*MR + r][pc + p]}, zero past row m.
     */
    private static void packA(boolean transA, float[] a, int aOffset, int lda, int m, int row0, int slivers, int mr,
                              int pc, int kc, float[] packed) {
        for (int s = 0; s < slivers; s++) {
            int base = s * mr * kc;
            for (int r = 0; r < mr; r++) {
                int row = row0 + s * mr + r;
                if (row >= m) {
                    for (int p = 0; p < kc; p++) {
                        packed[base + p * mr + r] = 0f;
                    }
                } else if (transA) {
                    int at = aOffset + pc * lda + row;
                    for (int p = 0; p < kc; p++) {
                        packed[base + p * mr + r] = a[at + p * lda];
                    }
                } else {
                    int at = aOffset + row * lda + pc;
                    for (int p = 0; p < kc; p++) {
                        packed[base + p * mr + r] = a[at + p];
                    }
                }
            }
        }
    }

    /**
     * Packs B slivers {@code [fromSliver, toSliver)} of the panel at column jc, K range {@code [pc, pc+kc)}:
     * {@code packed[s*NR*kc + p*NR + j] = opB[pc + p][jc + s*NR + j]}, zero past column jc + nc.
     */
    private static void packB(boolean transB, float[] b, int bOffset, int ldb, int pc, int kc, int jc, int nc,
                              int fromSliver, int toSliver, int nr, float[] packed) {
        for (int s = fromSliver; s < toSliver; s++) {
            int base = s * nr * kc;
            int col0 = jc + s * nr;
            int cols = Math.min(nr, jc + nc - col0);
            if (transB) {
                for (int j = 0; j < nr; j++) {
                    if (j < cols) {
                        int at = bOffset + (col0 + j) * ldb + pc;
                        for (int p = 0; p < kc; p++) {
                            packed[base + p * nr + j] = b[at + p];
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            packed[base + p * nr + j] = 0f;
                        }
                    }
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int at = bOffset + (pc + p) * ldb + col0;
                    int to = base + p * nr;
                    System.arraycopy(b, at, packed, to, cols);
                    for (int j = cols; j < nr; j++) {
                        packed[to + j] = 0f;
                    }
                }
            }
        }
    }

    private static float[] buffer(ThreadLocal<float[]> cache, int size) {
        float[] buffer = cache.get();
        if (buffer.length < size) {
            buffer = new float[size];
            cache.set(buffer);
        }
        return buffer;
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    private static int roundUp(int x, int multiple) {
        return ceilDiv(x, multiple) * multiple;
    }
}
