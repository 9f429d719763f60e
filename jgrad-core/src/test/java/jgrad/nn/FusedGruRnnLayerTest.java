package jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.kernels.KernelMode;
import jgrad.kernels.Kernels;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The fused float32 GRU and RNN layers ({@link FusedGruLayer}, {@link FusedRnnLayer}) against the
 * composed float64 per-step graph of {@link RecurrentSteps}, as {@link FusedLstmLayerTest} does for
 * the LSTM: output, h_n and the gradients of the input, h0 and every parameter, for 1–2 layers,
 * either direction, with and without biases, batch first or not, under both kernel modes (FAST runs
 * the fused layers, REFERENCE the composed steps in float32). Same tolerance and reasoning.
 */
class FusedGruRnnLayerTest {

    @Provide
    Arbitrary<String> kinds() {
        return Arbitraries.of("gru", "tanh", "relu");
    }

    @Property(tries = 30)
    void fusedFloat32LayerMatchesComposedFloat64(@ForAll("kinds") String kind, @ForAll @IntRange(min = 1, max = 2) int layers,
                                                 @ForAll boolean bidirectional, @ForAll boolean bias, @ForAll boolean batchFirst,
                                                 @ForAll @IntRange(min = 1, max = 7) int length,
                                                 @ForAll @IntRange(min = 1, max = 3) int batch,
                                                 @ForAll @IntRange(min = 1, max = 19) int hidden, @ForAll KernelMode mode,
                                                 @ForAll long seed) {
        var random = new SplittableRandom(seed);
        int in = 4, directions = bidirectional ? 2 : 1;
        Tensor x = Tensor.randn(random, DType.FLOAT32, batchFirst ? new int[] {batch, length, in} : new int[] {length, batch, in});
        Tensor h0 = Tensor.randn(random, DType.FLOAT32, layers * directions, batch, hidden);
        long modelSeed = random.nextLong();
        int outputs = batch * length * directions * hidden, states = layers * directions * batch * hidden;
        Tensor upstream = Tensor.randn(random, DType.FLOAT64, outputs + states);

        var reference = run(kind, DType.FLOAT64, layers, bidirectional, bias, batchFirst, hidden, modelSeed, x, h0, upstream);
        Map<String, double[]> fused;
        try (var kernels = Kernels.use(mode)) {
            fused = run(kind, DType.FLOAT32, layers, bidirectional, bias, batchFirst, hidden, modelSeed, x, h0, upstream);
        }
        assertThat(fused.keySet()).containsExactlyElementsOf(reference.keySet());
        for (String name : reference.keySet()) {
            double[] expected = reference.get(name), actual = fused.get(name);
            for (int j = 0; j < expected.length; j++) {
                assertThat(Math.abs(actual[j] - expected[j]))
                        .as("%s %s[%d]: float32 (%s) %.7f vs composed float64 %.7f", kind, name, j, mode, actual[j], expected[j])
                        .isLessThanOrEqualTo(1e-4 * Math.max(1, Math.abs(expected[j])));
            }
        }
    }

    @Test
    void float32LayersRecordOneNodePerLayerAndDirection() {
        var gru = new GRU(3, 4, 1, true, false, 0.0, false, new SplittableRandom(1));
        var rnn = new RNN(3, 4, 1, "relu", true, false, 0.0, false, new SplittableRandom(1));
        Tensor x = Tensor.randn(new SplittableRandom(2), DType.FLOAT32, 6, 2, 3);
        assertThat(gru.forward(x, null).output().gradFn().name()).isEqualTo("FusedGruLayerBackward");
        assertThat(rnn.forward(x, null).output().gradFn().name()).isEqualTo("FusedRnnReluLayerBackward");
        try (var kernels = Kernels.use(KernelMode.REFERENCE)) {
            assertThat(gru.forward(x, null).output().gradFn().name()).as("the reference kernels compose the steps")
                    .doesNotStartWith("Fused");
        }
    }

    private static RNNBase layer(String kind, int in, int hidden, int layers, boolean bias, boolean batchFirst,
                                 boolean bidirectional, long seed) {
        var generator = new SplittableRandom(seed);
        return kind.equals("gru") ? new GRU(in, hidden, layers, bias, batchFirst, 0.0, bidirectional, generator)
                : new RNN(in, hidden, layers, kind, bias, batchFirst, 0.0, bidirectional, generator);
    }

    /** Output and h_n (flattened together) and every gradient, by name, as doubles. */
    private static Map<String, double[]> run(String kind, DType dtype, int layers, boolean bidirectional, boolean bias,
                                             boolean batchFirst, int hidden, long modelSeed, Tensor x, Tensor h0, Tensor upstream) {
        var module = layer(kind, x.size(2), hidden, layers, bias, batchFirst, bidirectional, modelSeed);
        module.to(dtype);
        Tensor input = x.to(dtype).copy().requiresGrad(true);
        Tensor h = h0.to(dtype).copy().requiresGrad(true);
        var out = module.run(input, HiddenState.of(h));
        Tensor flat = Tensor.cat(List.of(out.output().reshape(-1), out.state().h().reshape(-1)), 0);
        flat.backward(upstream.to(dtype));
        Map<String, double[]> results = new LinkedHashMap<>();
        results.put("[output | h_n]", flat.toDoubleArray());
        results.put("grad input", input.grad().toDoubleArray());
        results.put("grad h0", h.grad().toDoubleArray());
        module.namedParameters().forEach((name, p) -> results.put("grad " + name, p.grad().toDoubleArray()));
        return results;
    }
}
