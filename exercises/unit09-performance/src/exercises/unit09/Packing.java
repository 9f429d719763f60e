package exercises.unit09;

/**
 * Unit 9 exercise, task 4: packing a panel of B for a register-blocked micro-kernel, as in the
 * Goto/BLIS GEMM of {@code jgrad.kernels.BlockedSgemm}.
 *
 * <p>The micro-kernel computes one {@code MR×NR} tile of C. At each step p of the K loop it reads
 * MR values of A (one column of the tile's rows) and NR values of B (one row of the tile's
 * columns). Packing copies A and B, once per block, into exactly that reading order, so the
 * kernel streams through both with unit stride:
 * <pre>
 *   packed A sliver (MR rows):    p=0: a00 a10 a20 a30 | p=1: a01 a11 a21 a31 | ...
 *   packed B sliver (NR columns): p=0: b00 b01 ... b0,NR-1 | p=1: b10 b11 ... | ...
 * </pre>
 * {@link #packA}, {@link #microKernel} and {@link #matmul} are given; {@link #packB} is yours.
 */
public final class Packing {
    private Packing() {
    }

    /**
     * Task 4: packs the block of B with rows {@code [pc, pc+kc)} and columns {@code [jc, jc+nc)}
     * into slivers of {@code nr} columns. Sliver s holds columns {@code jc + s*nr ...}, and
     * <pre>
     *   packed[s*nr*kc + p*nr + j] = B[(pc + p)*ldb + jc + s*nr + j]     for p < kc, j < nr
     * </pre>
     * with 0 where {@code s*nr + j >= nc} (the last sliver is padded with zeros, so the kernel
     * never needs a special case for a ragged edge).
     *
     * <pre>{@code
     * // B = [[1, 2, 3], [4, 5, 6]] (k = 2, n = 3, ldb = 3), all of it, nr = 2:
     * packB(b, 3, 0, 2, 0, 3, 2)   // [1, 2, 4, 5,   3, 0, 6, 0]   (sliver 0, then sliver 1)
     * }</pre>
     *
     * @param b   B, row-major with leading dimension ldb (row p starts at {@code p*ldb})
     * @param pc  first row of the block, kc its number of rows
     * @param jc  first column of the block, nc its number of columns
     * @param nr  columns per sliver
     * @return {@code ceil(nc/nr) * nr * kc} floats
     */
    public static float[] packB(float[] b, int ldb, int pc, int kc, int jc, int nc, int nr) {
        // TODO(task 4): for each sliver s, each p, each j < nr: copy B's element, or 0 past the block's last column.
        throw new UnsupportedOperationException("TODO task 4");
    }

    /**
     * Given: packs rows {@code [ic, ic+mc)}, columns {@code [pc, pc+kc)} of A into slivers of
     * {@code mr} rows: {@code packed[s*mr*kc + p*mr + r] = A[(ic + s*mr + r)*lda + pc + p]},
     * 0 past the block's last row.
     */
    public static float[] packA(float[] a, int lda, int ic, int mc, int pc, int kc, int mr) {
        int slivers = (mc + mr - 1) / mr;
        float[] packed = new float[slivers * mr * kc];
        for (int s = 0; s < slivers; s++) {
            for (int p = 0; p < kc; p++) {
                for (int r = 0; r < mr; r++) {
                    int row = s * mr + r;
                    packed[s * mr * kc + p * mr + r] = row < mc ? a[(ic + row) * lda + pc + p] : 0f;
                }
            }
        }
        return packed;
    }

    /**
     * Given: the micro-kernel, {@code tile[r*nr + j] = Σ_{p<kc} ap[apAt + p*mr + r] · bp[bpAt + p*nr + j]}.
     * Written with scalars for clarity; {@code jgrad.kernels.SgemmMicroKernels} does the same
     * arithmetic with the tile held in vector registers (one broadcast of an A value, one FMA per
     * vector of B).
     */
    public static void microKernel(int kc, float[] ap, int apAt, float[] bp, int bpAt, int mr, int nr, float[] tile) {
        java.util.Arrays.fill(tile, 0, mr * nr, 0f);
        for (int p = 0; p < kc; p++) {
            for (int r = 0; r < mr; r++) {
                float aValue = ap[apAt + p * mr + r];
                for (int j = 0; j < nr; j++) {
                    tile[r * nr + j] += aValue * bp[bpAt + p * nr + j];
                }
            }
        }
    }

    /**
     * Given: {@code C = A·B} (A is m×k, B is k×n, both dense row-major) by the Goto loops, without
     * the cache blocking of rows and columns that the library adds: for each block of {@code kcBlock}
     * rows of B, pack all of B's block (task 4) and all of A's matching columns, then run the
     * micro-kernel on every (A sliver, B sliver) pair and add each tile into C, dropping the
     * zero padding.
     */
    public static float[] matmul(float[] a, float[] b, int m, int k, int n, int mr, int nr, int kcBlock) {
        float[] c = new float[m * n];
        float[] tile = new float[mr * nr];
        for (int pc = 0; pc < k; pc += kcBlock) {
            int kc = Math.min(kcBlock, k - pc);
            float[] packedB = packB(b, n, pc, kc, 0, n, nr);
            float[] packedA = packA(a, k, 0, m, pc, kc, mr);
            for (int js = 0; js * nr < n; js++) {
                for (int is = 0; is * mr < m; is++) {
                    microKernel(kc, packedA, is * mr * kc, packedB, js * nr * kc, mr, nr, tile);
                    for (int r = 0; r < mr && is * mr + r < m; r++) {
                        for (int j = 0; j < nr && js * nr + j < n; j++) {
                            c[(is * mr + r) * n + js * nr + j] += tile[r * nr + j];
                        }
                    }
                }
            }
        }
        return c;
    }
}
