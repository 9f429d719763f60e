package jgrad.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;
import jgrad.DType;
import jgrad.Grad;
import jgrad.Shape;
import jgrad.Gradcheck;
import jgrad.GradientComparison;
import jgrad.Tensor;
import jgrad.nn.Module;

/**
 * Gradient checks for a module: its parameters are checked alongside the inputs. {@link Gradcheck}
 * copies its inputs, so it cannot reach tensors a module owns; this helper perturbs the module's
 * own parameters (and the given input leaves) in place instead, with Gradcheck's step, upstream
 * rule and tolerances, and its element comparison ({@link GradientComparison}: NaN, infinity, a
 * missing gradient and an empty check fail).
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
        assertGradientsMatch(family, seed, module, name -> true, f, inputs);
    }

    /**
     * Like {@link #assertGradientsMatch(String, long, Module, Supplier, Tensor...)} for a function that
     * uses only the parameters {@code used} accepts (e.g. one decoder step of an encoder-decoder): those
     * are checked, and every other parameter must receive no gradient at all.
     */
    public static void assertGradientsMatch(String family, long seed, Module module, Predicate<String> used, Supplier<Tensor> f,
                                            Tensor... inputs) {
        Gradcheck.Result result = check(seed, module, used, f, inputs);
        GradcheckRecorder.record(family, result);
        assertThat(result.passed())
                .as("%s (%s; leaves are the inputs, then the parameters %s): %s", family, module,
                        module.namedParameters().keySet().stream().filter(used).toList(), result.describe())
                .isTrue();
    }

    /** The check behind {@link #assertGradientsMatch}, without recording or asserting (for tests that a check can fail). */
    public static Gradcheck.Result check(long seed, Module module, Supplier<Tensor> f, Tensor... inputs) {
        return check(seed, module, name -> true, f, inputs);
    }

    private static Gradcheck.Result check(long seed, Module module, Predicate<String> used, Supplier<Tensor> f, Tensor... inputs) {
        List<Tensor> leaves = new ArrayList<>(Arrays.asList(inputs));
        Map<String, Tensor> unused = new LinkedHashMap<>();
        module.namedParameters().forEach((name, parameter) -> {
            if (used.test(name)) {
                leaves.add(parameter);
            } else {
                unused.put(name, parameter);
            }
        });
        for (Tensor leaf : leaves) {
            if (leaf.dtype() != DType.FLOAT64 || !leaf.requiresGrad() || !leaf.isLeaf() || !leaf.isContiguous()) {
                throw new IllegalArgumentException("ModuleGradchecks: every input and parameter must be a contiguous float64 leaf that requires grad");
            }
            leaf.zeroGrad();
        }
        unused.values().forEach(Tensor::zeroGrad);
        Tensor output = f.get();
        Tensor upstream = Tensor.randn(new SplittableRandom(seed), DType.FLOAT64, output.shape());
        output.backward(upstream);
        unused.forEach((name, parameter) -> {
            if (parameter.grad() != null) {
                throw new AssertionError("ModuleGradchecks: parameter " + name + " was declared unused but received a gradient");
            }
        });

        var comparison = GradientComparison.gradcheck();
        for (int i = 0; i < leaves.size(); i++) {
            Tensor leaf = leaves.get(i);
            if (leaf.grad() == null) {
                comparison.missing(i);
                continue;
            }
            double[] analytic = leaf.grad().toDoubleArray();
            int[] shape = leaf.shape();
            for (int j = 0; j < leaf.numel(); j++) {
                int[] index = Shape.unravel(j, shape);
                double saved = leaf.get(index);
                double plus = perturbedLoss(f, upstream, leaf, index, saved + Gradcheck.EPSILON);
                double minus = perturbedLoss(f, upstream, leaf, index, saved - Gradcheck.EPSILON);
                setQuietly(leaf, index, saved);
                comparison.compare(i, index, analytic[j], (plus - minus) / (2 * Gradcheck.EPSILON));
            }
        }
        return comparison.result();
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
}
