package exercises.unit13;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import jgrad.DType;
import jgrad.Grad;
import jgrad.Tensor;
import jgrad.nn.CRF;
import jgrad.train.ClassificationReport;
import jgrad.train.ConfusionMatrix;
import jgrad.train.EntityScores;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Graded tests of unit 13, with jgrad's ClassificationReport, CRF and EntityScores as the references. */
class TextClassificationNerTest {

    @Test
    @Tag("task1")
    void reportOfAHandWorkedMatrix() {
        // true 0: 3 right, 1 called 1; true 1: 2 right; true 2: 1 called 0, none right; nothing predicted as 2
        long[][] confusion = {{3, 1, 0}, {0, 2, 0}, {1, 0, 0}};
        double[][] rows = Scores.report(confusion);
        assertArrayEquals(new double[] {0.75, 0.75, 0.75, 4}, rows[0], 1e-12, "class 0: P = 3/4, R = 3/4");
        assertArrayEquals(new double[] {2.0 / 3, 1, 0.8, 2}, rows[1], 1e-12, "class 1: P = 2/3, R = 2/2, F1 = 0.8");
        assertArrayEquals(new double[] {0, 0, 0, 1}, rows[2], 1e-12, "class 2 is never predicted: P = 0 by convention");
        assertArrayEquals(new double[] {(0.75 + 2.0 / 3) / 3, 1.75 / 3, 1.55 / 3, 7}, rows[3], 1e-12, "macro average");
        assertArrayEquals(new double[] {(0.75 * 4 + 2.0 / 3 * 2) / 7, 5.0 / 7, (0.75 * 4 + 0.8 * 2) / 7, 7}, rows[4], 1e-12,
                "weighted average");
    }

    @Test
    @Tag("task1")
    void reportMatchesJgradOnRandomMatrices() {
        var random = new SplittableRandom(1301);
        for (int trial = 0; trial < 20; trial++) {
            int classes = 2 + random.nextInt(5);
            var matrix = new ConfusionMatrix(classes);
            long[][] confusion = new long[classes][classes];
            for (int n = random.nextInt(40); n > 0; n--) {
                int actual = random.nextInt(classes), predicted = random.nextInt(classes);
                confusion[actual][predicted]++;
                matrix.add(actual, predicted);
            }
            var expected = ClassificationReport.of(matrix);
            double[][] rows = Scores.report(confusion);
            assertEquals(classes + 2, rows.length, "rows for " + Arrays.deepToString(confusion));
            for (int c = 0; c < classes + 2; c++) {
                var want = c < classes ? expected.classes().get(c) : c == classes ? expected.macro() : expected.weighted();
                assertArrayEquals(new double[] {want.precision(), want.recall(), want.f1(), want.support()}, rows[c], 1e-12,
                        "row " + c + " of " + Arrays.deepToString(confusion));
            }
        }
    }

    /** A random lattice loaded into a float64 jgrad CRF with no constraints. */
    private record Case(double[][] emissions, double[][] transitions, double[] start, double[] end, CRF crf, Tensor tensor) {
        static Case random(SplittableRandom random, int steps, int tags, double scale) {
            double[][] emissions = new double[steps][tags], transitions = new double[tags][tags];
            double[] start = new double[tags], end = new double[tags];
            for (double[] row : emissions) for (int j = 0; j < tags; j++) row[j] = scale * random.nextGaussian();
            for (double[] row : transitions) for (int j = 0; j < tags; j++) row[j] = scale * random.nextGaussian();
            for (int j = 0; j < tags; j++) {
                start[j] = random.nextGaussian();
                end[j] = random.nextGaussian();
            }
            var crf = new CRF(tags);
            crf.to(DType.FLOAT64);
            try (var ignored = Grad.noGrad()) {
                crf.namedParameters().get("transitions").copy_(Tensor.of(Arrays.stream(transitions).flatMapToDouble(Arrays::stream).toArray(), tags, tags));
                crf.namedParameters().get("start_transitions").copy_(Tensor.of(start, tags));
                crf.namedParameters().get("end_transitions").copy_(Tensor.of(end, tags));
            }
            Tensor tensor = Tensor.of(Arrays.stream(emissions).flatMapToDouble(Arrays::stream).toArray(), 1, steps, tags);
            return new Case(emissions, transitions, start, end, crf, tensor);
        }

        String describe() {
            return "lattice T=" + emissions.length + ", K=" + start.length + ", emissions " + Arrays.deepToString(emissions);
        }
    }

