package jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.kernels.KernelMode;
import jgrad.kernels.Kernels;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The fused float32 LSTM layer (whole sequence, hand-written backprop through time) against the
 * composed float64 per-step graph: the output, h_n, c_n and the gradients of the input, both initial
 * states and every parameter, for 1–2 layers, either direction, with and without biases, batch
 * first or not. Both runs start from the same float32-representable numbers, so the difference is
 * float32 rounding only. Tolerance 1e-4 · max(1, |expected|): a few hundred float32 roundings along
 * the longest chain (steps × hidden size), each ~6e-8 relative.
 */
class FusedLstmLayerTest {

    @Property(tries = 20)
    void fusedFloat32LayerMatchesComposedFloat64(@ForAll @IntRange(min = 1, max = 2) int layers,
                                                 @ForAll boolean bidirectional, @ForAll boolean bias,
                                                 @ForAll boolean batchFirst,
                                                 @ForAll @IntRange(min = 1, max = 7) int length,
                                                 @ForAll @IntRange(min = 1, max = 3) int batch,
                                                 @ForAll @IntRange(min = 1, max = 9) int hidden, @ForAll KernelMode mode,
                                                 @ForAll long seed) {
        var random = new SplittableRandom(seed);
        int in = 4, directions = bidirectional ? 2 : 1;
        Tensor x = Tensor.randn(random, DType.FLOAT32, batchFirst ? new int[] {batch, length, in} : new int[] {length, batch, in});
        Tensor h0 = Tensor.randn(random, DType.FLOAT32, layers * directions, batch, hidden);
        Tensor c0 = Tensor.randn(random, DType.FLOAT32, layers * directions, batch, hidden);
        long modelSeed = random.nextLong();
        int outputs = batch * length * directions * hidden, states = layers * directions * batch * hidden;
        Tensor upstream = Tensor.randn(random, DType.FLOAT64, outputs + 2 * states);

        var reference = run(DType.FLOAT64, layers, bidirectional, bias, batchFirst, hidden, modelSeed, x, h0, c0, upstream);
        Map<String, double[]> fused;
        try (var kernels = Kernels.use(mode)) {   // FAST: FusedLstmLayer; REFERENCE: composed steps on float32
            fused = run(DType.FLOAT32, layers, bidirectional, bias, batchFirst, hidden, modelSeed, x, h0, c0, upstream);
        }
        assertThat(fused.keySet()).containsExactlyElementsOf(reference.keySet());
        for (String name : reference.keySet()) {
            double[] expected = reference.get(name), actual = fused.get(name);
            for (int j = 0; j < expected.length; j++) {
                assertThat(Math.abs(actual[j] - expected[j]))
                        .as("%s[%d]: fused float32 %.7f vs composed float64 %.7f", name, j, actual[j], expected[j])
                        .isLessThanOrEqualTo(1e-4 * Math.max(1, Math.abs(expected[j])));
            }
        }
    }

    @Test
    void float32LayerRecordsOneNodePerLayerAndDirection() {
        var lstm = new LSTM(3, 4, 2, true, false, 0.0, true, new SplittableRandom(1));
        var out = lstm.forward(Tensor.randn(new SplittableRandom(2), DType.FLOAT32, 6, 2, 3), null);
        // output = cat of the two directions of layer 1, each a narrow view of one fused node
        var cat = out.output().gradFn();
        assertThat(cat).isNotNull();
        var layerOutput = cat.inputs().get(0).gradFn().inputs().get(0);
        assertThat(layerOutput.gradFn().name()).isEqualTo("FusedLstmLayerBackward");
    }

    /** Output, h_n, c_n (flattened) and every gradient, by name, as doubles. */
    private static Map<String, double[]> run(DType dtype, int layers, boolean bidirectional, boolean bias, boolean batchFirst,
                                             int hidden, long modelSeed, Tensor x, Tensor h0, Tensor c0, Tensor upstream) {
        var lstm = new LSTM(x.size(2), hidden, layers, bias, batchFirst, 0.0, bidirectional, new SplittableRandom(modelSeed));
        lstm.to(dtype);
        Tensor input = x.to(dtype).copy().requiresGrad(true);
        Tensor h = h0.to(dtype).copy().requiresGrad(true);
        Tensor c = c0.to(dtype).copy().requiresGrad(true);
        var out = lstm.forward(input, new HiddenState(h, c));
        Tensor flat = Tensor.cat(List.of(out.output().reshape(-1), out.state().h().reshape(-1), out.state().c().reshape(-1)), 0);
        flat.backward(upstream.to(dtype));
        Map<String, double[]> results = new LinkedHashMap<>();
        results.put("[output | h_n | c_n]", flat.toDoubleArray());
        results.put("grad input", input.grad().toDoubleArray());
        results.put("grad h0", h.grad().toDoubleArray());
        results.put("grad c0", c.grad().toDoubleArray());
        var names = new ArrayList<>(lstm.namedParameters().keySet());
        for (String name : names) {
            results.put("grad " + name, lstm.namedParameters().get(name).grad().toDoubleArray());
        }
        return results;
    }
}
