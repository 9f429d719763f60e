package jgrad.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import jgrad.DType;
import jgrad.Grad;
import jgrad.Gradcheck;
import jgrad.Tensor;
import jgrad.nn.Module;

/**
 * Gradient checks for a module: its parameters are checked alongside the inputs. {@link Gradcheck}
 * copies its inputs, so it cannot reach tensors a module owns; this helper perturbs the module's
 * own parameters (and the given input leaves) in place instead, with Gradcheck's step, upstream
 * rule and tolerances.
 */
public final class ModuleGradchecks {
    private ModuleGradchecks() {
    }

    /**
     * Asserts that the gradients of {@code sum(f() * u)} (u random from {@code seed}) with respect to
     * every float64 leaf in {@code inputs} and every parameter of {@code module} match central
     * differences. {@code f} must be deterministic (modules in eval mode, or dropout 0).
     */
    public static void assertGradientsMatch(String family, long seed, Module module, Supplier<Tensor> f, Tensor... inputs) {
        List<Tensor> leaves = new ArrayList<>(Arrays.asList(inputs));
        leaves.addAll(module.parameters());
        for (Tensor leaf : leaves) {
            if (leaf.dtype() != DType.FLOAT64 || !leaf.requiresGrad() || !leaf.isLeaf() || !leaf.isContiguous()) {
                throw new IllegalArgumentException("ModuleGradchecks: every input and parameter must be a contiguous float64 leaf that requires grad");
            }
            leaf.zeroGrad();
        }
        Tensor output = f.get();
        Tensor upstream = Tensor.randn(new SplittableRandom(seed), DType.FLOAT64, output.shape());
        output.backward(upstream);

        Gradcheck.Result worst = new Gradcheck.Result(true, -1, new int[0], 0, 0, 0, 0, 0);
        double worstScore = -1;
        int checked = 0;
        for (int i = 0; i < leaves.size(); i++) {
            Tensor leaf = leaves.get(i);
            double[] analytic = leaf.grad() == null ? new double[leaf.numel()] : leaf.grad().toDoubleArray();
            int[] shape = leaf.shape();
            for (int j = 0; j < leaf.numel(); j++) {
                int[] index = unravel(j, shape);
                double saved = leaf.get(index);
                double plus = perturbedLoss(f, upstream, leaf, index, saved + Gradcheck.EPSILON);
                double minus = perturbedLoss(f, upstream, leaf, index, saved - Gradcheck.EPSILON);
                setQuietly(leaf, index, saved);
                double numeric = (plus - minus) / (2 * Gradcheck.EPSILON);
                double absoluteError = Math.abs(analytic[j] - numeric);
                double relativeError = absoluteError / Math.max(1e-8, Math.abs(analytic[j]) + Math.abs(numeric));
                double score = Math.min(relativeError / Gradcheck.RELATIVE_TOLERANCE, absoluteError / Gradcheck.ABSOLUTE_TOLERANCE);
                checked++;
                if (score > worstScore) {
                    worstScore = score;
                    worst = new Gradcheck.Result(score <= 1, i, index, analytic[j], numeric, relativeError, absoluteError, 0);
                }
            }
        }
        Gradcheck.Result result = new Gradcheck.Result(worstScore <= 1, worst.inputIndex(), worst.elementIndex(), worst.analytic(),
                worst.numeric(), worst.relativeError(), worst.absoluteError(), checked);
        GradcheckRecorder.record(family, result);
        assertThat(result.passed())
                .as("%s (%s; leaves are the inputs, then the parameters %s): %s", family, module,
                        module.namedParameters().keySet(), result.describe())
                .isTrue();
    }

    private static double perturbedLoss(Supplier<Tensor> f, Tensor upstream, Tensor leaf, int[] index, double value) {
        setQuietly(leaf, index, value);
        try (var ignored = Grad.noGrad()) {
            return f.get().mul(upstream).sum().item();
        }
    }

    private static void setQuietly(Tensor leaf, int[] index, double value) {
        try (var ignored = Grad.noGrad()) {
            leaf.set(value, index);
        }
    }

    private static int[] unravel(int flat, int[] shape) {
        int[] index = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }
}
