package exercises.unit18;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.SplittableRandom;
import jgrad.DType;
import jgrad.Grad;
import jgrad.Tensor;
import jgrad.explain.Attributions;
import jgrad.explain.GradCam;
import jgrad.nn.Conv2d;
import jgrad.nn.Flatten;
import jgrad.nn.Linear;
import jgrad.nn.Sequential;
import jgrad.nn.Tanh;
import jgrad.recsys.LatentInteractions;
import jgrad.recsys.LeaveOneOut;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Graded tests of unit 18, with jgrad.recsys and jgrad.explain as the references. */
class RecsysExplainTest {

    @Test
    @Tag("task1")
    void rankHitAndNdcgOnHandExamples() {
        assertEquals(0, Ranking.rank(new double[] {0.9, 0.1, 0.5}), "held-out item scored highest");
        assertEquals(2, Ranking.rank(new double[] {0.5, 0.5, 0.7, 0.1}), "a tie counts against the model");
        assertEquals(1, Ranking.hit(9, 10), 0);
        assertEquals(0, Ranking.hit(10, 10), 0);
        assertEquals(1, Ranking.ndcg(0, 10), 1e-12, "rank 0: 1 / log2(2)");
        assertEquals(0.5, Ranking.ndcg(2, 10), 1e-12, "rank 2: 1 / log2(4)");
        assertEquals(0, Ranking.ndcg(10, 10), 0);
    }

    @Test
    @Tag("task1")
    void leaveOneOutMetricsMatchJgradsEvaluation() {
        var split = LeaveOneOut.split(LatentInteractions.generate(60, 150, 3, 10, 2.0, 181), 49, 182);
        var random = new Random(183);
        double[][] scoresPerCase = new double[split.cases().size()][];
        int[] next = {0};
        LeaveOneOut.Scorer scorer = (user, items) -> {
            double[] s = new double[items.length];
            for (int i = 0; i < items.length; i++) s[i] = random.nextInt(20);    // many ties on purpose
            scoresPerCase[next[0]++] = s;
            return s;
        };
        var expected = split.evaluate(scorer, 10);
        double hits = 0, ndcg = 0;
        for (double[] s : scoresPerCase) {
            int rank = Ranking.rank(s);
            hits += Ranking.hit(rank, 10);
            ndcg += Ranking.ndcg(rank, 10);
        }
        assertEquals(expected.hitRate(), hits / scoresPerCase.length, 1e-12, "HR@10 over " + scoresPerCase.length + " users");
        assertEquals(expected.ndcg(), ndcg / scoresPerCase.length, 1e-12, "NDCG@10 over " + scoresPerCase.length + " users");
    }

    @Test
    @Tag("task2")
    void integratedGradientsMatchJgrad() {
        var random = new SplittableRandom(184);
        var net = new Sequential(new Linear(6, 8, true, random), new Tanh(), new Linear(8, 3, true, random));
        net.to(DType.FLOAT64);
        for (int trial = 0; trial < 4; trial++) {
            int target = trial % 3;
            Tensor x = Tensor.randn(random, DType.FLOAT64, 1, 6), baseline = Tensor.randn(random, DType.FLOAT64, 1, 6).mul(0.1);
            double[] expected = Attributions.integratedGradients(net::forward, x, baseline, new long[] {target}, 20).toDoubleArray();
            Explain.Gradient gradient = point -> Attributions.gradient(net::forward, Tensor.of(point, 1, 6), new long[] {target}).toDoubleArray();
            double[] actual = Explain.integratedGradients(gradient, x.toDoubleArray(), baseline.toDoubleArray(), 20);
            for (int i = 0; i < 6; i++) {
                assertEquals(expected[i], actual[i], 1e-10, "IG of input " + i + ", class " + target + ", trial " + trial);
            }
        }
    }

    @Test
    @Tag("task3")
    void gradCamMatchesJgradOnASmallConvNet() {
        var random = new SplittableRandom(185);
        int channels = 3, size = 5;
        var conv = new Conv2d(1, channels, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 1, true, random);
        var layers = new Sequential(conv, new Tanh(), new Flatten(), new Linear(channels * size * size, 4, true, random));
        layers.to(DType.FLOAT64);
        for (int trial = 0; trial < 4; trial++) {
            long target = trial;
            Tensor image = Tensor.rand(random, DType.FLOAT64, 1, 1, size, size);
            Tensor activations;
            try (var ignored = Grad.noGrad()) {
                activations = new Sequential(conv, new Tanh()).forward(image);                     // (1, K, 5, 5)
            }
            var head = new Sequential(new Flatten(), layers.get(3));
            Tensor gradients = Attributions.gradient(head::forward, activations, new long[] {target});
            double[][] map = Explain.gradCam(toArray(activations), toArray(gradients));
            double peak = 0;
            for (double[] row : map) for (double v : row) peak = Math.max(peak, v);
            Tensor expected = GradCam.compute(layers, 2, image, new long[] {target});              // ReLU'd, divided by its max
            for (int i = 0; i < size; i++) {
                for (int j = 0; j < size; j++) {
                    double normalised = peak == 0 ? 0 : map[i][j] / peak;
                    assertEquals(expected.get(0, i, j), normalised, 1e-9, "map[" + i + "][" + j + "] / max, class " + target);
                }
            }
        }
    }

    private static double[][][] toArray(Tensor t) {                 // (1, K, h, w) -> [K][h][w]
        double[][][] out = new double[t.size(1)][t.size(2)][t.size(3)];
        for (int k = 0; k < t.size(1); k++) for (int i = 0; i < t.size(2); i++) for (int j = 0; j < t.size(3); j++) out[k][i][j] = t.get(0, k, i, j);
        return out;
    }
}
