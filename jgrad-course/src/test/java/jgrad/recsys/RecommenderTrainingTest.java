package jgrad.recsys;

import jgrad.DType;
import jgrad.Tensor;
import jgrad.testing.ModuleGradchecks;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class RecommenderTrainingTest {

    @Test
    void matrixFactorisationAndNeuralCfBeatPopularityOnDataWithLatentStructure() {
        var all = LatentInteractions.generate(200, 150, 4, 15, 3.0, 7);
        var split = LeaveOneOut.split(all, 99, 8);
        var popularity = split.evaluate(new Popularity(split.train()), 10);

        var mf = new MatrixFactorization(all.users(), all.items(), 8, new SplittableRandom(1));
        ImplicitTraining.fit(mf, split.train(), 5, 4, 256, 0.02, 1e-5, 2, null);
        var mfMetrics = split.evaluate(Pairs.scorer(mf), 10);

        var ncf = new NeuralCF(all.users(), all.items(), 8, new int[] {16}, new SplittableRandom(3));
        ImplicitTraining.fit(ncf, split.train(), 5, 4, 256, 0.01, 1e-5, 4, null);
        var ncfMetrics = split.evaluate(Pairs.scorer(ncf), 10);

        // dev run: popularity HR@10 ~0.3, MF ~0.6, NCF ~0.55; the margins leave room for other seeds
        assertThat(mfMetrics.hitRate()).as("MF %s vs popularity %s", mfMetrics, popularity).isGreaterThan(popularity.hitRate() + 0.1);
        assertThat(mfMetrics.ndcg()).isGreaterThan(popularity.ndcg());
        assertThat(ncfMetrics.hitRate()).as("NCF %s vs popularity %s", ncfMetrics, popularity).isGreaterThan(popularity.hitRate() + 0.05);
    }

    @Test
    void gradientsOfBothModelsMatchFiniteDifferences() {
        Tensor pairs = Tensor.of(new long[] {0, 1, 2, 0, 1, 3, 2, 2}, 4, 2);
        var mf = new MatrixFactorization(3, 4, 3, new SplittableRandom(1));
        mf.to(DType.FLOAT64);
        ModuleGradchecks.assertGradientsMatch("MatrixFactorization", 11, mf, () -> mf.forward(pairs));
        var ncf = new NeuralCF(3, 4, 3, new int[] {5}, new SplittableRandom(2));
        ncf.to(DType.FLOAT64);
        ModuleGradchecks.assertGradientsMatch("NeuralCF", 12, ncf, () -> ncf.forward(pairs));
    }

    @Test
    void inputThatIsNotUserItemRowsIsRefused() {
        var mf = new MatrixFactorization(3, 4, 2, new SplittableRandom(1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> mf.forward(Tensor.of(new long[] {0, 1, 2}, 1, 3)))
                .hasMessageContaining("expected int64 [user, item] rows (B, 2), got int64 (1, 3)");
    }
}
