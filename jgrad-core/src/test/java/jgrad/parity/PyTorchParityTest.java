package jgrad.parity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import jgrad.DType;
import jgrad.Gradcheck;
import jgrad.GradientComparison;
import jgrad.Tensor;
import jgrad.io.Safetensors;
import jgrad.kernels.KernelMode;
import jgrad.kernels.Kernels;
import jgrad.models.GPT;
import jgrad.nn.GRU;
import jgrad.nn.HiddenState;
import jgrad.nn.LSTM;
import jgrad.nn.Module;
import jgrad.nn.MultiheadAttention;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Parity with PyTorch 1.13: {@code parity.safetensors} (written by {@code make_fixtures.py} next to
 * it) holds, in float64, the inputs, weights, outputs and gradients of PyTorch's modules. Each
 * test loads the weights into the jgrad module, runs the same computation and compares every
 * output and gradient. Tolerance 1e-10 absolute in float64: both sides compute the same formulas
 * in double, and only the order of summation differs.
 */
class PyTorchParityTest {

    private static final double FLOAT64_TOLERANCE = 1e-10;
    private static Map<String, Tensor> fixture;

    @BeforeAll
    static void load() throws IOException, URISyntaxException {
        fixture = Safetensors.load(Path.of(PyTorchParityTest.class.getResource("/jgrad/parity/parity.safetensors").toURI()));
    }

