package jgrad.rl.env;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WrappersTest {
    @Test
    void timeLimitTruncatesAtTheLimitWithoutTerminating() {
        Env env = Envs.make("Pendulum-v1");
        env.reset(0);
        for (int t = 1; t < 200; t++) assertThat(env.step(new double[] {0}).done()).as("step %d", t).isFalse();
        Env.Step last = env.step(new double[] {0});
        assertThat(last.truncated()).isTrue();
        assertThat(last.terminated()).isFalse();
        env.reset();
        assertThat(env.step(new double[] {0}).truncated()).as("the count restarts after reset").isFalse();
    }

    @Test
    void episodeStatisticsReportsTheReturnAndLengthOnTheLastStep() {
        Env env = new EpisodeStatistics(new TimeLimit(new Pendulum(), 5));
        env.reset(1);
        double sum = 0;
        Env.Step s = null;
        for (int t = 0; t < 5; t++) {
            s = env.step(new double[] {1});
            sum += s.reward();
            if (t < 4) assertThat(s.info()).doesNotContainKey("episode");
        }
        var episode = (EpisodeStatistics.Episode) s.info().get("episode");
        assertThat(episode.length()).isEqualTo(5);
        assertThat(episode.episodeReturn()).isCloseTo(sum, within(1e-12));
    }

    @Test
    void runningMeanStdMergesBatchesLikeOnePass() {
        var random = new SplittableRandom(3);
        double[][] all = new double[50][2];
        for (double[] row : all) {
            row[0] = 3 + 2 * random.nextGaussian();
            row[1] = -1 + 0.5 * random.nextGaussian();
        }
        var stats = new RunningMeanStd(2);
        for (int start = 0; start < 50; start += 10) stats.update(java.util.Arrays.copyOfRange(all, start, start + 10));
        for (int d = 0; d < 2; d++) {
            double mean = 0, var = 0;
            for (double[] row : all) mean += row[d];
            mean /= 50;
            for (double[] row : all) var += (row[d] - mean) * (row[d] - mean);
            var /= 50;
            // the prior (mean 0, var 1, count 1e-4) moves the answer by about 1e-4 / 50 of the gap
            assertThat(stats.mean()[d]).isCloseTo(mean, within(1e-4));
            assertThat(stats.var()[d]).isCloseTo(var, within(1e-4));
        }
    }

    @Test
    void normalizedObservationsHaveRoughlyZeroMeanAndUnitVariance() {
        var env = new NormalizeObservation(new TimeLimit(new MountainCar(), 200));
        var random = new SplittableRandom(0);
        env.reset(0);
        double sum = 0, sumSq = 0;
        int n = 2000;
        for (int t = 0; t < n; t++) {
            Env.Step s = env.step(random.nextInt(3));
            sum += s.observation()[0];
            sumSq += s.observation()[0] * s.observation()[0];
            if (s.done()) env.reset();
        }
        double mean = sum / n, var = sumSq / n - mean * mean;
        assertThat(mean).isCloseTo(0, within(0.3));
        assertThat(var).isCloseTo(1, within(0.5));
        env.freeze(true);
        double count = env.stats().count();
        env.step(1);
        assertThat(env.stats().count()).as("frozen statistics do not move").isEqualTo(count);
    }

    @Test
    void vectorEnvAutoresetsAndKeepsTheFinalObservation() {
        var vec = VectorEnv.of(() -> Envs.make("CartPole-v1"), 3);
        double[][] first = vec.reset(10);
        assertThat(first[0]).isEqualTo(Envs.make("CartPole-v1").reset(10).observation());
        assertThat(first[2]).isEqualTo(Envs.make("CartPole-v1").reset(12).observation());
        // always pushing right topples the pole within a few dozen steps
        boolean sawEnd = false;
        for (int t = 0; t < 100 && !sawEnd; t++) {
            VectorEnv.Step s = vec.step(new int[] {1, 1, 1});
            for (int i = 0; i < 3; i++) {
                if (s.terminated()[i]) {
                    sawEnd = true;
                    assertThat(Math.abs(s.finalObservations()[i][2]) > CartPole.THETA_THRESHOLD
                            || Math.abs(s.finalObservations()[i][0]) > CartPole.X_THRESHOLD).isTrue();
                    for (double x : s.observations()[i]) assertThat(Math.abs(x)).as("a fresh episode").isLessThanOrEqualTo(0.05);
                } else {
                    assertThat(s.finalObservations()[i]).isNull();
                }
            }
        }
        assertThat(sawEnd).isTrue();
    }
}
