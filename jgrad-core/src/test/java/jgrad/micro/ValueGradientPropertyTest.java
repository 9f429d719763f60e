package jgrad.micro;

import static jgrad.micro.FiniteDifferences.assertGradientMatchesFiniteDifferences;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;

import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

/**
 * Random expressions of every op, differentiated by backward() and by central finite
 * differences: the two must agree.
 */
class ValueGradientPropertyTest {

    /** One step of a random expression; {@code x} is the expression so far, {@code v} an input. */
    enum Step {
        ADD, SUB, MUL, DIV, POW, NEG, EXP, LOG, TANH, RELU;

        private static final double[] EXPONENTS = {2, 3, -1.5, 0.5};

        Value apply(Value x, Value v, int position) {
            return switch (this) {
                case ADD -> x.add(v);
                case SUB -> v.sub(x);
                case MUL -> x.mul(v);
                case DIV -> x.div(v.mul(v).add(0.5));                              // denominator ≥ 0.5
                case POW -> x.mul(x).add(0.5).pow(EXPONENTS[position % EXPONENTS.length]); // base ≥ 0.5
                case NEG -> x.neg();
                case EXP -> x.exp();
                case LOG -> x.mul(x).add(0.1).log();                              // argument ≥ 0.1
                case TANH -> x.tanh();
                case RELU -> x.relu();
            };
        }
    }

    /** Relu arguments closer to 0 than this are kinks for the finite differences. */
    private static final double KINK_MARGIN = 1e-2;
    /** Values beyond this lose too many digits to rounding for a 1e-6 comparison. */
    private static final double MAGNITUDE_LIMIT = 1e3;

    @Property(tries = 200)
    void backwardAgreesWithFiniteDifferencesOnRandomExpressions(
            @ForAll @Size(min = 1, max = 6) List<Step> steps,
            @ForAll @DoubleRange(min = -2, max = 2) double a,
            @ForAll @DoubleRange(min = -2, max = 2) double b,
            @ForAll @DoubleRange(min = -2, max = 2) double c,
            @ForAll @DoubleRange(min = 0.5, max = 3) double upstreamSize,
            @ForAll boolean upstreamNegative) {
        double upstream = upstreamNegative ? -upstreamSize : upstreamSize;
        Function<List<Value>, Value> expression = inputs -> {
            Value x = inputs.getFirst();
            for (int i = 0; i < steps.size(); i++) {
                x = steps.get(i).apply(x, inputs.get((i + 1) % inputs.size()), i);
            }
            return x.mul(upstream); // a random upstream grad for the last op, never just 1
        };
        double[] at = {a, b, c};
        Assume.that(isSmoothAndModerate(expression.apply(List.of(new Value(a), new Value(b), new Value(c)))));

        assertGradientMatchesFiniteDifferences(steps.toString(), expression, at);
    }

    @Example
    void theCheckFailsOnAWrongGradient() {
        // x·x with one factor frozen to a constant: backward gives x, the true derivative is 2x.
        Function<List<Value>, Value> wrongSquare = x -> x.getFirst().mul(x.getFirst().data());
        assertThatThrownBy(() -> assertGradientMatchesFiniteDifferences("frozen square", wrongSquare, new double[] {1.5}))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("analytic 1.5").hasMessageContaining("numeric 3.0");
    }

    /** True if no relu sits near its kink and every value in the graph is moderate. */
    private static boolean isSmoothAndModerate(Value root) {
        var seen = new HashSet<Value>();
        var stack = new ArrayDeque<Value>(List.of(root));
        while (!stack.isEmpty()) {
            Value node = stack.pop();
            if (!seen.add(node)) {
                continue;
            }
            if (!(Math.abs(node.data()) < MAGNITUDE_LIMIT)) {
                return false;
            }
            if (node.op().equals("relu") && Math.abs(node.children().getFirst().data()) < KINK_MARGIN) {
                return false;
            }
            stack.addAll(node.children());
        }
        return true;
    }
}