    private static Map<String, Tensor> withPrefix(String prefix) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        fixture.forEach((name, t) -> {
            if (name.startsWith(prefix)) {
                out.put(name.substring(prefix.length()), t);
            }
        });
        return out;
    }

    private static Tensor input(String module, String name) {
        return input(module, name, DType.FLOAT64);
    }

    private static Tensor input(String module, String name, DType dtype) {
        return fixture.get(module + ".in." + name).detach().to(dtype).copy().requiresGrad(true);
    }

    /**
     * Asserts that every element is within {@code tolerance} (absolute) and returns the largest
     * absolute difference; a missing tensor, a NaN or an infinity on either side fails
     * ({@link GradientComparison}, the comparison every gradient checker shares).
     */
    static double compare(String what, Tensor actual, Tensor expected, double tolerance) {
        var comparison = new GradientComparison(0, tolerance);
        comparison.compare(0, actual, expected);
        Gradcheck.Result result = comparison.result();
        assertThat(result.passed()).as("%s: %s; largest |jgrad - PyTorch| at %s: jgrad %.12g, PyTorch %.12g (tolerance %.0e)",
                what, result.problem(), Arrays.toString(result.elementIndex()), result.analytic(), result.numeric(), tolerance)
                .isTrue();
        return result.absoluteError();
    }

    /** Outputs, then (after backward of sum(output * upstream)) the gradients of the inputs and parameters. */
    private static void compareAll(String module, Module m, Map<String, Tensor> outputs, Map<String, Tensor> inputs) {
        compareAll(module, "float64", m, outputs, inputs, FLOAT64_TOLERANCE);
    }

    private static void compareAll(String module, String label, Module m, Map<String, Tensor> outputs, Map<String, Tensor> inputs,
                                   double tolerance) {
        double worst = 0;
        Tensor loss = null;
        for (var entry : outputs.entrySet()) {
            worst = Math.max(worst, compare(module + " " + entry.getKey(), entry.getValue(),
                    fixture.get(module + ".out." + entry.getKey()), tolerance));
            Tensor upstream = fixture.get(module + ".upstream." + entry.getKey()).to(entry.getValue().dtype());
            Tensor term = entry.getValue().mul(upstream).sum();
            loss = loss == null ? term : loss.add(term);
        }
        loss.backward();
        for (var entry : inputs.entrySet()) {
            worst = Math.max(worst, compare(module + " grad " + entry.getKey(), entry.getValue().grad(),
                    fixture.get(module + ".grad.in." + entry.getKey()), tolerance));
        }
        for (var entry : m.namedParameters().entrySet()) {
            worst = Math.max(worst, compare(module + " grad " + entry.getKey(), entry.getValue().grad(),
                    fixture.get(module + ".grad.param." + entry.getKey()), tolerance));
        }
        report(module + " (" + label + ")", worst);
    }

    private static void report(String module, double worst) {
        System.out.printf(Locale.ROOT, "parity %-26s max |jgrad - PyTorch| = %.3e%n", module, worst);
    }

    @Test
    void lstmTwoLayersMatchesPyTorch() {
        var lstm = new LSTM(3, 4, 2, true, false, 0.0, false, new SplittableRandom(0));
        lstm.to(DType.FLOAT64);
        lstm.loadStateDict(withPrefix("lstm.param."));
        Tensor x = input("lstm", "x"), h0 = input("lstm", "h0"), c0 = input("lstm", "c0");
        var out = lstm.forward(x, new HiddenState(h0, c0));
        compareAll("lstm", lstm, ordered("output", out.output(), "h_n", out.state().h(), "c_n", out.state().c()),
                ordered("x", x, "h0", h0, "c0", c0));
    }

    @Test
    void bidirectionalBatchFirstGruMatchesPyTorch() {
        var gru = new GRU(3, 4, 2, true, true, 0.0, true, new SplittableRandom(0));
        gru.to(DType.FLOAT64);
        gru.loadStateDict(withPrefix("gru.param."));
        Tensor x = input("gru", "x"), h0 = input("gru", "h0");
        var out = gru.forward(x, h0);
        compareAll("gru", gru, ordered("output", out.output(), "h_n", out.state().h()), ordered("x", x, "h0", h0));
    }

    @Test
    void multiheadCrossAttentionWithPaddingMatchesPyTorch() {
        var mha = new MultiheadAttention(8, 2, 0.0, true, false, new SplittableRandom(0));
        mha.to(DType.FLOAT64);
        mha.loadStateDict(withPrefix("mha.param."));
        Tensor query = input("mha", "query"), key = input("mha", "key"), value = input("mha", "value");
        var out = mha.forward(query, key, value, fixture.get("mha.in.key_padding_mask"), true, null, true);
        compareAll("mha", mha, ordered("output", out.output(), "weights", out.weights()),
                ordered("query", query, "key", key, "value", value));
    }

    /**
     * The LSTM, GRU and attention fixtures again in float32, under each kernel mode: FAST runs the
     * fused LSTM layer and fused linear projections, REFERENCE the composed steps on the reference
     * loops. Tolerance 1e-4 against PyTorch's float64 values (float32 keeps about 7 digits; values
     * and gradients here are of order 1).
     */
    @ParameterizedTest
    @EnumSource(KernelMode.class)
    void recurrentAndAttentionModulesMatchPyTorchInFloat32(KernelMode mode) {
        String label = "float32, " + mode.name().toLowerCase(Locale.ROOT);
        double tolerance = 1e-4;
        try (var kernels = Kernels.use(mode)) {
            var lstm = new LSTM(3, 4, 2, true, false, 0.0, false, new SplittableRandom(0));
            lstm.loadStateDict(float32(withPrefix("lstm.param.")));
            Tensor x = input("lstm", "x", DType.FLOAT32), h0 = input("lstm", "h0", DType.FLOAT32), c0 = input("lstm", "c0", DType.FLOAT32);
            var lstmOut = lstm.forward(x, new HiddenState(h0, c0));
            compareAll("lstm", label, lstm, ordered("output", lstmOut.output(), "h_n", lstmOut.state().h(), "c_n", lstmOut.state().c()),
                    ordered("x", x, "h0", h0, "c0", c0), tolerance);

            var gru = new GRU(3, 4, 2, true, true, 0.0, true, new SplittableRandom(0));
            gru.loadStateDict(float32(withPrefix("gru.param.")));
            Tensor gx = input("gru", "x", DType.FLOAT32), gh0 = input("gru", "h0", DType.FLOAT32);
            var gruOut = gru.forward(gx, gh0);
            compareAll("gru", label, gru, ordered("output", gruOut.output(), "h_n", gruOut.state().h()), ordered("x", gx, "h0", gh0), tolerance);

            var mha = new MultiheadAttention(8, 2, 0.0, true, false, new SplittableRandom(0));
            mha.loadStateDict(float32(withPrefix("mha.param.")));
            Tensor query = input("mha", "query", DType.FLOAT32), key = input("mha", "key", DType.FLOAT32);
            Tensor value = input("mha", "value", DType.FLOAT32);
            var mhaOut = mha.forward(query, key, value, fixture.get("mha.in.key_padding_mask"), true, null, true);
            compareAll("mha", label, mha, ordered("output", mhaOut.output(), "weights", mhaOut.weights()),
                    ordered("query", query, "key", key, "value", value), tolerance);
        }
    }

    private static Map<String, Tensor> float32(Map<String, Tensor> tensors) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        tensors.forEach((name, t) -> out.put(name, t.dtype().isFloatingPoint() ? t.float32() : t));
        return out;
    }

    private static GPT loadedGpt(DType dtype) {
        var gpt = new GPT(new GPT.Config(8, 11, 2, 2, 16, 0.0, true), new SplittableRandom(0));
        gpt.to(dtype);
        gpt.loadStateDict(withPrefix("gpt.param."));
        return gpt;
    }

    private static void compareGpt(String label, DType dtype, double tolerance) {
        GPT gpt = loadedGpt(dtype);
        Tensor idx = fixture.get("gpt.in.idx"), targets = fixture.get("gpt.in.targets");
        double worst = compare(label + " logits", gpt.forward(idx), fixture.get("gpt.out.logits"), tolerance);
        Tensor loss = gpt.loss(idx, targets);
        worst = Math.max(worst, compare(label + " loss", loss, fixture.get("gpt.out.loss"), tolerance));
        loss.backward();
        for (var entry : gpt.namedParameters().entrySet()) {
            worst = Math.max(worst, compare(label + " grad " + entry.getKey(), entry.getValue().grad(),
                    fixture.get("gpt.grad.param." + entry.getKey()), tolerance));
        }
        report(label, worst);
    }

    @Test
    void twoLayerGptMatchesPyTorchInFloat64() {
        compareGpt("gpt (float64, composed)", DType.FLOAT64, FLOAT64_TOLERANCE);
    }

    /**
     * float32 against PyTorch's float64 values, once on the fast kernels (fused linear, attention,
     * layer norm, GELU, cross-entropy) and once on the reference loops (the same model composed from
     * tensor ops). Tolerance 1e-4: float32 keeps about 7 significant digits and the logits here are
     * of order 1–10.
     */
    @ParameterizedTest
    @EnumSource(KernelMode.class)
    void twoLayerGptMatchesPyTorchInFloat32(KernelMode mode) {
        try (var kernels = Kernels.use(mode)) {
            compareGpt("gpt (float32, " + mode.name().toLowerCase(Locale.ROOT) + ")", DType.FLOAT32, 1e-4);
        }
    }

    private static Map<String, Tensor> ordered(Object... namesAndTensors) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < namesAndTensors.length; i += 2) {
            out.put((String) namesAndTensors[i], (Tensor) namesAndTensors[i + 1]);
        }
        return out;
    }
}
