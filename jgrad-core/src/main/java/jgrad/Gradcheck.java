package jgrad;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Compares autograd's gradients with central finite differences, in float64.
 *
 * <p>For inputs {@code x_1..x_n} and a function {@code f}, draw a random upstream gradient {@code u}
 * with the shape of {@code f(x)} (random, never all ones, so a backward that mixes up elements is
 * caught) and check the gradient of the scalar {@code L = sum(f(x) * u)}:
 * <ul>
 *   <li>analytic: {@code dL/dx} from {@link Tensor#backward(Tensor)} with gradient {@code u};</li>
 *   <li>numeric: {@code (L(x + eps e_j) - L(x - eps e_j)) / (2 eps)} for every element j, with
 *       {@code eps = }{@value #EPSILON}; its error is O(eps^2) from truncation plus
 *       O(1e-16 |L| / eps) from rounding.</li>
 * </ul>
 * Per element, {@code relativeError = |a - n| / max(1e-8, |a| + |n|)} and
 * {@code absoluteError = |a - n|}. An element passes when {@code relativeError <= }{@value #RELATIVE_TOLERANCE}
 * <em>or</em> {@code absoluteError <= }{@value #ABSOLUTE_TOLERANCE}: the absolute bound covers
 * gradients that are (near) zero, where the rounding error of the difference quotient dominates any
 * relative measure. The result reports the worst element: the one with the largest
 * {@code min(relativeError / RELATIVE_TOLERANCE, absoluteError / ABSOLUTE_TOLERANCE)}. The
 * comparison is {@link GradientComparison}'s, so a NaN or infinite value, an input that gets no
 * gradient and a check of zero elements all fail.
 *
 * <pre>{@code
 * var x = Tensor.randn(DType.FLOAT64, 3, 4).requiresGrad(true);
 * var result = Gradcheck.check(in -> in.get(0).tanh(), x);
 * result.passed();      // true
 * }</pre>
 */
public final class Gradcheck {
    private Gradcheck() {
    }

    public static final double EPSILON = 1e-6;
    public static final double RELATIVE_TOLERANCE = 1e-5;
    public static final double ABSOLUTE_TOLERANCE = 1e-7;

    /**
     * The outcome of a check, describing the worst element found. {@code problem} says why a check
     * failed that no error measure can describe (a non-finite value, a missing gradient, no
     * elements); it is null otherwise.
     */
    public record Result(boolean passed, int inputIndex, int[] elementIndex, double analytic, double numeric,
                         double relativeError, double absoluteError, int elementsChecked, String problem) {

        /** A one-line report, e.g. for an assertion message. */
        public String describe() {
            String worst = elementsChecked == 0 ? "" : String.format(java.util.Locale.ROOT,
                    "worst element is input %d at %s: analytic %.10g vs numeric %.10g, relative error %.3e "
                            + "(tolerance %.0e), absolute error %.3e (tolerance %.0e); %d elements checked",
                    inputIndex, Arrays.toString(elementIndex), analytic, numeric,
                    relativeError, RELATIVE_TOLERANCE, absoluteError, ABSOLUTE_TOLERANCE, elementsChecked);
            return "gradcheck " + (passed ? "passed" : "FAILED") + ": " + (problem == null ? "" : problem + (worst.isEmpty() ? "" : "; "))
                    + worst;
        }
    }

    /** Checks with an upstream gradient drawn from a fixed seed. */
    public static Result check(Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        return check(f, 1234L, inputs);
    }

    /**
     * Checks {@code f} at {@code inputs}, which must be float64. The inputs are copied, so the
     * caller's tensors and their gradients are left untouched.
     */
    public static Result check(Function<List<Tensor>, Tensor> f, long upstreamSeed, Tensor... inputs) {
        List<Tensor> leaves = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].dtype() != DType.FLOAT64) {
                throw new IllegalArgumentException("gradcheck: input " + i + " is " + inputs[i].dtype()
                        + "; finite differences need float64 (use .float64())");
            }
            leaves.add(inputs[i].detach().copy().requiresGrad(true));
        }
        Tensor output = f.apply(leaves);
        if (!output.requiresGrad()) {
            throw new IllegalArgumentException("gradcheck: the function's output does not depend on any input through autograd");
        }
        Tensor upstream = Tensor.randn(new SplittableRandom(upstreamSeed), DType.FLOAT64, output.shape());
        output.backward(upstream);

        var comparison = GradientComparison.gradcheck();
        for (int i = 0; i < leaves.size(); i++) {
            Tensor leaf = leaves.get(i);
            if (leaf.grad() == null) {
                comparison.missing(i);
                continue;
            }
            double[] analytic = leaf.grad().toDoubleArray();
            double[] data = ((Storage.F64) leaf.storage()).data;
            for (int j = 0; j < data.length; j++) {
                double saved = data[j];
                data[j] = saved + EPSILON;
                double plus = loss(f, leaves, upstream);
                data[j] = saved - EPSILON;
                double minus = loss(f, leaves, upstream);
                data[j] = saved;
                comparison.compare(i, Shape.unravel(j, leaf.shapeRef()), analytic[j], (plus - minus) / (2 * EPSILON));
            }
        }
        return comparison.result();
    }

    /** Like {@link #check}, but throws an {@link AssertionError} with the report when the check fails. */
    public static Result assertGradientsMatch(Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        Result result = check(f, inputs);
        if (!result.passed()) {
            throw new AssertionError(result.describe());
        }
        return result;
    }

    private static double loss(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, Tensor upstream) {
        try (var ignored = Grad.noGrad()) {
            return f.apply(inputs).mul(upstream).sum().item();
        }
    }
}
