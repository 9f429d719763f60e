package jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import jgrad.DType;
import jgrad.Tensor;
import org.junit.jupiter.api.Test;

/** The CRF against brute force over every tag sequence, which is feasible for K^T of a few hundred. */
class CRFTest {

    private static final List<String> BIO = List.of("O", "B-PER", "I-PER", "B-LOC", "I-LOC");

    /** Every sequence of {@code length} tags from {@code k}. */
    private static List<int[]> allPaths(int k, int length) {
        List<int[]> paths = new ArrayList<>();
        int total = (int) Math.pow(k, length);
        for (int code = 0; code < total; code++) {
            int[] path = new int[length];
            for (int t = 0, rest = code; t < length; t++, rest /= k) path[t] = rest % k;
            paths.add(path);
        }
        return paths;
    }

    private static double pathScore(CRF crf, Tensor emissions, int sentence, int[] path) {
        long[] tags = new long[emissions.size(1)];
        for (int t = 0; t < path.length; t++) tags[t] = path[t];
        Tensor one = emissions.select(0, sentence).unsqueeze(0);
        return crf.score(one, Tensor.of(tags, 1, tags.length), new int[] {path.length}).item();
    }

    private static CRF randomCrf(CRF.Constraints constraints, long seed) {
        var crf = new CRF(BIO.size(), constraints, new SplittableRandom(seed));
        crf.to(DType.FLOAT64);
        // transitions of order 1, so that they matter as much as the emissions
        crf.loadStateDict(java.util.Map.of("transitions", Tensor.randn(new SplittableRandom(seed + 1), DType.FLOAT64, 5, 5)), false);
        return crf;
    }

    @Test
    void logPartitionIsTheLogSumOverAllPathsOfExpScore() {
        var crf = randomCrf(CRF.Constraints.none(5), 3);
        Tensor emissions = Tensor.randn(new SplittableRandom(4), DType.FLOAT64, 2, 4, 5);
        int[] lengths = {4, 2};
        Tensor logZ = crf.logPartition(emissions, lengths);
        for (int b = 0; b < 2; b++) {
            double sum = 0;
            for (int[] path : allPaths(5, lengths[b])) sum += Math.exp(pathScore(crf, emissions, b, path));
            assertThat(logZ.get(b)).as("log Z of sentence %d (length %d)", b, lengths[b]).isCloseTo(Math.log(sum), within(1e-10));
        }
    }

    @Test
    void viterbiFindsTheBestOfAllPathsAndProbabilitiesSumToOne() {
        var crf = randomCrf(CRF.Constraints.none(5), 5);
        Tensor emissions = Tensor.randn(new SplittableRandom(6), DType.FLOAT64, 3, 3, 5);
        int[] lengths = {3, 1, 2};
        List<int[]> decoded = crf.decode(emissions, lengths);
        for (int b = 0; b < 3; b++) {
            int[] best = null;
            double bestScore = Double.NEGATIVE_INFINITY, probability = 0;
            for (int[] path : allPaths(5, lengths[b])) {
                double score = pathScore(crf, emissions, b, path);
                if (score > bestScore) {
                    bestScore = score;
                    best = path;
                }
                probability += Math.exp(score - crf.logPartition(emissions, lengths).get(b));
            }
            assertThat(decoded.get(b)).as("Viterbi path of sentence %d", b).containsExactly(best);
            assertThat(probability).as("p(y | x) sums to 1 over all paths").isCloseTo(1.0, within(1e-10));
        }
    }

    @Test
    void bioConstraintsForbidInsideTagsThatDoNotContinueAnEntity() {
        var constraints = CRF.Constraints.bio(BIO);
        assertThat(constraints.permits(new int[] {1, 2, 0, 3, 4})).as("B-PER I-PER O B-LOC I-LOC").isTrue();
        assertThat(constraints.permits(new int[] {2})).as("starts with I-PER").isFalse();
        assertThat(constraints.permits(new int[] {0, 2})).as("O then I-PER").isFalse();
        assertThat(constraints.permits(new int[] {1, 4})).as("B-PER then I-LOC").isFalse();
        assertThatThrownBy(() -> CRF.Constraints.bio(List.of("O", "PER"))).hasMessageContaining("'PER'");

        // Emissions that prefer the forbidden I- tags everywhere: the constrained Viterbi never picks an illegal path.
        var crf = randomCrf(constraints, 7);
        double[] scores = new double[2 * 6 * 5];
        var random = new SplittableRandom(8);
        for (int i = 0; i < scores.length; i++) scores[i] = random.nextDouble() + (i % 5 == 2 || i % 5 == 4 ? 3 : 0);
        Tensor emissions = Tensor.of(scores, 2, 6, 5);
        for (int[] path : crf.decode(emissions, new int[] {6, 4})) {
            assertThat(constraints.permits(path)).as("decoded %s", java.util.Arrays.toString(path)).isTrue();
        }
        var free = randomCrf(CRF.Constraints.none(5), 7);
        assertThat(free.decode(emissions, new int[] {6, 4}).stream().anyMatch(path -> !constraints.permits(path)))
                .as("without constraints the same emissions do give an illegal path").isTrue();
    }

    @Test
    void trainingOnAFewSentencesRaisesTheirLikelihood() {
        var crf = new CRF(3, CRF.Constraints.none(3), new SplittableRandom(1));
        Tensor emissions = Tensor.zeros(DType.FLOAT32, 2, 4, 3);
        Tensor gold = Tensor.of(new long[] {0, 1, 2, 0, 0, 1, 2, 0}, 2, 4);
        int[] lengths = {4, 3};
        var optimizer = new jgrad.optim.Adam(crf.parameters(), 0.1);
        double before = crf.negLogLikelihood(emissions, gold, lengths).item();
        for (int step = 0; step < 50; step++) {
            optimizer.zeroGrad();
            crf.negLogLikelihood(emissions, gold, lengths).backward();
            optimizer.step();
        }
        double after = crf.negLogLikelihood(emissions, gold, lengths).item();
        assertThat(after).as("NLL after 50 Adam steps (before: %.3f)", before).isLessThan(before / 3);
        assertThat(crf.decode(emissions, lengths)).as("transitions alone now spell the gold cycle 0 -> 1 -> 2 -> 0")
                .satisfiesExactly(p -> assertThat(p).containsExactly(0, 1, 2, 0), p -> assertThat(p).containsExactly(0, 1, 2));
    }

    @Test
    void badShapesAndTagsAreNamed() {
        var crf = new CRF(3);
        assertThatThrownBy(() -> crf.logPartition(Tensor.zeros(2, 4, 5), new int[] {4, 4}))
                .hasMessageContaining("CRF.logPartition").hasMessageContaining("(B, T, 3)").hasMessageContaining("(2, 4, 5)");
        assertThatThrownBy(() -> crf.logPartition(Tensor.zeros(2, 4, 3), new int[] {4, 5})).hasMessageContaining("length 5");
        assertThatThrownBy(() -> crf.score(Tensor.zeros(1, 2, 3), Tensor.of(new long[] {0, 7}, 1, 2), new int[] {2}))
                .hasMessageContaining("tag 7 at (0, 1)");
    }
}
