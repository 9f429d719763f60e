package jgrad.kernels;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The float32 reference is itself checked against the float64 oracle used by {@link GemmProblem}. */
class ReferenceGemmTest {

    @Test
    void referenceSgemmMatchesFloat64OnRandomShapes() {
        var random = new Random(9);
        for (int trial = 0; trial < 60; trial++) {
            boolean transA = random.nextBoolean(), transB = random.nextBoolean();
            int m = random.nextInt(9), n = random.nextInt(9), k = random.nextInt(40);
            float beta = List.of(0f, 1f, -2f).get(random.nextInt(3));
            var p = GemmProblem.random(random, transA, transB, m, n, k, beta);
            p.checkFast((a, b, c) -> ReferenceGemm.sgemm(transA, transB, m, n, k, a, p.aOffset(), p.lda(),
                    b, p.bOffset(), p.ldb(), beta, c, p.cOffset(), p.ldc()));
        }
    }

    @Test
    void batchedDgemmEqualsOneCallPerMatrix() {
        var random = new Random(2);
        int m = 3, n = 4, k = 5, batch = 3;
        double[] a = random.doubles(batch * m * k).toArray();
        double[] b = random.doubles(batch * k * n).toArray();
        double[] c = new double[batch * m * n];
        double[] expected = new double[batch * m * n];
        for (int t = 0; t < batch; t++) {
            ReferenceGemm.dgemm(false, true, m, n, k, a, t * m * k, k, b, t * k * n, k, 0, expected, t * m * n, n);
        }
        ReferenceGemm.dgemmBatched(false, true, m, n, k, batch, a, 0, k, m * k, b, 0, k, k * n, 0, c, 0, n, m * n);
        org.assertj.core.api.Assertions.assertThat(c).containsExactly(expected);
    }
}
