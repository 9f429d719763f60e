package jgrad.parity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.io.Safetensors;
import jgrad.nn.BiLSTM;
import jgrad.nn.CRF;
import jgrad.nn.functional.F;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Parity of the language building blocks with PyTorch 1.13: {@code language.safetensors} (written by
 * {@code make_language_fixtures.py} next to it) holds, in float64, inputs, weights, outputs and the
 * gradients of {@code sum(output * upstream)}. Tolerance 1e-10 absolute: both sides evaluate the
 * same formulas in double and differ only in the order of summation.
 */
class LanguageParityTest {

    private static final double TOLERANCE = 1e-10;
    private static Map<String, Tensor> fixture;

    @BeforeAll
    static void load() throws IOException, URISyntaxException {
        fixture = Safetensors.load(Path.of(LanguageParityTest.class.getResource("/jgrad/parity/language.safetensors").toURI()));
    }

    private static Tensor leaf(String name) {
        return fixture.get(name).detach().copy().requiresGrad(true);
    }

    private static int[] ints(String name) {
        return java.util.Arrays.stream(fixture.get(name).toLongArray()).mapToInt(Math::toIntExact).toArray();
    }

    private static double compare(String what, Tensor actual, Tensor expected) {
        assertThat(actual).as(what + " is missing").isNotNull();
        return PyTorchParityTest.compare(what, actual, expected, TOLERANCE);
    }

    /**
     * Compares the outputs, back-propagates {@code sum(output * upstream)} and compares the gradient
     * of every named leaf with PyTorch's {@code <prefix>grad.<name>}.
     */
    private static void compareAll(String prefix, Map<String, Tensor> outputs, Map<String, Tensor> leaves) {
        double worst = 0;
        Tensor loss = null;
        for (var entry : outputs.entrySet()) {
            worst = Math.max(worst, compare(prefix + "out." + entry.getKey(), entry.getValue(), fixture.get(prefix + "out." + entry.getKey())));
            Tensor term = entry.getValue().mul(fixture.get(prefix + "upstream." + entry.getKey())).sum();
            loss = loss == null ? term : loss.add(term);
        }
        loss.backward();
        for (var entry : leaves.entrySet()) {
            worst = Math.max(worst, compare(prefix + "grad." + entry.getKey(), entry.getValue().grad(),
                    fixture.get(prefix + "grad." + entry.getKey())));
        }
        System.out.printf(Locale.ROOT, "parity %-10s max |jgrad - PyTorch| = %.3e%n", prefix, worst);
    }

    @Test
    void conv1dWithStridePaddingDilationAndGroupsMatchesPyTorch() {
        Tensor x = leaf("conv1d.in.x"), weight = leaf("conv1d.param.weight"), bias = leaf("conv1d.param.bias");
        Tensor y = F.conv1d(x, weight, bias, 2, 1, 2, 2);
        compareAll("conv1d.", Map.of("y", y), Map.of("x", x, "weight", weight, "bias", bias));
    }

    @Test
    void maxAndAveragePooling1dMatchPyTorch() {
        Tensor x = leaf("pool1d.in.x");
        var outputs = new LinkedHashMap<String, Tensor>();
        outputs.put("max", F.maxPool1d(x, 3, 2, 1, 1, true));
        outputs.put("max_dilated", F.maxPool1d(x, 2, 1, 0, 3, false));
        outputs.put("avg", F.avgPool1d(x, 3, 2, 1, false, false));
        outputs.put("avg_with_pad", F.avgPool1d(x, 4, 3, 2, true, true));
        compareAll("pool1d.", outputs, Map.of("x", x));
    }

    /** PyTorch runs {@code nn.LSTM(bidirectional=True)} on a packed batch; jgrad's BiLSTM takes the padded batch and lengths. */
    @Test
    void biLstmOverPaddedBatchMatchesPyTorchsPackedSequence() {
        var bilstm = new BiLSTM(3, 4, new SplittableRandom(0));
        bilstm.to(DType.FLOAT64);
        var state = new LinkedHashMap<String, Tensor>();
        for (String name : List.of("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0")) {
            state.put("forward." + name, fixture.get("bilstm.param." + name));
            state.put("backward." + name, fixture.get("bilstm.param." + name + "_reverse"));
        }
        assertThat(bilstm.loadStateDict(state).missingKeys()).isEmpty();
        Tensor x = leaf("bilstm.in.x");
        var out = bilstm.forward(x, ints("bilstm.in.lengths"));
        var leaves = new LinkedHashMap<String, Tensor>();
        leaves.put("x", x);
        bilstm.namedParameters().forEach((name, p) ->
                leaves.put(name.replace("forward.", "").replace("backward.", "") + (name.startsWith("backward.") ? "_reverse" : ""), p));
        var outputs = new LinkedHashMap<String, Tensor>();
        outputs.put("output", out.output());
        outputs.put("last", out.last());
        compareAll("bilstm.", outputs, leaves);
    }

    /** PyTorch's reference is the forward algorithm and gold score written out in the fixture script; Viterbi is checked against brute force there. */
    @Test
    void crfLogLikelihoodGradientsAndViterbiMatchTheReference() {
        var crf = new CRF(4);
        crf.to(DType.FLOAT64);
        crf.loadStateDict(Map.of("start_transitions", fixture.get("crf.param.start_transitions"),
                "end_transitions", fixture.get("crf.param.end_transitions"),
                "transitions", fixture.get("crf.param.transitions")));
        Tensor emissions = leaf("crf.in.emissions");
        int[] lengths = ints("crf.in.lengths");
        Tensor logLikelihood = crf.logLikelihood(emissions, fixture.get("crf.in.tags"), lengths);
        var leaves = new LinkedHashMap<String, Tensor>();
        leaves.put("emissions", emissions);
        leaves.putAll(crf.namedParameters());
        compareAll("crf.", Map.of("log_likelihood", logLikelihood), leaves);

        List<int[]> paths = crf.decode(emissions, lengths);
        long[] expected = fixture.get("crf.out.viterbi").toLongArray();
        for (int b = 0; b < lengths.length; b++) {
            long[] best = java.util.Arrays.copyOfRange(expected, b * 5, b * 5 + lengths[b]);
            assertThat(java.util.Arrays.stream(paths.get(b)).asLongStream().toArray()).as("Viterbi path of sentence %d", b)
                    .containsExactly(best);
        }
    }
}
