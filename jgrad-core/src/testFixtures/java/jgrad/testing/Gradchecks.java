package jgrad.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import jgrad.Gradcheck;
import jgrad.Tensor;

/** Runs {@link Gradcheck#check}, records the result for the summary table and asserts that it passed. */
public final class Gradchecks {
    private Gradchecks() {
    }

    /**
     * Asserts that autograd's gradient of {@code f} at {@code inputs} matches central differences
     * within Gradcheck's tolerances (relative 1e-5 or absolute 1e-7, see {@link Gradcheck}), for the
     * random upstream gradient drawn from {@code upstreamSeed}.
     */
    public static void assertGradientsMatch(String family, long upstreamSeed, Function<List<Tensor>, Tensor> f,
                                            Tensor... inputs) {
        Gradcheck.Result result = Gradcheck.check(f, upstreamSeed, inputs);
        GradcheckRecorder.record(family, result);
        assertThat(result.passed())
                .as("%s with inputs of shapes %s: %s", family, shapesOf(inputs), result.describe())
                .isTrue();
    }

    private static String shapesOf(Tensor[] inputs) {
        return Arrays.stream(inputs).map(t -> Arrays.toString(t.shape())).toList().toString();
    }
}
