package exercises.unit14;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.nn.functional.Attention;
import jgrad.nn.functional.F;
import jgrad.nn.functional.Reduction;
import jgrad.text.Bleu;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Graded tests of unit 14, with jgrad's Bleu, F.crossEntropy and Attention.causalMask as the references. */
class TranslationTest {

    private static List<String> words(String text) {
        return List.of(text.split(" "));
    }

    @Test
    @Tag("task1")
    void clippedMatchesAndBrevityPenaltyByHand() {
        assertArrayEquals(new long[] {1, 3}, NgramBleu.matches(words("the the the"), words("the cat"), 1), "'the' is clipped to 1");
        assertArrayEquals(new long[] {3, 5}, NgramBleu.matches(words("the cat sat on the mat"), words("the cat is on the mat"), 2),
                "bigrams: the cat, on the, the mat match; cat sat, sat on do not");
        assertArrayEquals(new long[] {0, 0}, NgramBleu.matches(words("a b"), words("a b"), 3), "no trigrams in two words");
        assertEquals(1, NgramBleu.brevityPenalty(6, 6), 0);
        assertEquals(1, NgramBleu.brevityPenalty(7, 6), 0, "longer hypotheses are not penalised");
        assertEquals(Math.exp(1 - 6.0 / 4), NgramBleu.brevityPenalty(4, 6), 1e-15);
        assertEquals(0, NgramBleu.brevityPenalty(0, 6), 0);
    }

    @Test
    @Tag("task1")
    void corpusBleuOfTheCatSentence() {
        // matches 5/6, 3/5, 1/4 and 0/3 4-grams: smoothed to 1/(2 * 3); BP = 1: 100 (5/6 * 3/5 * 1/4 * 1/6)^(1/4) = 37.99
        double expected = 100 * Math.pow(5.0 / 6 * 3.0 / 5 * 1.0 / 4 * 1.0 / 6, 0.25);
        assertEquals(expected, NgramBleu.corpus(List.of(words("the cat sat on the mat")), List.of(words("the cat is on the mat"))), 1e-10);
    }

    @Test
    @Tag("task1")
    void corpusBleuMatchesJgradsSacreBleuOnRandomCorpora() {
        var random = new SplittableRandom(1401);
        String[] vocabulary = {"a", "b", "c", "d", "e"};
        for (int trial = 0; trial < 50; trial++) {
            var hypotheses = new ArrayList<List<String>>();
            var references = new ArrayList<List<String>>();
            var hypothesisTexts = new ArrayList<String>();
            var referenceTexts = new ArrayList<List<String>>();
            for (int s = 0; s < 1 + random.nextInt(4); s++) {
                var hypothesis = new ArrayList<String>();
                var reference = new ArrayList<String>();
                for (int i = random.nextInt(8); i > 0; i--) hypothesis.add(vocabulary[random.nextInt(vocabulary.length)]);
                for (int i = 1 + random.nextInt(8); i > 0; i--) reference.add(vocabulary[random.nextInt(vocabulary.length)]);
                hypotheses.add(hypothesis);
                references.add(reference);
                hypothesisTexts.add(String.join(" ", hypothesis));
                referenceTexts.add(List.of(String.join(" ", reference)));
            }
            double expected = Bleu.corpus(hypothesisTexts, referenceTexts).score();
            assertEquals(expected, NgramBleu.corpus(hypotheses, references), 1e-9, "BLEU of " + hypotheses + " against " + references);
        }
    }

    @Test
    @Tag("task2")
    void beamStepOfAHandWorkedBeam() {
        double[] beam = {Math.log(0.6), Math.log(0.4)};
        double[][] next = {{Math.log(0.5), Math.log(0.4), Math.log(0.1)}, {Math.log(0.9), Math.log(0.05), Math.log(0.05)}};
        // sums: (0,0) 0.30, (0,1) 0.24, (0,2) 0.06, (1,0) 0.36, (1,1) 0.02, (1,2) 0.02
        List<Beam.Extension> best = Beam.step(beam, next, 2);
        assertEquals(2, best.size(), "beam size 2");
        assertEquals(List.of(1, 0), List.of(best.get(0).beam(), best.get(0).token()), "0.4 * 0.9 = 0.36 beats 0.6 * 0.5 = 0.30: " + best);
        assertEquals(List.of(0, 0), List.of(best.get(1).beam(), best.get(1).token()), "then 0.30: " + best);
        assertEquals(Math.log(0.36), best.get(0).logProbability(), 1e-12);
    }