    @Test
    @Tag("task2")
    void logPartitionMatchesJgradsForwardAlgorithm() {
        var random = new SplittableRandom(1302);
        for (int trial = 0; trial < 20; trial++) {
            var c = Case.random(random, 1 + random.nextInt(6), 1 + random.nextInt(5), 1.0);
            double expected = c.crf().logPartition(c.tensor(), new int[] {c.emissions().length}).item();
            assertEquals(expected, Lattice.logPartition(c.emissions(), c.transitions(), c.start(), c.end()), 1e-10, c.describe());
        }
    }

    @Test
    @Tag("task2")
    void logPartitionDoesNotOverflowOnLargeScores() {
        var c = Case.random(new SplittableRandom(1303), 5, 3, 300.0);
        double expected = c.crf().logPartition(c.tensor(), new int[] {5}).item();
        double actual = Lattice.logPartition(c.emissions(), c.transitions(), c.start(), c.end());
        assertEquals(expected, actual, 1e-9 * Math.abs(expected), "scores near 1000 need logsumexp with the maximum taken out");
    }

    @Test
    @Tag("task2")
    void viterbiFindsTheBestOfAllPaths() {
        var random = new SplittableRandom(1304);
        for (int trial = 0; trial < 20; trial++) {
            var c = Case.random(random, 1 + random.nextInt(5), 1 + random.nextInt(4), 1.0);
            int steps = c.emissions().length, tags = c.start().length;
            int[] best = null;
            double bestScore = Double.NEGATIVE_INFINITY;
            int[] path = new int[steps];
            for (int code = 0; code < Math.pow(tags, steps); code++) {          // every path, by brute force
                for (int t = 0, rest = code; t < steps; t++, rest /= tags) path[t] = rest % tags;
                double score = c.start()[path[0]] + c.end()[path[steps - 1]];
                for (int t = 0; t < steps; t++) score += c.emissions()[t][path[t]] + (t > 0 ? c.transitions()[path[t - 1]][path[t]] : 0);
                if (score > bestScore) {
                    bestScore = score;
                    best = path.clone();
                }
            }
            assertArrayEquals(best, Lattice.viterbi(c.emissions(), c.transitions(), c.start(), c.end()), c.describe());
            assertArrayEquals(c.crf().decode(c.tensor(), new int[] {steps}).get(0), best, "jgrad's CRF.decode agrees");
        }
    }

    @Test
    @Tag("task3")
    void chunksOfHandWorkedSequences() {
        assertEquals(List.of(new Chunks.Chunk("PER", 0, 1), new Chunks.Chunk("LOC", 3, 3)),
                Chunks.chunks(List.of("B-PER", "I-PER", "O", "B-LOC")), "two entities");
        assertEquals(List.of(new Chunks.Chunk("PER", 0, 0), new Chunks.Chunk("PER", 1, 1)),
                Chunks.chunks(List.of("B-PER", "B-PER")), "B starts a new entity even after the same type");
        assertEquals(List.of(new Chunks.Chunk("ORG", 1, 2), new Chunks.Chunk("LOC", 3, 3)),
                Chunks.chunks(List.of("O", "I-ORG", "I-ORG", "I-LOC")), "I after O, and I of another type, start entities");
        assertEquals(List.of(), Chunks.chunks(List.of("O", "O")), "no entities");
    }

    private static List<String> randomTags(SplittableRandom random, int length) {
        String[] tags = {"O", "O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG"};
        var result = new ArrayList<String>();
        for (int i = 0; i < length; i++) result.add(tags[random.nextInt(tags.length)]);
        return result;
    }

    @Test
    @Tag("task3")
    void chunksMatchConllevalsReadingOfRandomSequences() {
        var random = new SplittableRandom(1305);
        for (int trial = 0; trial < 200; trial++) {
            List<String> tags = randomTags(random, random.nextInt(10));
            var expected = EntityScores.chunks(tags).stream().map(c -> new Chunks.Chunk(c.type(), c.start(), c.end())).toList();
            assertEquals(expected, Chunks.chunks(tags), "chunks of " + tags);
        }
    }

    @Test
    @Tag("task3")
    void entityF1MatchesJgradsEntityScores() {
        var random = new SplittableRandom(1306);
        for (int trial = 0; trial < 20; trial++) {
            var actual = new ArrayList<List<String>>();
            var predicted = new ArrayList<List<String>>();
            var scores = new EntityScores();
            for (int s = 0; s < 1 + random.nextInt(6); s++) {
                int length = 1 + random.nextInt(8);
                List<String> truth = randomTags(random, length), guess = new ArrayList<>(truth);
                for (int i = 0; i < length; i++) {
                    if (random.nextInt(3) == 0) guess.set(i, randomTags(random, 1).get(0));   // a third of the tags perturbed
                }
                actual.add(truth);
                predicted.add(guess);
                scores.add(truth, guess);
            }
            assertEquals(scores.f1(), Chunks.f1(actual, predicted), 1e-12, "F1 of " + predicted + " against " + actual);
        }
    }
}
