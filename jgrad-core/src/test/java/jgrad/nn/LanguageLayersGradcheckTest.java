package jgrad.nn;

import java.util.List;
import java.util.SplittableRandom;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.nn.functional.F;
import jgrad.testing.Gradchecks;
import jgrad.testing.ModuleGradchecks;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Gradient checks in float64 of the layers for text: Conv1d, 1-D pooling, the padded-sequence helpers,
 * the BiLSTM over variable lengths and the CRF log-likelihood, with random shapes, options and
 * upstream gradients. Tolerances: {@link jgrad.Gradcheck}'s (relative 1e-5 or absolute 1e-7).
 */
class LanguageLayersGradcheckTest {

    private static Tensor leaf(SplittableRandom random, int... shape) {
        return Tensor.randn(random, DType.FLOAT64, shape).requiresGrad(true);
    }

    /** A random permutation of values 0.1 apart, so no max can switch under Gradcheck's 1e-6 step. */
    private static Tensor distinct(SplittableRandom random, int... shape) {
        int n = jgrad.Shape.numel(shape);
        int[] order = jgrad.data.Dataset.permutation(n, random);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) values[i] = 0.1 * order[i] - 0.05 * n;
        return Tensor.of(values, shape).requiresGrad(true);
    }

    private static int[] randomLengths(SplittableRandom random, int batch, int steps) {
        int[] lengths = new int[batch];
        for (int b = 0; b < batch; b++) lengths[b] = 1 + random.nextInt(steps);
        lengths[random.nextInt(batch)] = steps;      // the longest fills the batch, as after padding
        return lengths;
    }

    @Property(tries = 25)
    void conv1dGradientsMatch(@ForAll @IntRange(min = 1, max = 3) int kernel,
                              @ForAll @IntRange(min = 1, max = 2) int stride,
                              @ForAll @IntRange(min = 0, max = 2) int padding,
                              @ForAll @IntRange(min = 1, max = 2) int dilation,
                              @ForAll @IntRange(min = 1, max = 2) int groups,
                              @ForAll boolean bias, @ForAll boolean unbatched, @ForAll long seed) {
        var random = new SplittableRandom(seed);
        int channels = 2 * groups, out = 2 * groups;
        int length = dilation * (kernel - 1) + 1 + random.nextInt(4);
        Tensor x = unbatched ? leaf(random, channels, length) : leaf(random, 2, channels, length);
        Tensor w = leaf(random, out, channels / groups, kernel);
        Tensor b = bias ? leaf(random, out) : null;
        Tensor[] inputs = bias ? new Tensor[] {x, w, b} : new Tensor[] {x, w};
        Gradchecks.assertGradientsMatch("F.conv1d", seed,
                in -> F.conv1d(in.get(0), in.get(1), bias ? in.get(2) : null, stride, padding, dilation, groups), inputs);
    }

    @Property(tries = 25)
    void pooling1dGradientsMatch(@ForAll @IntRange(min = 1, max = 3) int kernel,
                                 @ForAll @IntRange(min = 1, max = 3) int stride,
                                 @ForAll @IntRange(min = 0, max = 1) int padding,
                                 @ForAll boolean ceilMode, @ForAll boolean countIncludePad, @ForAll long seed) {
        var random = new SplittableRandom(seed);
        int pad = Math.min(padding, kernel / 2);
        Tensor x = distinct(random, 2, 3, kernel + random.nextInt(5));
        Gradchecks.assertGradientsMatch("F.maxPool1d", seed, in -> F.maxPool1d(in.get(0), kernel, stride, pad, 1, ceilMode), x);
        Gradchecks.assertGradientsMatch("F.avgPool1d", seed,
                in -> F.avgPool1d(in.get(0), kernel, stride, pad, ceilMode, countIncludePad), x);
    }

    @Property(tries = 20)
    void paddedSequenceHelpersGradientsMatch(@ForAll @IntRange(min = 1, max = 3) int batch,
                                             @ForAll @IntRange(min = 1, max = 4) int steps, @ForAll long seed) {
        var random = new SplittableRandom(seed);
        int[] lengths = randomLengths(random, batch, steps);
        Tensor x = distinct(random, batch, steps, 2);
        Tensor keep = PaddedSequences.lengthMask(lengths, steps).unsqueeze(-1);
        Gradchecks.assertGradientsMatch("PaddedSequences.reverse", seed, in -> PaddedSequences.reverse(in.get(0), lengths), x);
        Gradchecks.assertGradientsMatch("PaddedSequences.lastStep", seed, in -> PaddedSequences.lastStep(in.get(0), lengths), x);
        Gradchecks.assertGradientsMatch("PaddedSequences.maskedMax", seed, in -> PaddedSequences.maskedMax(in.get(0), keep, 1), x);
        Gradchecks.assertGradientsMatch("PaddedSequences.maskedMean", seed, in -> PaddedSequences.maskedMean(in.get(0), keep, 1), x);
    }

    @Property(tries = 10)
    void biLstmGradientsMatchWithVariableLengths(@ForAll @IntRange(min = 1, max = 3) int batch,
                                                 @ForAll @IntRange(min = 1, max = 3) int steps, @ForAll long seed) {
        var random = new SplittableRandom(seed);
        var bilstm = new BiLSTM(2, 2, random);
        bilstm.to(DType.FLOAT64);
        int[] lengths = randomLengths(random, batch, steps);
        Tensor x = leaf(random, batch, steps, 2);
        ModuleGradchecks.assertGradientsMatch("nn.BiLSTM", seed, bilstm, () -> {
            var out = bilstm.forward(x, lengths);
            return Tensor.cat(List.of(out.output().reshape(batch, -1), out.last()), 1);
        }, x);
    }

    @Property(tries = 15)
    void crfLogLikelihoodGradientsMatch(@ForAll @IntRange(min = 1, max = 3) int batch,
                                        @ForAll @IntRange(min = 1, max = 4) int steps,
                                        @ForAll boolean bio, @ForAll long seed) {
        var random = new SplittableRandom(seed);
        List<String> tags = List.of("O", "B-PER", "I-PER", "B-LOC", "I-LOC");
        var crf = new CRF(tags.size(), bio ? CRF.Constraints.bio(tags) : CRF.Constraints.none(tags.size()), random);
        crf.to(DType.FLOAT64);
        int[] lengths = randomLengths(random, batch, steps);
        Tensor emissions = leaf(random, batch, steps, tags.size());
        Tensor gold = legalTags(random, crf.constraints(), lengths, steps);
        // One step has no transition between tags: then the transition matrix takes no part.
        ModuleGradchecks.assertGradientsMatch("nn.CRF.logLikelihood", seed, crf, name -> steps > 1 || !name.equals("transitions"),
                () -> crf.logLikelihood(emissions, gold, lengths), emissions);
    }

    /**
     * Random gold tags that obey the constraints (rejection sampling per sentence). An illegal gold
     * path would score about {@link CRF#IMPOSSIBLE} = -1e4, and central differences of a loss that
     * large lose the digits Gradcheck compares; real training data is legal anyway.
     */
    private static Tensor legalTags(SplittableRandom random, CRF.Constraints constraints, int[] lengths, int steps) {
        int k = constraints.allowedStart().length;
        long[] tags = new long[lengths.length * steps];
        for (int b = 0; b < lengths.length; b++) {
            int[] path = new int[lengths[b]];
            do {
                for (int t = 0; t < path.length; t++) path[t] = random.nextInt(k);
            } while (!constraints.permits(path));
            for (int t = 0; t < path.length; t++) tags[b * steps + t] = path[t];
        }
        return Tensor.of(tags, lengths.length, steps);
    }
}
