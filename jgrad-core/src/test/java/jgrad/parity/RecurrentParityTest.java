package jgrad.parity;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.io.Safetensors;
import jgrad.kernels.KernelMode;
import jgrad.kernels.Kernels;
import jgrad.nn.GRU;
import jgrad.nn.RNN;
import jgrad.nn.RNNBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * PyTorch 1.13's {@code nn.RNN} (tanh, ReLU) and a GRU without biases ({@code recurrent.safetensors},
 * written by {@code make_recurrent_fixtures.py}) in float64 and in float32 under both kernel modes:
 * float32 FAST runs the fused layers ({@code FusedRnnLayer}, {@code FusedGruLayer}), REFERENCE
 * the composed steps. Every output and every gradient of sum(output · upstream) is compared;
 * tolerance 1e-10 in float64 (same formulas, summation order differs), 1e-4 in float32.
 */
class RecurrentParityTest {
    private static Map<String, Tensor> fixture;

    @BeforeAll
    static void load() throws IOException, URISyntaxException {
        fixture = Safetensors.load(Path.of(RecurrentParityTest.class.getResource("/jgrad/parity/recurrent.safetensors").toURI()));
    }

    @ParameterizedTest
    @CsvSource({"rnn_tanh, FLOAT64, FAST", "rnn_tanh, FLOAT32, FAST", "rnn_tanh, FLOAT32, REFERENCE",
            "rnn_relu, FLOAT64, FAST", "rnn_relu, FLOAT32, FAST", "rnn_relu, FLOAT32, REFERENCE",
            "gru_nobias, FLOAT64, FAST", "gru_nobias, FLOAT32, FAST", "gru_nobias, FLOAT32, REFERENCE"})
    void matchesPyTorch(String name, DType dtype, KernelMode mode) {
        double tolerance = dtype == DType.FLOAT64 ? 1e-10 : 1e-4;
        try (var kernels = Kernels.use(mode)) {
            RNNBase module = switch (name) {
                case "rnn_tanh" -> new RNN(3, 5, 2, "tanh", true, false, 0.0, true, new SplittableRandom(0));
                case "rnn_relu" -> new RNN(3, 5, 2, "relu", true, true, 0.0, false, new SplittableRandom(0));
                default -> new GRU(3, 5, 1, false, false, 0.0, true, new SplittableRandom(0));
            };
            module.to(dtype);
            module.loadStateDict(withPrefix(name + ".param.", dtype));
            Tensor x = input(name, "x", dtype), h0 = input(name, "h0", dtype);
            var out = module instanceof RNN rnn ? rnn.forward(x, h0) : ((GRU) module).forward(x, h0);
            double worst = PyTorchParityTest.compare(name + " output", out.output(), fixture.get(name + ".out.output"), tolerance);
            worst = Math.max(worst, PyTorchParityTest.compare(name + " h_n", out.state().h(), fixture.get(name + ".out.h_n"),
                    tolerance));
            out.output().mul(fixture.get(name + ".upstream.output").to(dtype)).sum()
                    .add(out.state().h().mul(fixture.get(name + ".upstream.h_n").to(dtype)).sum()).backward();
            worst = Math.max(worst, PyTorchParityTest.compare(name + " grad x", x.grad(), fixture.get(name + ".grad.in.x"), tolerance));
            worst = Math.max(worst, PyTorchParityTest.compare(name + " grad h0", h0.grad(), fixture.get(name + ".grad.in.h0"),
                    tolerance));
            for (var entry : module.namedParameters().entrySet()) {
                worst = Math.max(worst, PyTorchParityTest.compare(name + " grad " + entry.getKey(), entry.getValue().grad(),
                        fixture.get(name + ".grad.param." + entry.getKey()), tolerance));
            }
            System.out.printf(Locale.ROOT, "parity %-12s %s %-9s max |jgrad - PyTorch| = %.3e%n", name, dtype, mode, worst);
        }
    }

    private static Tensor input(String module, String name, DType dtype) {
        return fixture.get(module + ".in." + name).detach().to(dtype).copy().requiresGrad(true);
    }

    private static Map<String, Tensor> withPrefix(String prefix, DType dtype) {
        var out = new java.util.LinkedHashMap<String, Tensor>();
        fixture.forEach((key, t) -> {
            if (key.startsWith(prefix)) {
                out.put(key.substring(prefix.length()), t.to(dtype));
            }
        });
        return out;
    }
}
