package jgrad.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fast {@link Gemm} against {@link ReferenceGemm}: every transpose variant, offsets and
 * leading dimensions wider than the matrix, 0- and 1-sized dimensions, sizes that fill no
 * vector or tile, K longer than one cache block, every micro-kernel shape, and thread counts.
 */
class GemmTest {

    private static final List<boolean[]> TRANSPOSES = List.of(
            new boolean[] {false, false}, new boolean[] {true, false},
            new boolean[] {false, true}, new boolean[] {true, true});

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(2);
    }

    @Test
    void smallExampleFromTheJavadoc() {
        float[] a = {1, 2, 3, 4, 5, 6};
        float[] b = {1, 0, 0, 1, 1, 1};
        float[] c = new float[4];
        Gemm.sgemm(false, false, 2, 2, 3, a, 0, 3, b, 0, 2, 0f, c, 0, 2);
        assertThat(c).containsExactly(4, 5, 10, 11);
    }

    @Test
    void referenceDgemmMatchesHandComputedProductInEveryTransposeVariant() {
        // A = [[1,2],[3,4]], B = [[5,6],[7,8]]; the stored Aᵀ/Bᵀ are the same matrices transposed.
        double[] a = {1, 2, 3, 4};
        double[] at = {1, 3, 2, 4};
        double[] b = {5, 6, 7, 8};
        double[] bt = {5, 7, 6, 8};
        double[] expected = {19, 22, 43, 50};
        for (boolean[] t : TRANSPOSES) {
            double[] c = {1, 1, 1, 1};
            ReferenceGemm.dgemm(t[0], t[1], 2, 2, 2, t[0] ? at : a, 0, 2, t[1] ? bt : b, 0, 2, 2.0, c, 0, 2);
            assertThat(c).as("transA=%s transB=%s", t[0], t[1])
                    .containsExactly(expected[0] + 2, expected[1] + 2, expected[2] + 2, expected[3] + 2);
        }
    }

    /**
     * A packed once by {@link Gemm#pack} and multiplied by B gives the bits of the blocked path that
     * packs A itself: rows past one MC block and past a whole sliver, K past one KC block, both
     * stored forms of A and B, both betas (at the suite's two threads, so row bands too).
     */
    @Test
    void prePackedAGivesTheBitsOfTheBlockedPath() {
        var random = new Random(7);
        int[][] shapes = {{200, 45, 600}, {64, 196, 288}, {288, 196, 64}, {13, 33, 257}, {1, 17, 5}};
        for (int[] shape : shapes) {
            int m = shape[0], n = shape[1], k = shape[2];
            for (boolean[] t : TRANSPOSES) {
                for (float beta : new float[] {0f, 1f}) {
                    float[] a = randomFloats(random, m * k), b = randomFloats(random, k * n), c = randomFloats(random, m * n);
                    float[] expected = c.clone();
                    BlockedSgemm.sgemm(t[0], t[1], m, n, k, a, 0, t[0] ? m : k, b, 0, t[1] ? k : n, beta, expected, 0, n);
                    Gemm.PackedA packed = Gemm.pack(t[0], m, k, a, 0, t[0] ? m : k);
                    Gemm.sgemm(packed, t[1], n, b, 0, t[1] ? k : n, beta, c, 0, n);
                    assertThat(c).as("m=%d n=%d k=%d transA=%s transB=%s beta=%s", m, n, k, t[0], t[1], beta)
                            .isEqualTo(expected);
                }
            }
        }
    }

    /**
     * B packed once by {@link Gemm#packB} and multiplied by many A gives the bits of the blocked path
     * that packs B itself: K past one KC block, N past one NC block (so a column band of the second
     * thread starts inside a prepared panel), an LSTM step's shape, edges, both stored forms, both
     * betas, at one, two and three threads.
     */
    @Test
    void prePackedBGivesTheBitsOfTheBlockedPath() {
        var random = new Random(11);
        int[][] shapes = {{200, 45, 600}, {32, 1024, 256}, {4, 3100, 40}, {13, 33, 257}, {1, 17, 5}};
        for (int threads = 1; threads <= 3; threads++) {
            Parallel.setThreads(threads);
            for (int[] shape : shapes) {
                int m = shape[0], n = shape[1], k = shape[2];
                for (boolean[] t : TRANSPOSES) {
                    for (float beta : new float[] {0f, 1f}) {
                        float[] a = randomFloats(random, m * k), b = randomFloats(random, k * n), c = randomFloats(random, m * n);
                        float[] expected = c.clone();
                        BlockedSgemm.sgemm(t[0], t[1], m, n, k, a, 0, t[0] ? m : k, b, 0, t[1] ? k : n, beta, expected, 0, n);
                        Gemm.PackedB packed = Gemm.packB(t[1], k, n, b, 0, t[1] ? k : n);
                        Gemm.sgemm(t[0], m, a, 0, t[0] ? m : k, packed, beta, c, 0, n);
                        assertThat(c).as("threads=%d m=%d n=%d k=%d transA=%s transB=%s beta=%s", threads, m, n, k, t[0], t[1], beta)
                                .isEqualTo(expected);
                    }
                }
            }
        }
    }

    @Test
    void kBlocksAreTheTablesKcUnlessKExceedsItByAQuarterAtMost() {
        var blocking = new SgemmBlocking(BlockedSgemm.BLOCKING.kernel(), 192, 256);
        assertThat(BlockedSgemm.kcStep(blocking, 9)).isEqualTo(9);
        assertThat(BlockedSgemm.kcStep(blocking, 288)).isEqualTo(288);   // one block, not 256 + 32
        assertThat(BlockedSgemm.kcStep(blocking, 320)).isEqualTo(320);
        assertThat(BlockedSgemm.kcStep(blocking, 321)).isEqualTo(256);
        assertThat(BlockedSgemm.kcStep(blocking, 600)).isEqualTo(256);
    }

    @Test
    void packedBRefusesAMismatchedA() {
        Gemm.PackedB packed = Gemm.packB(false, 3, 4, new float[12], 0, 4);
        assertThatThrownBy(() -> Gemm.sgemm(false, 2, new float[5], 0, 3, packed, 0f, new float[8], 0, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Gemm.sgemm(packed B)");
    }

    private static float[] randomFloats(Random random, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }

    @Test
    void fastMatchesReferenceOnRandomShapesAllTransposesAndBetas() {
        var random = new Random(42);
        int[] sizes = {0, 1, 2, 3, 7, 15, 16, 17, 31, 33, 47, 64, 100};
        for (int trial = 0; trial < 300; trial++) {
            int m = sizes[random.nextInt(sizes.length)];
            int n = sizes[random.nextInt(sizes.length)];
            int k = sizes[random.nextInt(sizes.length)];
            boolean[] t = TRANSPOSES.get(trial % 4);
            float beta = new float[] {0f, 1f, 0.5f}[random.nextInt(3)];
            GemmProblem p = GemmProblem.random(random, t[0], t[1], m, n, k, beta);
            p.checkFast((a, b, c) -> Gemm.sgemm(t[0], t[1], m, n, k, a, p.aOffset(), p.lda(), b, p.bOffset(), p.ldb(),
                    beta, c, p.cOffset(), p.ldc()));
        }
    }

    @Test
    void everyMicroKernelShapeMatchesReferenceIncludingEdgesAndSeveralKBlocks() {
        var random = new Random(7);
        int k = BlockedSgemm.BLOCKING.kc() * 2 + 3;   // three K blocks: beta applied once, then accumulation
        for (SgemmMicroKernels.MicroKernel kernel : SgemmMicroKernels.ALL) {
            var blocking = new SgemmBlocking(kernel, BlockedSgemm.BLOCKING.mc(), BlockedSgemm.BLOCKING.kc());
            for (boolean[] t : TRANSPOSES) {
                int m = 2 * kernel.mr() + 1;
                int n = 2 * kernel.nr() + 5;
                GemmProblem p = GemmProblem.random(random, t[0], t[1], m, n, k, 0.5f);
                p.checkFast((a, b, c) -> BlockedSgemm.sgemm(blocking, t[0], t[1], m, n, k, a, p.aOffset(), p.lda(),
                        b, p.bOffset(), p.ldb(), 0.5f, c, p.cOffset(), p.ldc()));
            }
        }
    }

    /**
     * Each row of the tuning table keeps its tile in registers: MR·NV accumulators, NV vectors of B
     * and one broadcast of A fit the register file (else C2 spills inside the K loop).
     */
    @Test
    void tableChoosesTilesThatFitTheRegisterFile() {
        for (int registers : new int[] {16, 32}) {
            for (int lanes : new int[] {4, 8, 16}) {
                var kernel = SgemmBlocking.table(lanes, registers).kernel();
                int vectors = kernel.nr() / SgemmMicroKernels.LANES;
                assertThat(kernel.mr() * vectors + vectors + 1).as("%s on %d registers of %d lanes",
                        SgemmBlocking.name(kernel), registers, lanes).isLessThanOrEqualTo(registers);
            }
        }
        assertThat(SgemmBlocking.byName("4x2").mr()).isEqualTo(4);
        assertThatThrownBy(() -> SgemmBlocking.byName("7x7")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jgrad.sgemm.kernel").hasMessageContaining("12x2");
    }

    /** The tile shape decides who computes an element, not how: every shape gives the same bits. */
    @Test
    void everyShapeGivesTheBitsOfTheChosenOne() {
        int m = 37, n = 71, k = BlockedSgemm.BLOCKING.kc() + 9;
        GemmProblem p = GemmProblem.random(new Random(11), false, true, m, n, k, 1f);
        float[] expected = p.c().clone();
        BlockedSgemm.sgemm(false, true, m, n, k, p.a(), p.aOffset(), p.lda(), p.b(), p.bOffset(), p.ldb(), 1f,
                expected, p.cOffset(), p.ldc());
        for (SgemmMicroKernels.MicroKernel kernel : SgemmMicroKernels.ALL) {
            float[] c = p.c().clone();
            BlockedSgemm.sgemm(new SgemmBlocking(kernel, 96, BlockedSgemm.BLOCKING.kc()), false, true, m, n, k, p.a(),
                    p.aOffset(), p.lda(), p.b(), p.bOffset(), p.ldb(), 1f, c, p.cOffset(), p.ldc());
            assertThat(c).as(SgemmBlocking.name(kernel)).isEqualTo(expected);
        }
    }

    @Test
    void panelWiderThanNcIsHandled() {
        int m = 5;
        int n = SgemmBlocking.NC + 37;
        int k = 9;
        GemmProblem p = GemmProblem.random(new Random(3), false, true, m, n, k, 0f);
        p.checkFast((a, b, c) -> BlockedSgemm.sgemm(false, true, m, n, k, a, p.aOffset(), p.lda(), b, p.bOffset(), p.ldb(),
                0f, c, p.cOffset(), p.ldc()));
    }

    @Test
    void betaZeroIgnoresNaNInC() {
        for (int size : new int[] {4, 40}) {   // the small path and the blocked path
            float[] a = filled(size * size, 1f);
            float[] c = filled(size * size, Float.NaN);
            Gemm.sgemm(false, false, size, size, size, a, 0, size, a, 0, size, 0f, c, 0, size);
            assertThat(c).as("size %d", size).containsOnly(size);
        }
        float[] c = filled(6, Float.NaN);
        Gemm.sgemm(false, false, 2, 3, 0, new float[0], 0, 1, new float[0], 0, 3, 0f, c, 0, 3);
        assertThat(c).as("k = 0").containsOnly(0f);
    }

    @Test
    void resultIsBitwiseIdenticalForOneTwoAndThreeThreads() {
        var random = new Random(11);
        int[][] shapes = {{300, 200, 600}, {7, 500, 40}, {500, 3, 70}, {129, 130, 131}};
        for (int[] shape : shapes) {
            for (boolean[] t : TRANSPOSES) {
                GemmProblem p = GemmProblem.random(random, t[0], t[1], shape[0], shape[1], shape[2], 1f);
                float[][] results = new float[3][];
                for (int threads = 1; threads <= 3; threads++) {
                    Parallel.setThreads(threads);
                    float[] c = p.c().clone();
                    Gemm.sgemm(t[0], t[1], shape[0], shape[1], shape[2], p.a(), p.aOffset(), p.lda(), p.b(), p.bOffset(), p.ldb(),
                            1f, c, p.cOffset(), p.ldc());
                    results[threads - 1] = c;
                }
                assertThat(results[1]).as("2 threads vs 1, shape %s", java.util.Arrays.toString(shape)).isEqualTo(results[0]);
                assertThat(results[2]).as("3 threads vs 1, shape %s", java.util.Arrays.toString(shape)).isEqualTo(results[0]);
            }
        }
    }

    @Test
    void batchedEqualsOneCallPerMatrixBitwiseIncludingBroadcastB() {
        var random = new Random(5);
        for (int[] shape : new int[][] {{9, 10, 11}, {70, 80, 90}}) {
            int m = shape[0], n = shape[1], k = shape[2], batch = 5;
            float[] a = GemmProblem.randomArray(random, batch * m * k);
            float[] b = GemmProblem.randomArray(random, k * n);   // stride 0: one B for the whole batch
            float[] c = GemmProblem.randomArray(random, batch * m * n);
            float[] expected = c.clone();
            for (int t = 0; t < batch; t++) {
                Gemm.sgemm(false, false, m, n, k, a, t * m * k, k, b, 0, n, 1f, expected, t * m * n, n);
            }
            Gemm.sgemmBatched(false, false, m, n, k, batch, a, 0, k, (long) m * k, b, 0, n, 0, 1f, c, 0, n, (long) m * n);
            assertThat(c).isEqualTo(expected);
        }
    }

    @Test
    void badArgumentsGiveAClearMessage() {
        float[] small = new float[5];
        assertThatThrownBy(() -> Gemm.sgemm(false, false, 2, 2, 3, small, 0, 3, new float[6], 0, 2, 0f, new float[4], 0, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Gemm.sgemm").hasMessageContaining("A").hasMessageContaining("needs 6 elements");
        assertThatThrownBy(() -> Gemm.sgemm(false, false, 2, 2, 3, new float[6], 0, 2, new float[6], 0, 2, 0f, new float[4], 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lda=2");
        assertThatThrownBy(() -> Gemm.sgemmBatched(false, false, 2, 2, 2, 2, new float[8], 0, 2, 4, new float[8], 0, 2, 4,
                0f, new float[8], 0, 2, 2)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlap");
    }

    private static float[] filled(int length, float value) {
        float[] x = new float[length];
        java.util.Arrays.fill(x, value);
        return x;
    }
}
