package jgrad.micro;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Checks {@link Value#backward()} against central finite differences, in float64:
 *
 * <pre>
 *   df/dx_i ≈ (f(x + h·e_i) - f(x - h·e_i)) / 2h      truncation error O(h²)
 * </pre>
 *
 * With h = 1e-5 the truncation error (~h²·f'''/6) is usually around 1e-10, and the rounding error
 * (~2.2e-16·|f| / h) stays below ~2e-8 for the values up to 1e3 allowed in these tests.
 */
final class FiniteDifferences {

    static final double STEP = 1e-5;

    /**
     * Agreement threshold on the relative error {@code |a - n| / max(1e-8, |a| + |n|)}.
     * Not tighter: where an expression bends sharply, the truncation error h²·f'''/6
     * reaches ~1e-6 of the gradient. A wrong backward is off by far more (see the tests).
     */
    static final double RELATIVE_TOLERANCE = 1e-5;

    /**
     * Where the true gradient is near 0 the relative error is meaningless (the numeric side
     * is pure rounding noise, up to ~2e-8), so an absolute difference below this also passes.
     */
    static final double ABSOLUTE_TOLERANCE = 1e-7;

    private FiniteDifferences() {}

    /** The gradient of {@code expression} at {@code x} from {@code backward()}. */
    static double[] analyticGradient(Function<List<Value>, Value> expression, double[] x) {
        List<Value> inputs = Arrays.stream(x).mapToObj(Value::new).toList();
        expression.apply(inputs).backward();
        return inputs.stream().mapToDouble(Value::grad).toArray();
    }

    /** The gradient of {@code expression} at {@code x} from central differences of its forward value. */
    static double[] numericGradient(Function<List<Value>, Value> expression, double[] x) {
        var gradient = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[i] += STEP;
            minus[i] -= STEP;
            gradient[i] = (evaluate(expression, plus) - evaluate(expression, minus)) / (2 * STEP);
        }
        return gradient;
    }

    static double relativeError(double analytic, double numeric) {
        return Math.abs(analytic - numeric) / Math.max(1e-8, Math.abs(analytic) + Math.abs(numeric));
    }

    /** Asserts that the analytic and numeric gradients agree in every input, naming the worst one. */
    static void assertGradientMatchesFiniteDifferences(String name, Function<List<Value>, Value> expression, double[] x) {
        double[] analytic = analyticGradient(expression, x);
        double[] numeric = numericGradient(expression, x);
        for (int i = 0; i < x.length; i++) {
            double error = relativeError(analytic[i], numeric[i]);
            boolean close = error < RELATIVE_TOLERANCE || Math.abs(analytic[i] - numeric[i]) < ABSOLUTE_TOLERANCE;
            assertThat(close)
                    .as("%s at x=%s: d/dx%d analytic %.12g, numeric %.12g, relative error %.3g",
                            name, Arrays.toString(x), i, analytic[i], numeric[i], error)
                    .isTrue();
        }
    }

    private static double evaluate(Function<List<Value>, Value> expression, double[] x) {
        return expression.apply(Arrays.stream(x).mapToObj(Value::new).toList()).data();
    }
}
