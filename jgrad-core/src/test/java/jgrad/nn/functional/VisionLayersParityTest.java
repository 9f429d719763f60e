package jgrad.nn.functional;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import jgrad.Tensor;
import jgrad.io.Safetensors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Parity with PyTorch 1.13 for leaky_relu, conv_transpose2d and interpolate: {@code vision.safetensors}
 * (written by {@code make_vision_fixtures.py} beside it) holds each case's inputs, options, output
 * and the input gradients of {@code sum(output * upstream)}. Tolerance 1e-10 absolute in float64:
 * the same formulas in double, only the order of summation differs.
 */
class VisionLayersParityTest {

    private static final double FLOAT64_TOLERANCE = 1e-10;
    private static Map<String, Tensor> fixture;

    @BeforeAll
    static void load() throws IOException, URISyntaxException {
        fixture = Safetensors.load(Path.of(VisionLayersParityTest.class.getResource("/jgrad/vision/vision.safetensors").toURI()));
    }

    @Test
    void leakyReluMatchesPyTorch() {
        double slope = options("leaky_relu")[0];
        assertCaseMatches("leaky_relu", List.of("x"), in -> F.leakyRelu(in.get(0), slope));
    }

    @Test
    void convTranspose2dMatchesPyTorch() {
        int cases = 0;
        for (int i = 0; fixture.containsKey("conv_transpose2d." + i + ".out"); i++, cases++) {
            String name = "conv_transpose2d." + i;
            double[] o = options(name);
            int[] stride = {(int) o[0], (int) o[1]}, padding = {(int) o[2], (int) o[3]};
            int[] outputPadding = {(int) o[4], (int) o[5]}, dilation = {(int) o[6], (int) o[7]};
            int groups = (int) o[8];
            boolean withBias = fixture.containsKey(name + ".in.bias");
            assertCaseMatches(name, withBias ? List.of("x", "weight", "bias") : List.of("x", "weight"),
                    in -> F.convTranspose2d(in.get(0), in.get(1), withBias ? in.get(2) : null, stride, padding,
                            outputPadding, groups, dilation));
        }
        assertThat(cases).as("conv_transpose2d cases in the fixture").isEqualTo(4);
    }

    @Test
    void interpolateMatchesPyTorch() {
        List<String> names = fixture.keySet().stream().filter(k -> k.startsWith("interpolate.") && k.endsWith(".options"))
                .map(k -> k.substring(0, k.length() - ".options".length())).sorted().toList();
        for (String name : names) {
            double[] o = options(name);
            String mode = name.split("\\.")[1];
            boolean alignCorners = o[3] == 1;
            Function<List<Tensor>, Tensor> op = o[2] > 0
                    ? in -> F.interpolate(in.get(0), o[2], mode, alignCorners)
                    : in -> F.interpolate(in.get(0), (int) o[0], (int) o[1], mode, alignCorners);
            assertCaseMatches(name, List.of("x"), op);
        }
        assertThat(names).as("interpolate cases in the fixture").hasSize(9);
    }

    private static double[] options(String name) {
        return fixture.get(name + ".options").toDoubleArray();
    }

    /** Runs op on the case's inputs, compares the output, then the input gradients of sum(output * upstream). */
    private static void assertCaseMatches(String name, List<String> inputNames, Function<List<Tensor>, Tensor> op) {
        List<Tensor> inputs = new ArrayList<>();
        for (String input : inputNames) {
            inputs.add(fixture.get(name + ".in." + input).detach().copy().requiresGrad(true));
        }
        Tensor out = op.apply(inputs);
        compare(name + " output", out, fixture.get(name + ".out"));
        out.mul(fixture.get(name + ".upstream")).sum().backward();
        for (int i = 0; i < inputNames.size(); i++) {
            compare(name + " gradient of " + inputNames.get(i), inputs.get(i).grad(), fixture.get(name + ".grad." + inputNames.get(i)));
        }
    }

    private static void compare(String what, Tensor actual, Tensor expected) {
        assertThat(actual.shape()).as(what + " shape").containsExactly(expected.shape());
        double[] a = actual.toDoubleArray(), e = expected.toDoubleArray();
        for (int i = 0; i < a.length; i++) {
            assertThat(Math.abs(a[i] - e[i])).as("%s at flat index %d: jgrad %.12g, PyTorch %.12g", what, i, a[i], e[i])
                    .isLessThanOrEqualTo(FLOAT64_TOLERANCE);
        }
    }
}