    @Test
    @Tag("task2")
    void beamStepKeepsTheBestSumsWithTiesInOrder() {
        var random = new SplittableRandom(1402);
        for (int trial = 0; trial < 30; trial++) {
            int beams = 1 + random.nextInt(4), vocabulary = 1 + random.nextInt(6), size = 1 + random.nextInt(8);
            double[] beam = new double[beams];
            double[][] next = new double[beams][vocabulary];
            for (int b = 0; b < beams; b++) {
                beam[b] = -random.nextInt(3);                                    // small integers: many equal sums
                for (int v = 0; v < vocabulary; v++) next[b][v] = -random.nextInt(3);
            }
            var all = new ArrayList<double[]>();
            for (int b = 0; b < beams; b++) {
                for (int v = 0; v < vocabulary; v++) all.add(new double[] {b, v, beam[b] + next[b][v]});
            }
            all.sort((x, y) -> x[2] != y[2] ? Double.compare(y[2], x[2]) : x[0] != y[0] ? Double.compare(x[0], y[0]) : Double.compare(x[1], y[1]));
            List<Beam.Extension> best = Beam.step(beam, next, size);
            assertEquals(Math.min(size, all.size()), best.size(), "kept extensions");
            for (int i = 0; i < best.size(); i++) {
                String where = "extension " + i + " of beam " + Arrays.toString(beam) + " next " + Arrays.deepToString(next);
                assertEquals((int) all.get(i)[0], best.get(i).beam(), where);
                assertEquals((int) all.get(i)[1], best.get(i).token(), where);
                assertEquals(all.get(i)[2], best.get(i).logProbability(), 1e-12, where);
            }
        }
    }

    @Test
    @Tag("task2")
    void lengthPenaltyFavoursLongerTranslationsOnlyWithAlpha() {
        assertEquals(-3.0, Beam.penalised(-3.0, 4, 0), 0, "alpha 0: no penalty");
        assertEquals(-3.0 / Math.pow(9.0 / 6, 0.6), Beam.penalised(-3.0, 4, 0.6), 1e-12);
        assertEquals(-2.0, Beam.penalised(-2.0, 1, 1.0), 1e-12, "length 1: (5 + 1) / 6 = 1");
        // -2.0 over 3 tokens against -2.4 over 9: plain log-probability prefers the short one, alpha 1 the long one
        assertEquals(true, Beam.penalised(-2.0, 3, 0) > Beam.penalised(-2.4, 9, 0));
        assertEquals(true, Beam.penalised(-2.0, 3, 1.0) < Beam.penalised(-2.4, 9, 1.0),
                Beam.penalised(-2.0, 3, 1.0) + " vs " + Beam.penalised(-2.4, 9, 1.0));
    }

    @Test
    @Tag("task3")
    void labelSmoothedLossMatchesFCrossEntropy() {
        var random = new SplittableRandom(1403);
        for (int trial = 0; trial < 30; trial++) {
            int classes = 1 + random.nextInt(7), target = random.nextInt(classes);
            double epsilon = trial % 3 == 0 ? 0 : random.nextDouble();
            double[] logits = new double[classes];
            for (int v = 0; v < classes; v++) logits[v] = 3 * random.nextGaussian() + (trial == 1 ? 900 : 0);
            double expected = F.crossEntropy(Tensor.of(logits, 1, classes), Tensor.of(new long[] {target}, 1), null,
                    F.DEFAULT_IGNORE_INDEX, Reduction.MEAN, epsilon).item();
            assertEquals(expected, Smoothing.loss(logits, target, epsilon), 1e-9,
                    "logits " + Arrays.toString(logits) + ", target " + target + ", epsilon " + epsilon);
        }
    }

    @Test
    @Tag("task3")
    void causalMaskMatchesAttentionCausalMask() {
        for (int steps = 1; steps <= 5; steps++) {
            boolean[][] mask = Smoothing.causalMask(steps);
            Tensor expected = Attention.causalMask(steps, steps);
            assertEquals(steps, mask.length, "rows");
            for (int i = 0; i < steps; i++) {
                for (int j = 0; j < steps; j++) {
                    assertEquals(expected.get(i, j) != 0, mask[i][j], "(" + i + ", " + j + ") of a " + steps + "-step mask");
                }
            }
        }
    }
}
