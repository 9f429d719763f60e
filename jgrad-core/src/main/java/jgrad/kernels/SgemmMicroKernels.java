package jgrad.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-blocked micro-kernels for {@link BlockedSgemm}: each computes one {@code MR×NR} tile
 * of C from a packed A sliver ({@code kc×MR}, one column of MR values per step) and a packed
 * B sliver ({@code kc×NR}, one row of NR values per step):
 *
 * <pre>
 *   acc[r][j] = sum_{p<kc} ap[p*MR + r] * bp[p*NR + j]        (p in increasing order)
 *   C[r][j]   = beta == 0 ? acc[r][j] : fma(C[r][j], beta, acc[r][j])
 * </pre>
 *
 * Per step p: load NR/LANES vectors of B, then for each row broadcast one A value and do one
 * FMA per B vector. The accumulators never leave registers inside the p loop: that is the
 * whole trick — NV loads and MR broadcasts feed MR·NV FMAs.
 *
 * <p>The kernels are written out, one named local per accumulator: C2 turns such locals into
 * registers, whereas vectors kept in an array would be heap objects. The final stores are inline too: through a helper method, which C2 did not inline into these
 * large methods, every tile paid a call and a boxed vector per accumulator (82 vs 68 GFLOP/s
 * at N = 1024 after inlining them).
 */
final class SgemmMicroKernels {

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int LANES = S.length();

    /** One tile shape; {@code compute} writes the full MR×NR tile at {@code c[cAt]} with row stride ldc. */
    interface MicroKernel {
        int mr();

        int nr();

        void compute(int kc, float[] ap, int apAt, float[] bp, int bpAt, float[] c, int cAt, int ldc, float beta);

        /** Whether {@link #computeRowMajor} is written for this shape; if not, callers pack A. */
        default boolean readsRowMajorA() {
            return false;
        }

