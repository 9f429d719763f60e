package jgrad.kernels;

import static jgrad.kernels.SgemmBlocking.NC;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import jgrad.kernels.SgemmMicroKernels.MicroKernel;

/**
 * The Goto/BLIS float32 GEMM behind {@link Gemm#sgemm}: {@code C = op(A)·op(B) + beta·C}.
 *
 * <pre>
 * parallel over bands of C (rows, or columns if C is short), one band per thread:
 *   for jc in steps of NC over the band's columns:      B panel columns
 *     for pc in steps of KC over k:                     one K block (same for every thread count)
 *       pack op(B)[pc:pc+kc, jc:jc+nc] into kc×NR slivers      (~L3)
 *       for ic in steps of MC over the band's rows:
 *         pack op(A)[ic:ic+mc, pc:pc+kc] into kc×MR slivers    (~L2)
 *         for each B sliver jr:                                 (kc×NR stays in L1)
 *           for each A sliver ir: micro-kernel → C tile MR×NR   (accumulators in registers)
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

    /** The micro-kernel and cache blocks for this CPU: see {@link SgemmBlocking#table}. */
    static final SgemmBlocking BLOCKING = SgemmBlocking.CHOSEN;

    /**
     * Below this many multiply-adds ({@code m·n·k}, 2²³ ≈ 8.4 M, some 70 µs on one AVX-512 core) a
     * product runs on the calling thread only: waking a parked worker costs some 40 µs here, so a
     * smaller product is slower on two threads. Measured on a quiet machine with {@code GemmScaling}
     * (1 and 2 threads interleaved, square and LSTM-step shapes): see docs/performance.md, "Two
     * threads never slower than one".
     */
    static final long PARALLEL_WORK = 1L << 23;

    /** Four floats: the packing copies' unit (every micro-kernel's MR and NR handled here are multiples of 4 or short edges). */
    private static final VectorSpecies<Float> QUAD = FloatVector.SPECIES_128;

    private static final ThreadLocal<float[]> PACKED_A = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> PACKED_B = ThreadLocal.withInitial(() -> new float[0]);

    private BlockedSgemm() {
    }

    static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                      float beta, float[] c, int cOffset, int ldc) {
        sgemm(BLOCKING, transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
    }

    /** The same with an explicit micro-kernel and blocks: tests run every shape, benchmarks compare them. */
    static void sgemm(SgemmBlocking blocking, boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                      float beta, float[] c, int cOffset, int ldc) {
        sgemm(blocking, transA, transB, m, n, k, a, aOffset, lda, null, b, bOffset, ldb, null, beta, c, cOffset, ldc);
    }

    /**
     * op(A) packed for every K block at once, for a caller that multiplies the same A by many B
     * (a convolution's weights by each image): K block {@code pc} starts at {@code pc·roundUp(m, MR)}
     * and holds all {@code ceilDiv(m, MR)} row slivers in {@link #packA}'s layout, so the panel a
     * band packs for rows {@code [ic, ic + mc)} is the slice from sliver {@code ic / MR} on.
     */
    static float[] packAll(boolean transA, int m, int k, float[] a, int aOffset, int lda) {
        int mr = BLOCKING.kernel().mr();
        int kcStep = kcStep(BLOCKING, k);
        int rows = roundUp(m, mr);
        float[] packed = new float[rows * k];
        for (int pc = 0; pc < k; pc += kcStep) {
            packA(transA, a, aOffset, lda, m, 0, rows / mr, mr, pc, Math.min(kcStep, k - pc), packed, pc * rows);
        }
        return packed;
    }

    /** {@link #sgemm} with op(A) from {@link #packAll}: the same products in the same order, so the same bits. */
    static void sgemmPacked(float[] packedA, int m, int n, int k, boolean transB, float[] b, int bOffset, int ldb,
                            float beta, float[] c, int cOffset, int ldc) {
        sgemm(BLOCKING, false, transB, m, n, k, null, 0, 0, packedA, b, bOffset, ldb, null, beta, c, cOffset, ldc);
    }

    /**
     * op(B) packed for every K block at once, for a caller that multiplies many A by the same B (a
     * recurrent layer's {@code h_t · W_hhᵀ} at every time step): K block {@code pc} starts at
     * {@code pc·roundUp(n, NR)} and holds all {@code ceilDiv(n, NR)} column slivers in
     * {@link #packB}'s layout, so the panel a band packs for columns {@code [jc, jc + nc)} is the
     * slice from sliver {@code jc / NR} on.
     */
    static float[] packAllB(boolean transB, int k, int n, float[] b, int bOffset, int ldb) {
        int nr = BLOCKING.kernel().nr();
        int kcStep = kcStep(BLOCKING, k);
        int cols = roundUp(n, nr);
        float[] packed = new float[cols * k];
        for (int pc = 0; pc < k; pc += kcStep) {
            int kc = Math.min(kcStep, k - pc);
            for (int s = 0; s < cols / nr; s++) {
                packBSliver(transB, b, bOffset, ldb, pc, kc, s * nr, n, nr, packed, pc * cols + s * nr * kc);
            }
        }
        return packed;
    }

    /** {@link #sgemm} with op(B) from {@link #packAllB}: the same panels, so the same bits. */
    static void sgemmPackedB(boolean transA, int m, int n, int k, float[] a, int aOffset, int lda, float[] packedB,
                             float beta, float[] c, int cOffset, int ldc) {
        sgemm(BLOCKING, transA, false, m, n, k, a, aOffset, lda, null, null, 0, 0, packedB, beta, c, cOffset, ldc);
    }

    private static void sgemm(SgemmBlocking blocking, boolean transA, boolean transB, int m, int n, int k,
                              float[] a, int aOffset, int lda, float[] packedAll, float[] b, int bOffset, int ldb,
                              float[] packedAllB, float beta, float[] c, int cOffset, int ldc) {
        MicroKernel kernel = blocking.kernel();
        int mr = kernel.mr();
        int nr = kernel.nr();
        // Small products stay on the calling thread: waking a worker costs more than it saves.
        int threads = (long) m * n * k < PARALLEL_WORK ? 1 : Parallel.threads();
        int rowSlivers = ceilDiv(m, mr);
        int colSlivers = ceilDiv(n, nr);
        // One band per thread. Each band packs all of the operand it does not split: row bands each
        // pack all of op(B) (k·n floats), column bands all of op(A) (m·k). So split the rows when op(B)
        // is the smaller one to pack again (n <= m), as long as there are rows enough to share; a
        // 256-token activation times a 768×50257 weight thus splits the columns.
        boolean rowBands = colSlivers < 2 * threads || (n <= m && rowSlivers >= 2 * threads);
        int slivers = rowBands ? rowSlivers : colSlivers;
        // grain = slivers / threads (rounded down): forRange cuts at most length / grain chunks, so a
        // rounded-up grain would leave an odd sliver count (43 at N = 512) in one chunk on one thread.
        Parallel.forRange(0, slivers, Math.max(1, slivers / threads), (from, to) -> {
            if (rowBands) {
                band(blocking, transA, transB, m, n, k, a, aOffset, lda, packedAll, b, bOffset, ldb, packedAllB, beta, c, cOffset, ldc,
                        from * mr, Math.min(m, to * mr), 0, n);
            } else {
                band(blocking, transA, transB, m, n, k, a, aOffset, lda, packedAll, b, bOffset, ldb, packedAllB, beta, c, cOffset, ldc,
                        0, m, from * nr, Math.min(n, to * nr));
            }
        });
    }

    /**
     * The sequential Goto loops on the band {@code C[rowStart:rowEnd, colStart:colEnd]} (band
     * edges on sliver boundaries). Each thread packs the panels its band needs into its own
     * buffers, so one parallel region per call suffices: a worker is woken once, not once per
     * K block (measured: on a loaded 2-core machine per-block hand-offs cost more than the
     * duplicated packing of op(B), which is O(k·n) against O(m·n·k/threads) of arithmetic).
     * With {@code packedAll} (from {@link #packAll}) the A panels are read from there instead, and
     * with {@code packedAllB} (from {@link #packAllB}) the B panels.
     */
    private static void band(SgemmBlocking blocking, boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOffset, int lda, float[] packedAll, float[] b, int bOffset, int ldb,
                             float[] packedAllB, float beta, float[] c, int cOffset, int ldc,
                             int rowStart, int rowEnd, int colStart, int colEnd) {
        MicroKernel kernel = blocking.kernel();
        int mr = kernel.mr();
        int nr = kernel.nr();
        int kcStep = kcStep(blocking, k);
        int mcStep = blocking.mc() / mr * mr;
        int kcMax = Math.min(kcStep, k);
        float[] packedB = packedAllB != null ? packedAllB : buffer(PACKED_B, kcMax * roundUp(Math.min(NC, colEnd - colStart), nr));
        float[] packedA = packedAll != null ? packedAll : buffer(PACKED_A, kcMax * roundUp(Math.min(mcStep, rowEnd - rowStart), mr));
        float[] edge = new float[mr * nr];
        // A row-major op(A) need not be packed when the micro-kernel can read its rows in place
        // (MicroKernel.readsRowMajorA): the same products in the same order, so the same bits, and
        // no copy of A. Packing A was some 10% of a W4 GPT step (activations of 2048 rows × 128).
        // Only when K is one block, so each row of A is read whole, from one run of memory: with
        // several K blocks a sliver's rows are short pieces of long rows (2 KB apart at N = 512),
        // and the packed sliver is the faster read (quiet machine, 1 thread, square N = 512: in
        // place 124-128 GFLOP/s against 138-139 packed; N = 1024: 110-112 against 123-132).
        boolean direct = packedAll == null && !transA && kernel.readsRowMajorA() && k <= kcStep;
        for (int jc = colStart; jc < colEnd; jc += NC) {
            int nc = Math.min(NC, colEnd - jc);
            int colSlivers = ceilDiv(nc, nr);
            for (int pc = 0; pc < k; pc += kcStep) {
                int kc = Math.min(kcStep, k - pc);
                float blockBeta = pc == 0 ? beta : 1f;
                int bAt = 0;
                if (packedAllB == null) {
                    packB(transB, b, bOffset, ldb, pc, kc, jc, nc, nr, packedB);
                } else {
                    bAt = pc * roundUp(n, nr) + jc * kc;
                }
                for (int ic = rowStart; ic < rowEnd; ic += mcStep) {
                    int rowSlivers = ceilDiv(Math.min(mcStep, rowEnd - ic), mr);
                    int aAt = 0;
                    if (packedAll != null) {
                        aAt = pc * roundUp(m, mr) + ic * kc;
                    } else if (!direct) {
                        packA(transA, a, aOffset, lda, m, ic, rowSlivers, mr, pc, kc, packedA, 0);
                    } else if (ic + rowSlivers * mr > m) {
                        // Full slivers are read from A itself; only a last, partial one is packed (zero rows past m).
                        packA(false, a, aOffset, lda, m, ic + (rowSlivers - 1) * mr, 1, mr, pc, kc, packedA, (rowSlivers - 1) * mr * kc);
                    }
                    macroKernel(kernel, m, n, kc, packedA, aAt, direct ? a : null, aOffset + pc, lda, ic / mr, ic / mr + rowSlivers,
                            packedB, bAt, jc, colSlivers, c, cOffset, ldc, blockBeta, edge);
                }
            }
        }
    }

    /**
     * All micro-tiles of one packed A block (row slivers {@code [firstRowSliver, endRowSliver)})
     * and B panel; B sliver outer, so it stays in L1 while the A slivers stream from L2.
     */
    private static void macroKernel(MicroKernel kernel, int m, int n, int kc, float[] packedA, int aAt,
                                    float[] rowMajorA, int aColumn, int lda, int firstRowSliver, int endRowSliver,
                                    float[] packedB, int bAt, int jc, int colSlivers,
                                    float[] c, int cOffset, int ldc, float beta, float[] edge) {
        int mr = kernel.mr();
        int nr = kernel.nr();
        for (int js = 0; js < colSlivers; js++) {
            int col = jc + js * nr;
            int cols = Math.min(nr, n - col);
            for (int is = firstRowSliver; is < endRowSliver; is++) {
                int row = is * mr;
                int rows = Math.min(mr, m - row);
                int apAt = aAt + (is - firstRowSliver) * mr * kc;
                int bpAt = bAt + js * nr * kc;
                boolean inPlace = rowMajorA != null && rows == mr;   // read A's rows where they are (see band)
                if (rows == mr && cols == nr) {
                    if (inPlace) {
                        kernel.computeRowMajor(kc, rowMajorA, aColumn + row * lda, lda, packedB, bpAt, c, cOffset + row * ldc + col, ldc, beta);
                    } else {
                        kernel.compute(kc, packedA, apAt, packedB, bpAt, c, cOffset + row * ldc + col, ldc, beta);
                    }
                } else {
                    if (inPlace) {
                        kernel.computeRowMajor(kc, rowMajorA, aColumn + row * lda, lda, packedB, bpAt, edge, 0, nr, 0f);
                    } else {
                        kernel.compute(kc, packedA, apAt, packedB, bpAt, edge, 0, nr, 0f);
                    }
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
     * sliver s holds {@code packed[packedAt + s*MR*kc + p*MR + r] = opA[row0 + s*MR + r][pc + p]}, zero past row m.
     */
    private static void packA(boolean transA, float[] a, int aOffset, int lda, int m, int row0, int slivers, int mr,
                              int pc, int kc, float[] packed, int packedAt) {
        for (int s = 0; s < slivers; s++) {
            int firstRow = row0 + s * mr;
            int rows = Math.max(0, Math.min(mr, m - firstRow));
            int base = packedAt + s * mr * kc;
            if (transA) {
                // Stored Aᵀ: the MR values a step p needs sit side by side in row p of the store.
                packRows(a, aOffset + pc * lda + firstRow, lda, rows, mr, kc, packed, base);
            } else {
                // Stored A: row r of the sliver is a run of the store, to be spread with stride MR.
                packColumns(a, aOffset + firstRow * lda + pc, lda, rows, mr, kc, packed, base);
            }
        }
    }

    /**
     * Packs the panel of op(B) at column jc, K range {@code [pc, pc+kc)}, {@code nc} columns:
     * {@code packed[s*NR*kc + p*NR + j] = opB[pc + p][jc + s*NR + j]}, zero past column jc + nc.
     */
    private static void packB(boolean transB, float[] b, int bOffset, int ldb, int pc, int kc, int jc, int nc,
                              int nr, float[] packed) {
        for (int s = 0; s < ceilDiv(nc, nr); s++) {
            packBSliver(transB, b, bOffset, ldb, pc, kc, jc + s * nr, jc + nc, nr, packed, s * nr * kc);
        }
    }

    /** One sliver of op(B): columns {@code [col0, col0 + NR)} (zero from {@code colEnd} on), K range {@code [pc, pc+kc)}, at {@code base}. */
    private static void packBSliver(boolean transB, float[] b, int bOffset, int ldb, int pc, int kc, int col0, int colEnd,
                                    int nr, float[] packed, int base) {
        int cols = Math.max(0, Math.min(nr, colEnd - col0));
        if (transB) {
            packColumns(b, bOffset + col0 * ldb + pc, ldb, cols, nr, kc, packed, base);
        } else {
            packRows(b, bOffset + pc * ldb + col0, ldb, cols, nr, kc, packed, base);
        }
    }

    /**
     * One sliver from a store whose rows already run along the sliver:
     * {@code packed[base + p*width + i] = src[first + p*ld + i]} for {@code i < valid}, zero for
     * {@code valid <= i < width}, {@code p < kc}. Copied four floats at a time with 128-bit vectors:
     * {@code System.arraycopy} of 4 to 16 floats costs more in its call than in its copying (on
     * AVX2 with MR = 4, about half as fast, measured in isolation).
     */
    private static void packRows(float[] src, int first, int ld, int valid, int width, int kc, float[] packed, int base) {
        for (int p = 0; p < kc; p++) {
            int from = first + p * ld;
            int to = base + p * width;
            int i = 0;
            for (; i + QUAD.length() <= valid; i += QUAD.length()) {
                FloatVector.fromArray(QUAD, src, from + i).intoArray(packed, to + i);
            }
            for (; i < valid; i++) {
                packed[to + i] = src[from + i];
            }
            for (; i < width; i++) {
                packed[to + i] = 0f;
            }
        }
    }

    /**
     * One sliver from a store whose rows run across the sliver (a transpose):
     * {@code packed[base + p*width + i] = src[first + i*ld + p]} for {@code i < valid}, zero for
     * {@code valid <= i < width}, {@code p < kc}. Four rows of the store are read side by side, so
     * the writes go out in order; one row at a time (strided writes) was about 1.4x slower, measured
     * in isolation.
     */
    private static void packColumns(float[] src, int first, int ld, int valid, int width, int kc, float[] packed, int base) {
        int i = 0;
        for (; i + 4 <= valid; i += 4) {
            int s0 = first + i * ld, s1 = s0 + ld, s2 = s1 + ld, s3 = s2 + ld;
            for (int p = 0, to = base + i; p < kc; p++, to += width) {
                packed[to] = src[s0 + p];
                packed[to + 1] = src[s1 + p];
                packed[to + 2] = src[s2 + p];
                packed[to + 3] = src[s3 + p];
            }
        }
        for (; i < valid; i++) {
            int from = first + i * ld;
            for (int p = 0; p < kc; p++) {
                packed[base + p * width + i] = src[from + p];
            }
        }
        for (; i < width; i++) {
            for (int p = 0; p < kc; p++) {
                packed[base + p * width + i] = 0f;
            }
        }
    }

    /**
     * The K block for a product with this k: the table's kc, or all of k when k exceeds kc by at most
     * a quarter. A convolution's K = 288 (32 channels × 3×3) would otherwise run as 256 + 32, and
     * the 32-deep block reads and writes every C tile again for an eighth of the arithmetic; 1.25·kc
     * floats of a B sliver still fit in L1 beside the A sliver.
     */
    static int kcStep(SgemmBlocking blocking, int k) {
        return k <= blocking.kc() + blocking.kc() / 4 ? Math.max(1, k) : blocking.kc();
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