        /**
         * {@link #compute} with the MR rows of A read where they are stored, row-major:
         * {@code A[r][p] = a[aAt + r*lda + p]} instead of a packed sliver. The same products in the
         * same order, so the same bits; it saves the copy of A into a sliver.
         */
        default void computeRowMajor(int kc, float[] a, int aAt, int lda, float[] bp, int bpAt, float[] c, int cAt, int ldc, float beta) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " reads only packed A");
        }
    }

    /**
     * Every shape, for the tests and the shape benchmark; {@link SgemmBlocking#table} holds the
     * measured choice per vector width and register count. 32-register shapes first (AVX-512, NEON),
     * then 16-register ones (AVX2).
     */
    static final java.util.List<MicroKernel> ALL = java.util.List.of(
            new Kernel12x2V(), new Kernel8x3V(), new Kernel6x4V(),
            new Kernel6x2V(), new Kernel4x3V(), new Kernel5x2V(), new Kernel4x2V(), new Kernel3x3V(), new Kernel2x4V());

    private SgemmMicroKernels() {
    }

    /** 12 rows × 2 vectors: 24 accumulators + 2 B vectors + 1 broadcast live in registers. */
    static final class Kernel12x2V implements MicroKernel {
        @Override public int mr() { return 12; }
        @Override public int nr() { return 2 * LANES; }

        @Override
        public void compute(int kc, float[] ap, int apAt, float[] bp, int bpAt, float[] c, int cAt, int ldc, float beta) {
            FloatVector c00 = FloatVector.zero(S); FloatVector c01 = FloatVector.zero(S);
            FloatVector c10 = FloatVector.zero(S); FloatVector c11 = FloatVector.zero(S);
            FloatVector c20 = FloatVector.zero(S); FloatVector c21 = FloatVector.zero(S);
            FloatVector c30 = FloatVector.zero(S); FloatVector c31 = FloatVector.zero(S);
            FloatVector c40 = FloatVector.zero(S); FloatVector c41 = FloatVector.zero(S);
            FloatVector c50 = FloatVector.zero(S); FloatVector c51 = FloatVector.zero(S);
            FloatVector c60 = FloatVector.zero(S); FloatVector c61 = FloatVector.zero(S);
            FloatVector c70 = FloatVector.zero(S); FloatVector c71 = FloatVector.zero(S);
            FloatVector c80 = FloatVector.zero(S); FloatVector c81 = FloatVector.zero(S);
            FloatVector c90 = FloatVector.zero(S); FloatVector c91 = FloatVector.zero(S);
            FloatVector c100 = FloatVector.zero(S); FloatVector c101 = FloatVector.zero(S);
            FloatVector c110 = FloatVector.zero(S); FloatVector c111 = FloatVector.zero(S);
            for (int p = 0; p < kc; p++) {
                int aAt = apAt + p * 12;
                int bAt = bpAt + p * 2 * LANES;
                FloatVector b0 = FloatVector.fromArray(S, bp, bAt);
                FloatVector b1 = FloatVector.fromArray(S, bp, bAt + LANES);
                FloatVector a0 = FloatVector.broadcast(S, ap[aAt + 0]);
                c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01);
                FloatVector a1 = FloatVector.broadcast(S, ap[aAt + 1]);
                c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11);
                FloatVector a2 = FloatVector.broadcast(S, ap[aAt + 2]);
                c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21);
                FloatVector a3 = FloatVector.broadcast(S, ap[aAt + 3]);
                c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31);
                FloatVector a4 = FloatVector.broadcast(S, ap[aAt + 4]);
                c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41);
                FloatVector a5 = FloatVector.broadcast(S, ap[aAt + 5]);
                c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51);
                FloatVector a6 = FloatVector.broadcast(S, ap[aAt + 6]);
                c60 = a6.fma(b0, c60); c61 = a6.fma(b1, c61);
                FloatVector a7 = FloatVector.broadcast(S, ap[aAt + 7]);
                c70 = a7.fma(b0, c70); c71 = a7.fma(b1, c71);
                FloatVector a8 = FloatVector.broadcast(S, ap[aAt + 8]);
                c80 = a8.fma(b0, c80); c81 = a8.fma(b1, c81);
                FloatVector a9 = FloatVector.broadcast(S, ap[aAt + 9]);
                c90 = a9.fma(b0, c90); c91 = a9.fma(b1, c91);
                FloatVector a10 = FloatVector.broadcast(S, ap[aAt + 10]);
                c100 = a10.fma(b0, c100); c101 = a10.fma(b1, c101);
                FloatVector a11 = FloatVector.broadcast(S, ap[aAt + 11]);
                c110 = a11.fma(b0, c110); c111 = a11.fma(b1, c111);
            }
            if (beta == 0f) {
                c00.intoArray(c, cAt); c01.intoArray(c, cAt + LANES);
                c10.intoArray(c, cAt + ldc); c11.intoArray(c, cAt + ldc + LANES);
                c20.intoArray(c, cAt + 2 * ldc); c21.intoArray(c, cAt + 2 * ldc + LANES);
                c30.intoArray(c, cAt + 3 * ldc); c31.intoArray(c, cAt + 3 * ldc + LANES);
                c40.intoArray(c, cAt + 4 * ldc); c41.intoArray(c, cAt + 4 * ldc + LANES);
                c50.intoArray(c, cAt + 5 * ldc); c51.intoArray(c, cAt + 5 * ldc + LANES);
                c60.intoArray(c, cAt + 6 * ldc); c61.intoArray(c, cAt + 6 * ldc + LANES);
                c70.intoArray(c, cAt + 7 * ldc); c71.intoArray(c, cAt + 7 * ldc + LANES);
                c80.intoArray(c, cAt + 8 * ldc); c81.intoArray(c, cAt + 8 * ldc + LANES);
                c90.intoArray(c, cAt + 9 * ldc); c91.intoArray(c, cAt + 9 * ldc + LANES);
                c100.intoArray(c, cAt + 10 * ldc); c101.intoArray(c, cAt + 10 * ldc + LANES);
                c110.intoArray(c, cAt + 11 * ldc); c111.intoArray(c, cAt + 11 * ldc + LANES);
            } else {
                FloatVector betas = FloatVector.broadcast(S, beta);
                FloatVector.fromArray(S, c, cAt).fma(betas, c00).intoArray(c, cAt);
                FloatVector.fromArray(S, c, cAt + LANES).fma(betas, c01).intoArray(c, cAt + LANES);
                FloatVector.fromArray(S, c, cAt + ldc).fma(betas, c10).intoArray(c, cAt + ldc);
                FloatVector.fromArray(S, c, cAt + ldc + LANES).fma(betas, c11).intoArray(c, cAt + ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 2 * ldc).fma(betas, c20).intoArray(c, cAt + 2 * ldc);
                FloatVector.fromArray(S, c, cAt + 2 * ldc + LANES).fma(betas, c21).intoArray(c, cAt + 2 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 3 * ldc).fma(betas, c30).intoArray(c, cAt + 3 * ldc);
                FloatVector.fromArray(S, c, cAt + 3 * ldc + LANES).fma(betas, c31).intoArray(c, cAt + 3 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 4 * ldc).fma(betas, c40).intoArray(c, cAt + 4 * ldc);
                FloatVector.fromArray(S, c, cAt + 4 * ldc + LANES).fma(betas, c41).intoArray(c, cAt + 4 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 5 * ldc).fma(betas, c50).intoArray(c, cAt + 5 * ldc);
                FloatVector.fromArray(S, c, cAt + 5 * ldc + LANES).fma(betas, c51).intoArray(c, cAt + 5 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 6 * ldc).fma(betas, c60).intoArray(c, cAt + 6 * ldc);
                FloatVector.fromArray(S, c, cAt + 6 * ldc + LANES).fma(betas, c61).intoArray(c, cAt + 6 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 7 * ldc).fma(betas, c70).intoArray(c, cAt + 7 * ldc);
                FloatVector.fromArray(S, c, cAt + 7 * ldc + LANES).fma(betas, c71).intoArray(c, cAt + 7 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 8 * ldc).fma(betas, c80).intoArray(c, cAt + 8 * ldc);
                FloatVector.fromArray(S, c, cAt + 8 * ldc + LANES).fma(betas, c81).intoArray(c, cAt + 8 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 9 * ldc).fma(betas, c90).intoArray(c, cAt + 9 * ldc);
                FloatVector.fromArray(S, c, cAt + 9 * ldc + LANES).fma(betas, c91).intoArray(c, cAt + 9 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 10 * ldc).fma(betas, c100).intoArray(c, cAt + 10 * ldc);
                FloatVector.fromArray(S, c, cAt + 10 * ldc + LANES).fma(betas, c101).intoArray(c, cAt + 10 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 11 * ldc).fma(betas, c110).intoArray(c, cAt + 11 * ldc);
                FloatVector.fromArray(S, c, cAt + 11 * ldc + LANES).fma(betas, c111).intoArray(c, cAt + 11 * ldc + LANES);
            }
        }

        @Override public boolean readsRowMajorA() { return true; }

        @Override
        public void computeRowMajor(int kc, float[] a, int aAt, int lda, float[] bp, int bpAt, float[] c, int cAt, int ldc, float beta) {
            FloatVector c00 = FloatVector.zero(S); FloatVector c01 = FloatVector.zero(S);
            FloatVector c10 = FloatVector.zero(S); FloatVector c11 = FloatVector.zero(S);
            FloatVector c20 = FloatVector.zero(S); FloatVector c21 = FloatVector.zero(S);
            FloatVector c30 = FloatVector.zero(S); FloatVector c31 = FloatVector.zero(S);
            FloatVector c40 = FloatVector.zero(S); FloatVector c41 = FloatVector.zero(S);
            FloatVector c50 = FloatVector.zero(S); FloatVector c51 = FloatVector.zero(S);
            FloatVector c60 = FloatVector.zero(S); FloatVector c61 = FloatVector.zero(S);
            FloatVector c70 = FloatVector.zero(S); FloatVector c71 = FloatVector.zero(S);
            FloatVector c80 = FloatVector.zero(S); FloatVector c81 = FloatVector.zero(S);
            FloatVector c90 = FloatVector.zero(S); FloatVector c91 = FloatVector.zero(S);
            FloatVector c100 = FloatVector.zero(S); FloatVector c101 = FloatVector.zero(S);
            FloatVector c110 = FloatVector.zero(S); FloatVector c111 = FloatVector.zero(S);
            int row0 = aAt, row1 = aAt + lda, row2 = aAt + 2 * lda, row3 = aAt + 3 * lda;
            int row4 = aAt + 4 * lda, row5 = aAt + 5 * lda, row6 = aAt + 6 * lda, row7 = aAt + 7 * lda;
            int row8 = aAt + 8 * lda, row9 = aAt + 9 * lda, row10 = aAt + 10 * lda, row11 = aAt + 11 * lda;
            for (int p = 0; p < kc; p++) {
                int bAt = bpAt + p * 2 * LANES;
                FloatVector b0 = FloatVector.fromArray(S, bp, bAt);
                FloatVector b1 = FloatVector.fromArray(S, bp, bAt + LANES);
                FloatVector a0 = FloatVector.broadcast(S, a[row0 + p]);
                c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01);
                FloatVector a1 = FloatVector.broadcast(S, a[row1 + p]);
                c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11);
                FloatVector a2 = FloatVector.broadcast(S, a[row2 + p]);
                c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21);
                FloatVector a3 = FloatVector.broadcast(S, a[row3 + p]);
                c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31);
                FloatVector a4 = FloatVector.broadcast(S, a[row4 + p]);
                c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41);
                FloatVector a5 = FloatVector.broadcast(S, a[row5 + p]);
                c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51);
                FloatVector a6 = FloatVector.broadcast(S, a[row6 + p]);
                c60 = a6.fma(b0, c60); c61 = a6.fma(b1, c61);
                FloatVector a7 = FloatVector.broadcast(S, a[row7 + p]);
                c70 = a7.fma(b0, c70); c71 = a7.fma(b1, c71);
                FloatVector a8 = FloatVector.broadcast(S, a[row8 + p]);
                c80 = a8.fma(b0, c80); c81 = a8.fma(b1, c81);
                FloatVector a9 = FloatVector.broadcast(S, a[row9 + p]);
                c90 = a9.fma(b0, c90); c91 = a9.fma(b1, c91);
                FloatVector a10 = FloatVector.broadcast(S, a[row10 + p]);
                c100 = a10.fma(b0, c100); c101 = a10.fma(b1, c101);
                FloatVector a11 = FloatVector.broadcast(S, a[row11 + p]);
                c110 = a11.fma(b0, c110); c111 = a11.fma(b1, c111);
            }
            if (beta == 0f) {
                c00.intoArray(c, cAt); c01.intoArray(c, cAt + LANES);
                c10.intoArray(c, cAt + ldc); c11.intoArray(c, cAt + ldc + LANES);
                c20.intoArray(c, cAt + 2 * ldc); c21.intoArray(c, cAt + 2 * ldc + LANES);
                c30.intoArray(c, cAt + 3 * ldc); c31.intoArray(c, cAt + 3 * ldc + LANES);
                c40.intoArray(c, cAt + 4 * ldc); c41.intoArray(c, cAt + 4 * ldc + LANES);
                c50.intoArray(c, cAt + 5 * ldc); c51.intoArray(c, cAt + 5 * ldc + LANES);
                c60.intoArray(c, cAt + 6 * ldc); c61.intoArray(c, cAt + 6 * ldc + LANES);
                c70.intoArray(c, cAt + 7 * ldc); c71.intoArray(c, cAt + 7 * ldc + LANES);
                c80.intoArray(c, cAt + 8 * ldc); c81.intoArray(c, cAt + 8 * ldc + LANES);
                c90.intoArray(c, cAt + 9 * ldc); c91.intoArray(c, cAt + 9 * ldc + LANES);
                c100.intoArray(c, cAt + 10 * ldc); c101.intoArray(c, cAt + 10 * ldc + LANES);
                c110.intoArray(c, cAt + 11 * ldc); c111.intoArray(c, cAt + 11 * ldc + LANES);
            } else {
                FloatVector betas = FloatVector.broadcast(S, beta);
                FloatVector.fromArray(S, c, cAt).fma(betas, c00).intoArray(c, cAt);
                FloatVector.fromArray(S, c, cAt + LANES).fma(betas, c01).intoArray(c, cAt + LANES);
                FloatVector.fromArray(S, c, cAt + ldc).fma(betas, c10).intoArray(c, cAt + ldc);
                FloatVector.fromArray(S, c, cAt + ldc + LANES).fma(betas, c11).intoArray(c, cAt + ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 2 * ldc).fma(betas, c20).intoArray(c, cAt + 2 * ldc);
                FloatVector.fromArray(S, c, cAt + 2 * ldc + LANES).fma(betas, c21).intoArray(c, cAt + 2 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 3 * ldc).fma(betas, c30).intoArray(c, cAt + 3 * ldc);
                FloatVector.fromArray(S, c, cAt + 3 * ldc + LANES).fma(betas, c31).intoArray(c, cAt + 3 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 4 * ldc).fma(betas, c40).intoArray(c, cAt + 4 * ldc);
                FloatVector.fromArray(S, c, cAt + 4 * ldc + LANES).fma(betas, c41).intoArray(c, cAt + 4 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 5 * ldc).fma(betas, c50).intoArray(c, cAt + 5 * ldc);
                FloatVector.fromArray(S, c, cAt + 5 * ldc + LANES).fma(betas, c51).intoArray(c, cAt + 5 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 6 * ldc).fma(betas, c60).intoArray(c, cAt + 6 * ldc);
                FloatVector.fromArray(S, c, cAt + 6 * ldc + LANES).fma(betas, c61).intoArray(c, cAt + 6 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 7 * ldc).fma(betas, c70).intoArray(c, cAt + 7 * ldc);
                FloatVector.fromArray(S, c, cAt + 7 * ldc + LANES).fma(betas, c71).intoArray(c, cAt + 7 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 8 * ldc).fma(betas, c80).intoArray(c, cAt + 8 * ldc);
                FloatVector.fromArray(S, c, cAt + 8 * ldc + LANES).fma(betas, c81).intoArray(c, cAt + 8 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 9 * ldc).fma(betas, c90).intoArray(c, cAt + 9 * ldc);
                FloatVector.fromArray(S, c, cAt + 9 * ldc + LANES).fma(betas, c91).intoArray(c, cAt + 9 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 10 * ldc).fma(betas, c100).intoArray(c, cAt + 10 * ldc);
                FloatVector.fromArray(S, c, cAt + 10 * ldc + LANES).fma(betas, c101).intoArray(c, cAt + 10 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 11 * ldc).fma(betas, c110).intoArray(c, cAt + 11 * ldc);
                FloatVector.fromArray(S, c, cAt + 11 * ldc + LANES).fma(betas, c111).intoArray(c, cAt + 11 * ldc + LANES);
            }
        }
    }

    /** 8 rows × 3 vectors: 24 accumulators + 3 B vectors + 1 broadcast live in registers. */
    static final class Kernel8x3V implements MicroKernel {
        @Override public int mr() { return 8; }
        @Override public int nr() { return 3 * LANES; }

        @Override
        public void compute(int kc, float[] ap, int apAt, float[] bp, int bpAt, float[] c, int cAt, int ldc, float beta) {
            FloatVector c00 = FloatVector.zero(S); FloatVector c01 = FloatVector.zero(S); FloatVector c02 = FloatVector.zero(S);
            FloatVector c10 = FloatVector.zero(S); FloatVector c11 = FloatVector.zero(S); FloatVector c12 = FloatVector.zero(S);
            FloatVector c20 = FloatVector.zero(S); FloatVector c21 = FloatVector.zero(S); FloatVector c22 = FloatVector.zero(S);
            FloatVector c30 = FloatVector.zero(S); FloatVector c31 = FloatVector.zero(S); FloatVector c32 = FloatVector.zero(S);
            FloatVector c40 = FloatVector.zero(S); FloatVector c41 = FloatVector.zero(S); FloatVector c42 = FloatVector.zero(S);
            FloatVector c50 = FloatVector.zero(S); FloatVector c51 = FloatVector.zero(S); FloatVector c52 = FloatVector.zero(S);
            FloatVector c60 = FloatVector.zero(S); FloatVector c61 = FloatVector.zero(S); FloatVector c62 = FloatVector.zero(S);
            FloatVector c70 = FloatVector.zero(S); FloatVector c71 = FloatVector.zero(S); FloatVector c72 = FloatVector.zero(S);
            for (int p = 0; p < kc; p++) {
                int aAt = apAt + p * 8;
                int bAt = bpAt + p * 3 * LANES;
                FloatVector b0 = FloatVector.fromArray(S, bp, bAt);
                FloatVector b1 = FloatVector.fromArray(S, bp, bAt + LANES);
                FloatVector b2 = FloatVector.fromArray(S, bp, bAt + 2 * LANES);
                FloatVector a0 = FloatVector.broadcast(S, ap[aAt + 0]);
                c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01); c02 = a0.fma(b2, c02);
                FloatVector a1 = FloatVector.broadcast(S, ap[aAt + 1]);
                c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11); c12 = a1.fma(b2, c12);
                FloatVector a2 = FloatVector.broadcast(S, ap[aAt + 2]);
                c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21); c22 = a2.fma(b2, c22);
                FloatVector a3 = FloatVector.broadcast(S, ap[aAt + 3]);
                c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31); c32 = a3.fma(b2, c32);
                FloatVector a4 = FloatVector.broadcast(S, ap[aAt + 4]);
                c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41); c42 = a4.fma(b2, c42);
                FloatVector a5 = FloatVector.broadcast(S, ap[aAt + 5]);
                c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51); c52 = a5.fma(b2, c52);
                FloatVector a6 = FloatVector.broadcast(S, ap[aAt + 6]);
                c60 = a6.fma(b0, c60); c61 = a6.fma(b1, c61); c62 = a6.fma(b2, c62);
                FloatVector a7 = FloatVector.broadcast(S, ap[aAt + 7]);
                c70 = a7.fma(b0, c70); c71 = a7.fma(b1, c71); c72 = a7.fma(b2, c72);
            }
            if (beta == 0f) {
                c00.intoArray(c, cAt); c01.intoArray(c, cAt + LANES); c02.intoArray(c, cAt + 2 * LANES);
                c10.intoArray(c, cAt + ldc); c11.intoArray(c, cAt + ldc + LANES); c12.intoArray(c, cAt + ldc + 2 * LANES);
                c20.intoArray(c, cAt + 2 * ldc); c21.intoArray(c, cAt + 2 * ldc + LANES); c22.intoArray(c, cAt + 2 * ldc + 2 * LANES);
                c30.intoArray(c, cAt + 3 * ldc); c31.intoArray(c, cAt + 3 * ldc + LANES); c32.intoArray(c, cAt + 3 * ldc + 2 * LANES);
                c40.intoArray(c, cAt + 4 * ldc); c41.intoArray(c, cAt + 4 * ldc + LANES); c42.intoArray(c, cAt + 4 * ldc + 2 * LANES);
                c50.intoArray(c, cAt + 5 * ldc); c51.intoArray(c, cAt + 5 * ldc + LANES); c52.intoArray(c, cAt + 5 * ldc + 2 * LANES);
                c60.intoArray(c, cAt + 6 * ldc); c61.intoArray(c, cAt + 6 * ldc + LANES); c62.intoArray(c, cAt + 6 * ldc + 2 * LANES);
                c70.intoArray(c, cAt + 7 * ldc); c71.intoArray(c, cAt + 7 * ldc + LANES); c72.intoArray(c, cAt + 7 * ldc + 2 * LANES);
            } else {
                FloatVector betas = FloatVector.broadcast(S, beta);
                FloatVector.fromArray(S, c, cAt).fma(betas, c00).intoArray(c, cAt);
                FloatVector.fromArray(S, c, cAt + LANES).fma(betas, c01).intoArray(c, cAt + LANES);
                FloatVector.fromArray(S, c, cAt + 2 * LANES).fma(betas, c02).intoArray(c, cAt + 2 * LANES);
                FloatVector.fromArray(S, c, cAt + ldc).fma(betas, c10).intoArray(c, cAt + ldc);
                FloatVector.fromArray(S, c, cAt + ldc + LANES).fma(betas, c11).intoArray(c, cAt + ldc + LANES);
                FloatVector.fromArray(S, c, cAt + ldc + 2 * LANES).fma(betas, c12).intoArray(c, cAt + ldc + 2 * LANES);
                FloatVector.fromArray(S, c, cAt + 2 * ldc).fma(betas, c20).intoArray(c, cAt + 2 * ldc);
                FloatVector.fromArray(S, c, cAt + 2 * ldc + LANES).fma(betas, c21).intoArray(c, cAt + 2 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 2 * ldc + 2 * LANES).fma(betas, c22).intoArray(c, cAt + 2 * ldc + 2 * LANES);
                FloatVector.fromArray(S, c, cAt + 3 * ldc).fma(betas, c30).intoArray(c, cAt + 3 * ldc);
                FloatVector.fromArray(S, c, cAt + 3 * ldc + LANES).fma(betas, c31).intoArray(c, cAt + 3 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 3 * ldc + 2 * LANES).fma(betas, c32).intoArray(c, cAt + 3 * ldc + 2 * LANES);
                FloatVector.fromArray(S, c, cAt + 4 * ldc).fma(betas, c40).intoArray(c, cAt + 4 * ldc);
                FloatVector.fromArray(S, c, cAt + 4 * ldc + LANES).fma(betas, c41).intoArray(c, cAt + 4 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 4 * ldc + 2 * LANES).fma(betas, c42).intoArray(c, cAt + 4 * ldc + 2 * LANES);
                FloatVector.fromArray(S, c, cAt + 5 * ldc).fma(betas, c50).intoArray(c, cAt + 5 * ldc);
                FloatVector.fromArray(S, c, cAt + 5 * ldc + LANES).fma(betas, c51).intoArray(c, cAt + 5 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 5 * ldc + 2 * LANES).fma(betas, c52).intoArray(c, cAt + 5 * ldc + 2 * LANES);
                FloatVector.fromArray(S, c, cAt + 6 * ldc).fma(betas, c60).intoArray(c, cAt + 6 * ldc);
                FloatVector.fromArray(S, c, cAt + 6 * ldc + LANES).fma(betas, c61).intoArray(c, cAt + 6 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 6 * ldc + 2 * LANES).fma(betas, c62).intoArray(c, cAt + 6 * ldc + 2 * LANES);
                FloatVector.fromArray(S, c, cAt + 7 * ldc).fma(betas, c70).intoArray(c, cAt + 7 * ldc);
                FloatVector.fromArray(S, c, cAt + 7 * ldc + LANES).fma(betas, c71).intoArray(c, cAt + 7 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 7 * ldc + 2 * LANES).fma(betas, c72).intoArray(c, cAt + 7 * ldc + 2 * LANES);
            }
        }
    }

    /** 6 rows × 2 vectors: 12 accumulators + 2 B vectors + 1 broadcast live in registers. */
    static final class Kernel6x2V implements MicroKernel {
        @Override public int mr() { return 6; }
        @Override public int nr() { return 2 * LANES; }

        @Override
        public void compute(int kc, float[] ap, int apAt, float[] bp, int bpAt, float[] c, int cAt, int ldc, float beta) {
            FloatVector c00 = FloatVector.zero(S); FloatVector c01 = FloatVector.zero(S);
            FloatVector c10 = FloatVector.zero(S); FloatVector c11 = FloatVector.zero(S);
            FloatVector c20 = FloatVector.zero(S); FloatVector c21 = FloatVector.zero(S);
            FloatVector c30 = FloatVector.zero(S); FloatVector c31 = FloatVector.zero(S);
            FloatVector c40 = FloatVector.zero(S); FloatVector c41 = FloatVector.zero(S);
            FloatVector c50 = FloatVector.zero(S); FloatVector c51 = FloatVector.zero(S);
            for (int p = 0; p < kc; p++) {
                int aAt = apAt + p * 6;
                int bAt = bpAt + p * 2 * LANES;
                FloatVector b0 = FloatVector.fromArray(S, bp, bAt);
                FloatVector b1 = FloatVector.fromArray(S, bp, bAt + LANES);
                FloatVector a0 = FloatVector.broadcast(S, ap[aAt + 0]);
                c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01);
                FloatVector a1 = FloatVector.broadcast(S, ap[aAt + 1]);
                c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11);
                FloatVector a2 = FloatVector.broadcast(S, ap[aAt + 2]);
                c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21);
                FloatVector a3 = FloatVector.broadcast(S, ap[aAt + 3]);
                c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31);
                FloatVector a4 = FloatVector.broadcast(S, ap[aAt + 4]);
                c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41);
                FloatVector a5 = FloatVector.broadcast(S, ap[aAt + 5]);
                c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51);
            }
            if (beta == 0f) {
                c00.intoArray(c, cAt); c01.intoArray(c, cAt + LANES);
                c10.intoArray(c, cAt + ldc); c11.intoArray(c, cAt + ldc + LANES);
                c20.intoArray(c, cAt + 2 * ldc); c21.intoArray(c, cAt + 2 * ldc + LANES);
                c30.intoArray(c, cAt + 3 * ldc); c31.intoArray(c, cAt + 3 * ldc + LANES);
                c40.intoArray(c, cAt + 4 * ldc); c41.intoArray(c, cAt + 4 * ldc + LANES);
                c50.intoArray(c, cAt + 5 * ldc); c51.intoArray(c, cAt + 5 * ldc + LANES);
            } else {
                FloatVector betas = FloatVector.broadcast(S, beta);
                FloatVector.fromArray(S, c, cAt).fma(betas, c00).intoArray(c, cAt);
                FloatVector.fromArray(S, c, cAt + LANES).fma(betas, c01).intoArray(c, cAt + LANES);
                FloatVector.fromArray(S, c, cAt + ldc).fma(betas, c10).intoArray(c, cAt + ldc);
                FloatVector.fromArray(S, c, cAt + ldc + LANES).fma(betas, c11).intoArray(c, cAt + ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 2 * ldc).fma(betas, c20).intoArray(c, cAt + 2 * ldc);
                FloatVector.fromArray(S, c, cAt + 2 * ldc + LANES).fma(betas, c21).intoArray(c, cAt + 2 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 3 * ldc).fma(betas, c30).intoArray(c, cAt + 3 * ldc);
                FloatVector.fromArray(S, c, cAt + 3 * ldc + LANES).fma(betas, c31).intoArray(c, cAt + 3 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 4 * ldc).fma(betas, c40).intoArray(c, cAt + 4 * ldc);
                FloatVector.fromArray(S, c, cAt + 4 * ldc + LANES).fma(betas, c41).intoArray(c, cAt + 4 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 5 * ldc).fma(betas, c50).intoArray(c, cAt + 5 * ldc);
                FloatVector.fromArray(S, c, cAt + 5 * ldc + LANES).fma(betas, c51).intoArray(c, cAt + 5 * ldc + LANES);
            }
        }
    }

    /** 4 rows × 3 vectors: 12 accumulators + 3 B vectors + 1 broadcast live in registers. */
    static final class Kernel4x3V implements MicroKernel {
        @Override public int mr() { return 4; }
        @Override public int nr() { return 3 * LANES; }

        @Override
        public void compute(int kc, float[] ap, int apAt, float[] bp, int bpAt, float[] c, int cAt, int ldc, float beta) {
            FloatVector c00 = FloatVector.zero(S); FloatVector c01 = FloatVector.zero(S); FloatVector c02 = FloatVector.zero(S);
            FloatVector c10 = FloatVector.zero(S); FloatVector c11 = FloatVector.zero(S); FloatVector c12 = FloatVector.zero(S);
            FloatVector c20 = FloatVector.zero(S); FloatVector c21 = FloatVector.zero(S); FloatVector c22 = FloatVector.zero(S);
            FloatVector c30 = FloatVector.zero(S); FloatVector c31 = FloatVector.zero(S); FloatVector c32 = FloatVector.zero(S);
            for (int p = 0; p < kc; p++) {
                int aAt = apAt + p * 4;
                int bAt = bpAt + p * 3 * LANES;
                FloatVector b0 = FloatVector.fromArray(S, bp, bAt);
                FloatVector b1 = FloatVector.fromArray(S, bp, bAt + LANES);
                FloatVector b2 = FloatVector.fromArray(S, bp, bAt + 2 * LANES);
                FloatVector a0 = FloatVector.broadcast(S, ap[aAt + 0]);
                c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01); c02 = a0.fma(b2, c02);
                FloatVector a1 = FloatVector.broadcast(S, ap[aAt + 1]);
                c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11); c12 = a1.fma(b2, c12);
                FloatVector a2 = FloatVector.broadcast(S, ap[aAt + 2]);
                c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21); c22 = a2.fma(b2, c22);
                FloatVector a3 = FloatVector.broadcast(S, ap[aAt + 3]);
                c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31); c32 = a3.fma(b2, c32);
            }
            if (beta == 0f) {
                c00.intoArray(c, cAt); c01.intoArray(c, cAt + LANES); c02.intoArray(c, cAt + 2 * LANES);
                c10.intoArray(c, cAt + ldc); c11.intoArray(c, cAt + ldc + LANES); c12.intoArray(c, cAt + ldc + 2 * LANES);
                c20.intoArray(c, cAt + 2 * ldc); c21.intoArray(c, cAt + 2 * ldc + LANES); c22.intoArray(c, cAt + 2 * ldc + 2 * LANES);
                c30.intoArray(c, cAt + 3 * ldc); c31.intoArray(c, cAt + 3 * ldc + LANES); c32.intoArray(c, cAt + 3 * ldc + 2 * LANES);
            } else {
                FloatVector betas = FloatVector.broadcast(S, beta);
                FloatVector.fromArray(S, c, cAt).fma(betas, c00).intoArray(c, cAt);
                FloatVector.fromArray(S, c, cAt + LANES).fma(betas, c01).intoArray(c, cAt + LANES);
                FloatVector.fromArray(S, c, cAt + 2 * LANES).fma(betas, c02).intoArray(c, cAt + 2 * LANES);
                FloatVector.fromArray(S, c, cAt + ldc).fma(betas, c10).intoArray(c, cAt + ldc);
                FloatVector.fromArray(S, c, cAt + ldc + LANES).fma(betas, c11).intoArray(c, cAt + ldc + LANES);
                FloatVector.fromArray(S, c, cAt + ldc + 2 * LANES).fma(betas, c12).intoArray(c, cAt + ldc + 2 * LANES);
                FloatVector.fromArray(S, c, cAt + 2 * ldc).fma(betas, c20).intoArray(c, cAt + 2 * ldc);
                FloatVector.fromArray(S, c, cAt + 2 * ldc + LANES).fma(betas, c21).intoArray(c, cAt + 2 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 2 * ldc + 2 * LANES).fma(betas, c22).intoArray(c, cAt + 2 * ldc + 2 * LANES);
                FloatVector.fromArray(S, c, cAt + 3 * ldc).fma(betas, c30).intoArray(c, cAt + 3 * ldc);
                FloatVector.fromArray(S, c, cAt + 3 * ldc + LANES).fma(betas, c31).intoArray(c, cAt + 3 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 3 * ldc + 2 * LANES).fma(betas, c32).intoArray(c, cAt + 3 * ldc + 2 * LANES);
            }
        }
    }

    /** 6 rows × 4 vectors: 24 accumulators + 4 B vectors + 1 broadcast: a 32-register shape, as 12×2 but fewer broadcasts per FMA. */
    static final class Kernel6x4V implements MicroKernel {
        @Override public int mr() { return 6; }
        @Override public int nr() { return 4 * LANES; }

        @Override
        public void compute(int kc, float[] ap, int apAt, float[] bp, int bpAt, float[] c, int cAt, int ldc, float beta) {
            FloatVector c00 = FloatVector.zero(S); FloatVector c01 = FloatVector.zero(S); FloatVector c02 = FloatVector.zero(S); FloatVector c03 = FloatVector.zero(S);
            FloatVector c10 = FloatVector.zero(S); FloatVector c11 = FloatVector.zero(S); FloatVector c12 = FloatVector.zero(S); FloatVector c13 = FloatVector.zero(S);
            FloatVector c20 = FloatVector.zero(S); FloatVector c21 = FloatVector.zero(S); FloatVector c22 = FloatVector.zero(S); FloatVector c23 = FloatVector.zero(S);
            FloatVector c30 = FloatVector.zero(S); FloatVector c31 = FloatVector.zero(S); FloatVector c32 = FloatVector.zero(S); FloatVector c33 = FloatVector.zero(S);
            FloatVector c40 = FloatVector.zero(S); FloatVector c41 = FloatVector.zero(S); FloatVector c42 = FloatVector.zero(S); FloatVector c43 = FloatVector.zero(S);
            FloatVector c50 = FloatVector.zero(S); FloatVector c51 = FloatVector.zero(S); FloatVector c52 = FloatVector.zero(S); FloatVector c53 = FloatVector.zero(S);
            for (int p = 0; p < kc; p++) {
                int aAt = apAt + p * 6;
                int bAt = bpAt + p * 4 * LANES;
                FloatVector b0 = FloatVector.fromArray(S, bp, bAt);
                FloatVector b1 = FloatVector.fromArray(S, bp, bAt + LANES);
                FloatVector b2 = FloatVector.fromArray(S, bp, bAt + 2 * LANES);
                FloatVector b3 = FloatVector.fromArray(S, bp, bAt + 3 * LANES);
                FloatVector a0 = FloatVector.broadcast(S, ap[aAt + 0]);
                c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01); c02 = a0.fma(b2, c02); c03 = a0.fma(b3, c03);
                FloatVector a1 = FloatVector.broadcast(S, ap[aAt + 1]);
                c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11); c12 = a1.fma(b2, c12); c13 = a1.fma(b3, c13);
                FloatVector a2 = FloatVector.broadcast(S, ap[aAt + 2]);
                c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21); c22 = a2.fma(b2, c22); c23 = a2.fma(b3, c23);
                FloatVector a3 = FloatVector.broadcast(S, ap[aAt + 3]);
                c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31); c32 = a3.fma(b2, c32); c33 = a3.fma(b3, c33);
                FloatVector a4 = FloatVector.broadcast(S, ap[aAt + 4]);
                c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41); c42 = a4.fma(b2, c42); c43 = a4.fma(b3, c43);
                FloatVector a5 = FloatVector.broadcast(S, ap[aAt + 5]);
                c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51); c52 = a5.fma(b2, c52); c53 = a5.fma(b3, c53);
            }
            if (beta == 0f) {
                c00.intoArray(c, cAt); c01.intoArray(c, cAt + LANES); c02.intoArray(c, cAt + 2 * LANES); c03.intoArray(c, cAt + 3 * LANES);
                c10.intoArray(c, cAt + ldc); c11.intoArray(c, cAt + ldc + LANES); c12.intoArray(c, cAt + ldc + 2 * LANES); c13.intoArray(c, cAt + ldc + 3 * LANES);
                c20.intoArray(c, cAt + 2 * ldc); c21.intoArray(c, cAt + 2 * ldc + LANES); c22.intoArray(c, cAt + 2 * ldc + 2 * LANES); c23.intoArray(c, cAt + 2 * ldc + 3 * LANES);
                c30.intoArray(c, cAt + 3 * ldc); c31.intoArray(c, cAt + 3 * ldc + LANES); c32.intoArray(c, cAt + 3 * ldc + 2 * LANES); c33.intoArray(c, cAt + 3 * ldc + 3 * LANES);
                c40.intoArray(c, cAt + 4 * ldc); c41.intoArray(c, cAt + 4 * ldc + LANES); c42.intoArray(c, cAt + 4 * ldc + 2 * LANES); c43.intoArray(c, cAt + 4 * ldc + 3 * LANES);
                c50.intoArray(c, cAt + 5 * ldc); c51.intoArray(c, cAt + 5 * ldc + LANES); c52.intoArray(c, cAt + 5 * ldc + 2 * LANES); c53.intoArray(c, cAt + 5 * ldc + 3 * LANES);
            } else {
                FloatVector betas = FloatVector.broadcast(S, beta);
                FloatVector.fromArray(S, c, cAt).fma(betas, c00).intoArray(c, cAt);
                FloatVector.fromArray(S, c, cAt + LANES).fma(betas, c01).intoArray(c, cAt + LANES);
                FloatVector.fromArray(S, c, cAt + 2 * LANES).fma(betas, c02).intoArray(c, cAt + 2 * LANES);
                FloatVector.fromArray(S, c, cAt + 3 * LANES).fma(betas, c03).intoArray(c, cAt + 3 * LANES);
                FloatVector.fromArray(S, c, cAt + ldc).fma(betas, c10).intoArray(c, cAt + ldc);
                FloatVector.fromArray(S, c, cAt + ldc + LANES).fma(betas, c11).intoArray(c, cAt + ldc + LANES);
                FloatVector.fromArray(S, c, cAt + ldc + 2 * LANES).fma(betas, c12).intoArray(c, cAt + ldc + 2 * LANES);
                FloatVector.fromArray(S, c, cAt + ldc + 3 * LANES).fma(betas, c13).intoArray(c, cAt + ldc + 3 * LANES);
                FloatVector.fromArray(S, c, cAt + 2 * ldc).fma(betas, c20).intoArray(c, cAt + 2 * ldc);
                FloatVector.fromArray(S, c, cAt + 2 * ldc + LANES).fma(betas, c21).intoArray(c, cAt + 2 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 2 * ldc + 2 * LANES).fma(betas, c22).intoArray(c, cAt + 2 * ldc + 2 * LANES);
                FloatVector.fromArray(S, c, cAt + 2 * ldc + 3 * LANES).fma(betas, c23).intoArray(c, cAt + 2 * ldc + 3 * LANES);
                FloatVector.fromArray(S, c, cAt + 3 * ldc).fma(betas, c30).intoArray(c, cAt + 3 * ldc);
                FloatVector.fromArray(S, c, cAt + 3 * ldc + LANES).fma(betas, c31).intoArray(c, cAt + 3 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 3 * ldc + 2 * LANES).fma(betas, c32).intoArray(c, cAt + 3 * ldc + 2 * LANES);
                FloatVector.fromArray(S, c, cAt + 3 * ldc + 3 * LANES).fma(betas, c33).intoArray(c, cAt + 3 * ldc + 3 * LANES);
                FloatVector.fromArray(S, c, cAt + 4 * ldc).fma(betas, c40).intoArray(c, cAt + 4 * ldc);
                FloatVector.fromArray(S, c, cAt + 4 * ldc + LANES).fma(betas, c41).intoArray(c, cAt + 4 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 4 * ldc + 2 * LANES).fma(betas, c42).intoArray(c, cAt + 4 * ldc + 2 * LANES);
                FloatVector.fromArray(S, c, cAt + 4 * ldc + 3 * LANES).fma(betas, c43).intoArray(c, cAt + 4 * ldc + 3 * LANES);
                FloatVector.fromArray(S, c, cAt + 5 * ldc).fma(betas, c50).intoArray(c, cAt + 5 * ldc);
                FloatVector.fromArray(S, c, cAt + 5 * ldc + LANES).fma(betas, c51).intoArray(c, cAt + 5 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 5 * ldc + 2 * LANES).fma(betas, c52).intoArray(c, cAt + 5 * ldc + 2 * LANES);
                FloatVector.fromArray(S, c, cAt + 5 * ldc + 3 * LANES).fma(betas, c53).intoArray(c, cAt + 5 * ldc + 3 * LANES);
            }
        }

        @Override public boolean readsRowMajorA() { return true; }

        @Override
        public void computeRowMajor(int kc, float[] a, int aAt, int lda, float[] bp, int bpAt, float[] c, int cAt, int ldc, float beta) {
            FloatVector c00 = FloatVector.zero(S); FloatVector c01 = FloatVector.zero(S); FloatVector c02 = FloatVector.zero(S); FloatVector c03 = FloatVector.zero(S);
            FloatVector c10 = FloatVector.zero(S); FloatVector c11 = FloatVector.zero(S); FloatVector c12 = FloatVector.zero(S); FloatVector c13 = FloatVector.zero(S);
            FloatVector c20 = FloatVector.zero(S); FloatVector c21 = FloatVector.zero(S); FloatVector c22 = FloatVector.zero(S); FloatVector c23 = FloatVector.zero(S);
            FloatVector c30 = FloatVector.zero(S); FloatVector c31 = FloatVector.zero(S); FloatVector c32 = FloatVector.zero(S); FloatVector c33 = FloatVector.zero(S);
            FloatVector c40 = FloatVector.zero(S); FloatVector c41 = FloatVector.zero(S); FloatVector c42 = FloatVector.zero(S); FloatVector c43 = FloatVector.zero(S);
            FloatVector c50 = FloatVector.zero(S); FloatVector c51 = FloatVector.zero(S); FloatVector c52 = FloatVector.zero(S); FloatVector c53 = FloatVector.zero(S);
            int row0 = aAt, row1 = aAt + lda, row2 = aAt + 2 * lda, row3 = aAt + 3 * lda, row4 = aAt + 4 * lda, row5 = aAt + 5 * lda;
            for (int p = 0; p < kc; p++) {
                int bAt = bpAt + p * 4 * LANES;
                FloatVector b0 = FloatVector.fromArray(S, bp, bAt);
                FloatVector b1 = FloatVector.fromArray(S, bp, bAt + LANES);
                FloatVector b2 = FloatVector.fromArray(S, bp, bAt + 2 * LANES);
                FloatVector b3 = FloatVector.fromArray(S, bp, bAt + 3 * LANES);
                FloatVector a0 = FloatVector.broadcast(S, a[row0 + p]);
                c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01); c02 = a0.fma(b2, c02); c03 = a0.fma(b3, c03);
                FloatVector a1 = FloatVector.broadcast(S, a[row1 + p]);
                c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11); c12 = a1.fma(b2, c12); c13 = a1.fma(b3, c13);
                FloatVector a2 = FloatVector.broadcast(S, a[row2 + p]);
                c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21); c22 = a2.fma(b2, c22); c23 = a2.fma(b3, c23);
                FloatVector a3 = FloatVector.broadcast(S, a[row3 + p]);
                c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31); c32 = a3.fma(b2, c32); c33 = a3.fma(b3, c33);
                FloatVector a4 = FloatVector.broadcast(S, a[row4 + p]);
                c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41); c42 = a4.fma(b2, c42); c43 = a4.fma(b3, c43);
                FloatVector a5 = FloatVector.broadcast(S, a[row5 + p]);
                c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51); c52 = a5.fma(b2, c52); c53 = a5.fma(b3, c53);
            }
            if (beta == 0f) {
                c00.intoArray(c, cAt); c01.intoArray(c, cAt + LANES); c02.intoArray(c, cAt + 2 * LANES); c03.intoArray(c, cAt + 3 * LANES);
                c10.intoArray(c, cAt + ldc); c11.intoArray(c, cAt + ldc + LANES); c12.intoArray(c, cAt + ldc + 2 * LANES); c13.intoArray(c, cAt + ldc + 3 * LANES);
                c20.intoArray(c, cAt + 2 * ldc); c21.intoArray(c, cAt + 2 * ldc + LANES); c22.intoArray(c, cAt + 2 * ldc + 2 * LANES); c23.intoArray(c, cAt + 2 * ldc + 3 * LANES);
                c30.intoArray(c, cAt + 3 * ldc); c31.intoArray(c, cAt + 3 * ldc + LANES); c32.intoArray(c, cAt + 3 * ldc + 2 * LANES); c33.intoArray(c, cAt + 3 * ldc + 3 * LANES);
                c40.intoArray(c, cAt + 4 * ldc); c41.intoArray(c, cAt + 4 * ldc + LANES); c42.intoArray(c, cAt + 4 * ldc + 2 * LANES); c43.intoArray(c, cAt + 4 * ldc + 3 * LANES);
                c50.intoArray(c, cAt + 5 * ldc); c51.intoArray(c, cAt + 5 * ldc + LANES); c52.intoArray(c, cAt + 5 * ldc + 2 * LANES); c53.intoArray(c, cAt + 5 * ldc + 3 * LANES);
            } else {
                FloatVector betas = FloatVector.broadcast(S, beta);
                FloatVector.fromArray(S, c, cAt).fma(betas, c00).intoArray(c, cAt);
                FloatVector.fromArray(S, c, cAt + LANES).fma(betas, c01).intoArray(c, cAt + LANES);
                FloatVector.fromArray(S, c, cAt + 2 * LANES).fma(betas, c02).intoArray(c, cAt + 2 * LANES);
                FloatVector.fromArray(S, c, cAt + 3 * LANES).fma(betas, c03).intoArray(c, cAt + 3 * LANES);
                FloatVector.fromArray(S, c, cAt + ldc).fma(betas, c10).intoArray(c, cAt + ldc);
                FloatVector.fromArray(S, c, cAt + ldc + LANES).fma(betas, c11).intoArray(c, cAt + ldc + LANES);
                FloatVector.fromArray(S, c, cAt + ldc + 2 * LANES).fma(betas, c12).intoArray(c, cAt + ldc + 2 * LANES);
                FloatVector.fromArray(S, c, cAt + ldc + 3 * LANES).fma(betas, c13).intoArray(c, cAt + ldc + 3 * LANES);
                FloatVector.fromArray(S, c, cAt + 2 * ldc).fma(betas, c20).intoArray(c, cAt + 2 * ldc);
                FloatVector.fromArray(S, c, cAt + 2 * ldc + LANES).fma(betas, c21).intoArray(c, cAt + 2 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 2 * ldc + 2 * LANES).fma(betas, c22).intoArray(c, cAt + 2 * ldc + 2 * LANES);
                FloatVector.fromArray(S, c, cAt + 2 * ldc + 3 * LANES).fma(betas, c23).intoArray(c, cAt + 2 * ldc + 3 * LANES);
                FloatVector.fromArray(S, c, cAt + 3 * ldc).fma(betas, c30).intoArray(c, cAt + 3 * ldc);
                FloatVector.fromArray(S, c, cAt + 3 * ldc + LANES).fma(betas, c31).intoArray(c, cAt + 3 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 3 * ldc + 2 * LANES).fma(betas, c32).intoArray(c, cAt + 3 * ldc + 2 * LANES);
                FloatVector.fromArray(S, c, cAt + 3 * ldc + 3 * LANES).fma(betas, c33).intoArray(c, cAt + 3 * ldc + 3 * LANES);
                FloatVector.fromArray(S, c, cAt + 4 * ldc).fma(betas, c40).intoArray(c, cAt + 4 * ldc);
                FloatVector.fromArray(S, c, cAt + 4 * ldc + LANES).fma(betas, c41).intoArray(c, cAt + 4 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 4 * ldc + 2 * LANES).fma(betas, c42).intoArray(c, cAt + 4 * ldc + 2 * LANES);
                FloatVector.fromArray(S, c, cAt + 4 * ldc + 3 * LANES).fma(betas, c43).intoArray(c, cAt + 4 * ldc + 3 * LANES);
                FloatVector.fromArray(S, c, cAt + 5 * ldc).fma(betas, c50).intoArray(c, cAt + 5 * ldc);
                FloatVector.fromArray(S, c, cAt + 5 * ldc + LANES).fma(betas, c51).intoArray(c, cAt + 5 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 5 * ldc + 2 * LANES).fma(betas, c52).intoArray(c, cAt + 5 * ldc + 2 * LANES);
                FloatVector.fromArray(S, c, cAt + 5 * ldc + 3 * LANES).fma(betas, c53).intoArray(c, cAt + 5 * ldc + 3 * LANES);
            }
        }
    }

    /** 5 rows × 2 vectors: 10 accumulators + 2 B vectors + 1 broadcast: a 16-register shape with room to spare. */
    static final class Kernel5x2V implements MicroKernel {
        @Override public int mr() { return 5; }
        @Override public int nr() { return 2 * LANES; }

        @Override
        public void compute(int kc, float[] ap, int apAt, float[] bp, int bpAt, float[] c, int cAt, int ldc, float beta) {
            FloatVector c00 = FloatVector.zero(S); FloatVector c01 = FloatVector.zero(S);
            FloatVector c10 = FloatVector.zero(S); FloatVector c11 = FloatVector.zero(S);
            FloatVector c20 = FloatVector.zero(S); FloatVector c21 = FloatVector.zero(S);
            FloatVector c30 = FloatVector.zero(S); FloatVector c31 = FloatVector.zero(S);
            FloatVector c40 = FloatVector.zero(S); FloatVector c41 = FloatVector.zero(S);
            for (int p = 0; p < kc; p++) {
                int aAt = apAt + p * 5;
                int bAt = bpAt + p * 2 * LANES;
                FloatVector b0 = FloatVector.fromArray(S, bp, bAt);
                FloatVector b1 = FloatVector.fromArray(S, bp, bAt + LANES);
                FloatVector a0 = FloatVector.broadcast(S, ap[aAt + 0]);
                c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01);
                FloatVector a1 = FloatVector.broadcast(S, ap[aAt + 1]);
                c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11);
                FloatVector a2 = FloatVector.broadcast(S, ap[aAt + 2]);
                c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21);
                FloatVector a3 = FloatVector.broadcast(S, ap[aAt + 3]);
                c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31);
                FloatVector a4 = FloatVector.broadcast(S, ap[aAt + 4]);
                c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41);
            }
            if (beta == 0f) {
                c00.intoArray(c, cAt); c01.intoArray(c, cAt + LANES);
                c10.intoArray(c, cAt + ldc); c11.intoArray(c, cAt + ldc + LANES);
                c20.intoArray(c, cAt + 2 * ldc); c21.intoArray(c, cAt + 2 * ldc + LANES);
                c30.intoArray(c, cAt + 3 * ldc); c31.intoArray(c, cAt + 3 * ldc + LANES);
                c40.intoArray(c, cAt + 4 * ldc); c41.intoArray(c, cAt + 4 * ldc + LANES);
            } else {
                FloatVector betas = FloatVector.broadcast(S, beta);
                FloatVector.fromArray(S, c, cAt).fma(betas, c00).intoArray(c, cAt);
                FloatVector.fromArray(S, c, cAt + LANES).fma(betas, c01).intoArray(c, cAt + LANES);
                FloatVector.fromArray(S, c, cAt + ldc).fma(betas, c10).intoArray(c, cAt + ldc);
                FloatVector.fromArray(S, c, cAt + ldc + LANES).fma(betas, c11).intoArray(c, cAt + ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 2 * ldc).fma(betas, c20).intoArray(c, cAt + 2 * ldc);
                FloatVector.fromArray(S, c, cAt + 2 * ldc + LANES).fma(betas, c21).intoArray(c, cAt + 2 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 3 * ldc).fma(betas, c30).intoArray(c, cAt + 3 * ldc);
                FloatVector.fromArray(S, c, cAt + 3 * ldc + LANES).fma(betas, c31).intoArray(c, cAt + 3 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 4 * ldc).fma(betas, c40).intoArray(c, cAt + 4 * ldc);
                FloatVector.fromArray(S, c, cAt + 4 * ldc + LANES).fma(betas, c41).intoArray(c, cAt + 4 * ldc + LANES);
            }
        }
    }

    /** 4 rows × 2 vectors: 8 accumulators + 2 B vectors + 1 broadcast: the 16-register shape that C2 keeps in registers. */
    static final class Kernel4x2V implements MicroKernel {
        @Override public int mr() { return 4; }
        @Override public int nr() { return 2 * LANES; }

        @Override
        public void compute(int kc, float[] ap, int apAt, float[] bp, int bpAt, float[] c, int cAt, int ldc, float beta) {
            FloatVector c00 = FloatVector.zero(S); FloatVector c01 = FloatVector.zero(S);
            FloatVector c10 = FloatVector.zero(S); FloatVector c11 = FloatVector.zero(S);
            FloatVector c20 = FloatVector.zero(S); FloatVector c21 = FloatVector.zero(S);
            FloatVector c30 = FloatVector.zero(S); FloatVector c31 = FloatVector.zero(S);
            for (int p = 0; p < kc; p++) {
                int aAt = apAt + p * 4;
                int bAt = bpAt + p * 2 * LANES;
                FloatVector b0 = FloatVector.fromArray(S, bp, bAt);
                FloatVector b1 = FloatVector.fromArray(S, bp, bAt + LANES);
                FloatVector a0 = FloatVector.broadcast(S, ap[aAt + 0]);
                c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01);
                FloatVector a1 = FloatVector.broadcast(S, ap[aAt + 1]);
                c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11);
                FloatVector a2 = FloatVector.broadcast(S, ap[aAt + 2]);
                c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21);
                FloatVector a3 = FloatVector.broadcast(S, ap[aAt + 3]);
                c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31);
            }
            // Written out here and in computeRowMajor, not in a shared method: with a method that took the
            // eight accumulators, a W4 step ran 15x slower (measured; the vectors were boxed, not inlined).
            if (beta == 0f) {
                c00.intoArray(c, cAt); c01.intoArray(c, cAt + LANES);
                c10.intoArray(c, cAt + ldc); c11.intoArray(c, cAt + ldc + LANES);
                c20.intoArray(c, cAt + 2 * ldc); c21.intoArray(c, cAt + 2 * ldc + LANES);
                c30.intoArray(c, cAt + 3 * ldc); c31.intoArray(c, cAt + 3 * ldc + LANES);
            } else {
                FloatVector betas = FloatVector.broadcast(S, beta);
                FloatVector.fromArray(S, c, cAt).fma(betas, c00).intoArray(c, cAt);
                FloatVector.fromArray(S, c, cAt + LANES).fma(betas, c01).intoArray(c, cAt + LANES);
                FloatVector.fromArray(S, c, cAt + ldc).fma(betas, c10).intoArray(c, cAt + ldc);
                FloatVector.fromArray(S, c, cAt + ldc + LANES).fma(betas, c11).intoArray(c, cAt + ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 2 * ldc).fma(betas, c20).intoArray(c, cAt + 2 * ldc);
                FloatVector.fromArray(S, c, cAt + 2 * ldc + LANES).fma(betas, c21).intoArray(c, cAt + 2 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 3 * ldc).fma(betas, c30).intoArray(c, cAt + 3 * ldc);
                FloatVector.fromArray(S, c, cAt + 3 * ldc + LANES).fma(betas, c31).intoArray(c, cAt + 3 * ldc + LANES);
            }
        }

        @Override public boolean readsRowMajorA() { return true; }

        @Override
        public void computeRowMajor(int kc, float[] a, int aAt, int lda, float[] bp, int bpAt, float[] c, int cAt, int ldc, float beta) {
            FloatVector c00 = FloatVector.zero(S); FloatVector c01 = FloatVector.zero(S);
            FloatVector c10 = FloatVector.zero(S); FloatVector c11 = FloatVector.zero(S);
            FloatVector c20 = FloatVector.zero(S); FloatVector c21 = FloatVector.zero(S);
            FloatVector c30 = FloatVector.zero(S); FloatVector c31 = FloatVector.zero(S);
            int row0 = aAt, row1 = aAt + lda, row2 = row1 + lda, row3 = row2 + lda;
            for (int p = 0; p < kc; p++) {
                int bAt = bpAt + p * 2 * LANES;
                FloatVector b0 = FloatVector.fromArray(S, bp, bAt);
                FloatVector b1 = FloatVector.fromArray(S, bp, bAt + LANES);
                FloatVector a0 = FloatVector.broadcast(S, a[row0 + p]);
                c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01);
                FloatVector a1 = FloatVector.broadcast(S, a[row1 + p]);
                c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11);
                FloatVector a2 = FloatVector.broadcast(S, a[row2 + p]);
                c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21);
                FloatVector a3 = FloatVector.broadcast(S, a[row3 + p]);
                c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31);
            }
            if (beta == 0f) {
                c00.intoArray(c, cAt); c01.intoArray(c, cAt + LANES);
                c10.intoArray(c, cAt + ldc); c11.intoArray(c, cAt + ldc + LANES);
                c20.intoArray(c, cAt + 2 * ldc); c21.intoArray(c, cAt + 2 * ldc + LANES);
                c30.intoArray(c, cAt + 3 * ldc); c31.intoArray(c, cAt + 3 * ldc + LANES);
            } else {
                FloatVector betas = FloatVector.broadcast(S, beta);
                FloatVector.fromArray(S, c, cAt).fma(betas, c00).intoArray(c, cAt);
                FloatVector.fromArray(S, c, cAt + LANES).fma(betas, c01).intoArray(c, cAt + LANES);
                FloatVector.fromArray(S, c, cAt + ldc).fma(betas, c10).intoArray(c, cAt + ldc);
                FloatVector.fromArray(S, c, cAt + ldc + LANES).fma(betas, c11).intoArray(c, cAt + ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 2 * ldc).fma(betas, c20).intoArray(c, cAt + 2 * ldc);
                FloatVector.fromArray(S, c, cAt + 2 * ldc + LANES).fma(betas, c21).intoArray(c, cAt + 2 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 3 * ldc).fma(betas, c30).intoArray(c, cAt + 3 * ldc);
                FloatVector.fromArray(S, c, cAt + 3 * ldc + LANES).fma(betas, c31).intoArray(c, cAt + 3 * ldc + LANES);
            }
        }
    }

    /** 3 rows × 3 vectors: 9 accumulators + 3 B vectors + 1 broadcast: a 16-register shape, wider and shorter than 4×2. */
    static final class Kernel3x3V implements MicroKernel {
        @Override public int mr() { return 3; }
        @Override public int nr() { return 3 * LANES; }

        @Override
        public void compute(int kc, float[] ap, int apAt, float[] bp, int bpAt, float[] c, int cAt, int ldc, float beta) {
            FloatVector c00 = FloatVector.zero(S); FloatVector c01 = FloatVector.zero(S); FloatVector c02 = FloatVector.zero(S);
            FloatVector c10 = FloatVector.zero(S); FloatVector c11 = FloatVector.zero(S); FloatVector c12 = FloatVector.zero(S);
            FloatVector c20 = FloatVector.zero(S); FloatVector c21 = FloatVector.zero(S); FloatVector c22 = FloatVector.zero(S);
            for (int p = 0; p < kc; p++) {
                int aAt = apAt + p * 3;
                int bAt = bpAt + p * 3 * LANES;
                FloatVector b0 = FloatVector.fromArray(S, bp, bAt);
                FloatVector b1 = FloatVector.fromArray(S, bp, bAt + LANES);
                FloatVector b2 = FloatVector.fromArray(S, bp, bAt + 2 * LANES);
                FloatVector a0 = FloatVector.broadcast(S, ap[aAt + 0]);
                c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01); c02 = a0.fma(b2, c02);
                FloatVector a1 = FloatVector.broadcast(S, ap[aAt + 1]);
                c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11); c12 = a1.fma(b2, c12);
                FloatVector a2 = FloatVector.broadcast(S, ap[aAt + 2]);
                c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21); c22 = a2.fma(b2, c22);
            }
            if (beta == 0f) {
                c00.intoArray(c, cAt); c01.intoArray(c, cAt + LANES); c02.intoArray(c, cAt + 2 * LANES);
                c10.intoArray(c, cAt + ldc); c11.intoArray(c, cAt + ldc + LANES); c12.intoArray(c, cAt + ldc + 2 * LANES);
                c20.intoArray(c, cAt + 2 * ldc); c21.intoArray(c, cAt + 2 * ldc + LANES); c22.intoArray(c, cAt + 2 * ldc + 2 * LANES);
            } else {
                FloatVector betas = FloatVector.broadcast(S, beta);
                FloatVector.fromArray(S, c, cAt).fma(betas, c00).intoArray(c, cAt);
                FloatVector.fromArray(S, c, cAt + LANES).fma(betas, c01).intoArray(c, cAt + LANES);
                FloatVector.fromArray(S, c, cAt + 2 * LANES).fma(betas, c02).intoArray(c, cAt + 2 * LANES);
                FloatVector.fromArray(S, c, cAt + ldc).fma(betas, c10).intoArray(c, cAt + ldc);
                FloatVector.fromArray(S, c, cAt + ldc + LANES).fma(betas, c11).intoArray(c, cAt + ldc + LANES);
                FloatVector.fromArray(S, c, cAt + ldc + 2 * LANES).fma(betas, c12).intoArray(c, cAt + ldc + 2 * LANES);
                FloatVector.fromArray(S, c, cAt + 2 * ldc).fma(betas, c20).intoArray(c, cAt + 2 * ldc);
                FloatVector.fromArray(S, c, cAt + 2 * ldc + LANES).fma(betas, c21).intoArray(c, cAt + 2 * ldc + LANES);
                FloatVector.fromArray(S, c, cAt + 2 * ldc + 2 * LANES).fma(betas, c22).intoArray(c, cAt + 2 * ldc + 2 * LANES);
            }
        }
    }

    /** 2 rows × 4 vectors: 8 accumulators + 4 B vectors + 1 broadcast: two broadcasts per 8 FMAs on 16 registers. */
    static final class Kernel2x4V implements MicroKernel {
        @Override public int mr() { return 2; }
        @Override public int nr() { return 4 * LANES; }

        @Override
        public void compute(int kc, float[] ap, int apAt, float[] bp, int bpAt, float[] c, int cAt, int ldc, float beta) {
            FloatVector c00 = FloatVector.zero(S); FloatVector c01 = FloatVector.zero(S); FloatVector c02 = FloatVector.zero(S); FloatVector c03 = FloatVector.zero(S);
            FloatVector c10 = FloatVector.zero(S); FloatVector c11 = FloatVector.zero(S); FloatVector c12 = FloatVector.zero(S); FloatVector c13 = FloatVector.zero(S);
            for (int p = 0; p < kc; p++) {
                int aAt = apAt + p * 2;
                int bAt = bpAt + p * 4 * LANES;
                FloatVector b0 = FloatVector.fromArray(S, bp, bAt);
                FloatVector b1 = FloatVector.fromArray(S, bp, bAt + LANES);
                FloatVector b2 = FloatVector.fromArray(S, bp, bAt + 2 * LANES);
                FloatVector b3 = FloatVector.fromArray(S, bp, bAt + 3 * LANES);
                FloatVector a0 = FloatVector.broadcast(S, ap[aAt + 0]);
                c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01); c02 = a0.fma(b2, c02); c03 = a0.fma(b3, c03);
                FloatVector a1 = FloatVector.broadcast(S, ap[aAt + 1]);
                c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11); c12 = a1.fma(b2, c12); c13 = a1.fma(b3, c13);
            }
            if (beta == 0f) {
                c00.intoArray(c, cAt); c01.intoArray(c, cAt + LANES); c02.intoArray(c, cAt + 2 * LANES); c03.intoArray(c, cAt + 3 * LANES);
                c10.intoArray(c, cAt + ldc); c11.intoArray(c, cAt + ldc + LANES); c12.intoArray(c, cAt + ldc + 2 * LANES); c13.intoArray(c, cAt + ldc + 3 * LANES);
            } else {
                FloatVector betas = FloatVector.broadcast(S, beta);
                FloatVector.fromArray(S, c, cAt).fma(betas, c00).intoArray(c, cAt);
                FloatVector.fromArray(S, c, cAt + LANES).fma(betas, c01).intoArray(c, cAt + LANES);
                FloatVector.fromArray(S, c, cAt + 2 * LANES).fma(betas, c02).intoArray(c, cAt + 2 * LANES);
                FloatVector.fromArray(S, c, cAt + 3 * LANES).fma(betas, c03).intoArray(c, cAt + 3 * LANES);
                FloatVector.fromArray(S, c, cAt + ldc).fma(betas, c10).intoArray(c, cAt + ldc);
                FloatVector.fromArray(S, c, cAt + ldc + LANES).fma(betas, c11).intoArray(c, cAt + ldc + LANES);
                FloatVector.fromArray(S, c, cAt + ldc + 2 * LANES).fma(betas, c12).intoArray(c, cAt + ldc + 2 * LANES);
                FloatVector.fromArray(S, c, cAt + ldc + 3 * LANES).fma(betas, c13).intoArray(c, cAt + ldc + 3 * LANES);
            }
        }
    }
}
