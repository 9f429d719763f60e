package jgrad.micro;

import static jgrad.micro.FiniteDifferences.assertGradientMatchesFiniteDifferences;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Forward values and hand-derived gradients of every {@link Value} op, and how backward() behaves. */
class ValueTest {

    /** Hand-derived results are exact in binary floating point unless a transcendental function is involved. */
    private static final double EXACT = 0.0;
    /** For exp/log/tanh: a few ulps of rounding in Math functions. */
    private static final double ULPS = 1e-12;

    // ------------------------------------------------------------ each op, by hand

    @Test
    void addSendsUpstreamGradToBothInputs() {
        var a = new Value(3.0);
        var b = new Value(-2.0);
        Value out = a.add(b);
        out.backward();
        assertThat(out.data()).isEqualTo(1.0);
        assertThat(a.grad()).as("d(a+b)/da = 1").isEqualTo(1.0);
        assertThat(b.grad()).as("d(a+b)/db = 1").isEqualTo(1.0);
    }

    @Test
    void subSendsMinusUpstreamGradToTheSubtrahend() {
        var a = new Value(3.0);
        var b = new Value(-2.0);
        Value out = a.sub(b);
        out.backward();
        assertThat(out.data()).isEqualTo(5.0);
        assertThat(a.grad()).as("d(a-b)/da = 1").isEqualTo(1.0);
        assertThat(b.grad()).as("d(a-b)/db = -1").isEqualTo(-1.0);
    }

    @Test
    void mulSendsEachInputTheOtherInput() {
        var a = new Value(3.0);
        var b = new Value(-2.0);
        Value out = a.mul(b);
        out.backward();
        assertThat(out.data()).isEqualTo(-6.0);
        assertThat(a.grad()).as("d(ab)/da = b").isEqualTo(-2.0);
        assertThat(b.grad()).as("d(ab)/db = a").isEqualTo(3.0);
    }

    @Test
    void divSendsOneOverDenominatorAndMinusQuotientOverDenominator() {
        var a = new Value(3.0);
        var b = new Value(-2.0);
        Value out = a.div(b);
        out.backward();
        assertThat(out.data()).isEqualTo(-1.5);
        assertThat(a.grad()).as("d(a/b)/da = 1/b").isEqualTo(-0.5);
        assertThat(b.grad()).as("d(a/b)/db = -a/b² = -3/4").isEqualTo(-0.75);
    }

    @Test
    void powSendsExponentTimesBaseToTheExponentMinusOne() {
        var a = new Value(3.0);
        Value out = a.pow(3);
        out.backward();
        assertThat(out.data()).isEqualTo(27.0);
        assertThat(a.grad()).as("d(a³)/da = 3a² = 27").isEqualTo(27.0);

        var b = new Value(4.0);
        Value root = b.pow(0.5);
        root.backward();
        assertThat(root.data()).isEqualTo(2.0);
        assertThat(b.grad()).as("d(√b)/db = 1/(2√b) = 1/4").isEqualTo(0.25);
    }

    @Test
    void negSendsMinusUpstreamGrad() {
        var a = new Value(3.0);
        Value out = a.neg();
        out.backward();
        assertThat(out.data()).isEqualTo(-3.0);
        assertThat(a.grad()).as("d(-a)/da = -1").isEqualTo(-1.0);
    }

    @Test
    void expIsItsOwnDerivative() {
        var a = new Value(1.5);
        Value out = a.exp();
        out.backward();
        assertThat(out.data()).isCloseTo(4.4816890703380645, within(ULPS));
        assertThat(a.grad()).as("d(e^a)/da = e^a").isCloseTo(4.4816890703380645, within(ULPS));
    }

    @Test
    void logSendsOneOverItsArgument() {
        var a = new Value(4.0);
        Value out = a.log();
        out.backward();
        assertThat(out.data()).isCloseTo(Math.log(4.0), within(ULPS));
        assertThat(a.grad()).as("d(ln a)/da = 1/a").isCloseTo(0.25, within(EXACT));
    }

    @Test
    void tanhSendsOneMinusTanhSquared() {
        var a = new Value(0.5);
        Value out = a.tanh();
        out.backward();
        double tanh = 0.46211715726000974;
        assertThat(out.data()).isCloseTo(tanh, within(ULPS));
        assertThat(a.grad()).as("d(tanh a)/da = 1 - tanh²a").isCloseTo(1 - tanh * tanh, within(ULPS));
    }

    @Test
    void reluPassesGradWhenPositiveAndBlocksItOtherwise() {
        var positive = new Value(2.5);
        var negative = new Value(-2.5);
        var zero = new Value(0.0);
        Value out = positive.relu().add(negative.relu()).add(zero.relu());
        out.backward();
        assertThat(out.data()).isEqualTo(2.5);
        assertThat(positive.grad()).as("relu'(2.5) = 1").isEqualTo(1.0);
        assertThat(negative.grad()).as("relu'(-2.5) = 0").isEqualTo(0.0);
        assertThat(zero.grad()).as("relu'(0) is taken as 0").isEqualTo(0.0);
    }

    @Test
    void constantOverloadsDifferentiateOnlyTheValue() {
        var a = new Value(3.0);
        Value out = a.add(1.0).sub(2.0).mul(4.0).div(8.0); // ((a + 1 - 2)·4)/8 = (a - 1)/2
        out.backward();
        assertThat(out.data()).isEqualTo(1.0);
        assertThat(a.grad()).as("d((a-1)/2)/da = 1/2").isEqualTo(0.5);
    }

    // --------------------------------------------- each op, by finite differences

    static Stream<Arguments> everyOp() {
        return Stream.of(
                op("add", x -> x.get(0).add(x.get(1)), 0.7, -1.3),
                op("sub", x -> x.get(0).sub(x.get(1)), 0.7, -1.3),
                op("mul", x -> x.get(0).mul(x.get(1)), 0.7, -1.3),
                op("div", x -> x.get(0).div(x.get(1)), 0.7, -1.3),
                op("add(double)", x -> x.get(0).add(2.5), 0.7),
                op("sub(double)", x -> x.get(0).sub(2.5), 0.7),
                op("mul(double)", x -> x.get(0).mul(2.5), 0.7),
                op("div(double)", x -> x.get(0).div(2.5), 0.7),
                op("pow(3)", x -> x.get(0).pow(3), -1.3),
                op("pow(-1.5)", x -> x.get(0).pow(-1.5), 0.7),
                op("neg", x -> x.get(0).neg(), 0.7),
                op("exp", x -> x.get(0).exp(), 0.7),
                op("log", x -> x.get(0).log(), 0.7),
                op("tanh", x -> x.get(0).tanh(), 0.7),
                op("relu of positive", x -> x.get(0).relu(), 0.7),
                op("relu of negative", x -> x.get(0).relu(), -1.3));
    }

    private static Arguments op(String name, Function<List<Value>, Value> expression, double... at) {
        return Arguments.of(name, expression, at);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyOp")
    void everyOpAgreesWithFiniteDifferences(String name, Function<List<Value>, Value> expression, double[] at) {
        // Scaling the output by 1.7 makes the upstream grad of the op under test 1.7, not 1.
        assertGradientMatchesFiniteDifferences(name, x -> expression.apply(x).mul(1.7), at);
    }

    // ------------------------------------------------------------ backward()

    @Test
    void aValueUsedTwiceCollectsGradFromBothUses() {
        var a = new Value(3.0);
        Value square = a.mul(a);
        square.backward();
        assertThat(a.grad()).as("d(a·a)/da = 2a").isEqualTo(6.0);

        var b = new Value(3.0);
        b.add(b).backward();
        assertThat(b.grad()).as("d(b+b)/db = 2").isEqualTo(2.0);
    }

    @Test
    void diamondGraphSumsGradsOverBothPaths() {
        // a → (b = 2a, c = a²) → d = b·c = 2a³, so dd/da = 6a² = 24 at a = 2
        var a = new Value(2.0);
        Value b = a.mul(2.0);
        Value c = a.pow(2);
        Value d = b.mul(c);
        d.backward();
        assertThat(d.data()).isEqualTo(16.0);
        assertThat(a.grad()).isEqualTo(24.0);
    }

    @Test
    void leafGradsAccumulateOverBackwardCallsAndZeroGradResetsThem() {
        var a = new Value(3.0);
        var b = new Value(-2.0);
        Value out = a.mul(b).add(1.0);
        out.backward();
        out.backward();
        assertThat(a.grad()).as("two backward passes add -2 twice").isEqualTo(-4.0);
        assertThat(b.grad()).isEqualTo(6.0);

        a.zeroGrad();
        b.zeroGrad();
        out.backward();
        assertThat(a.grad()).as("after zeroGrad, one pass").isEqualTo(-2.0);
        assertThat(out.children().getFirst().grad()).as("intermediate grads restart every pass").isEqualTo(1.0);
    }

    @Test
    void aChainOf200000OpsBackpropagatesWithoutRecursion() throws InterruptedException {
        int length = 200_000;
        var x = new Value(0.0);
        Value y = x;
        for (int i = 0; i < length; i++) {
            y = y.add(1.0);
        }
        // A small stack proves the traversal does not recurse: 200 000 frames would need megabytes.
        Value output = y;
        var failure = new Throwable[1];
        var thread = new Thread(null, () -> {
            try {
                output.backward();
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "backward-on-small-stack", 256 * 1024);
        thread.start();
        thread.join();

        assertThat(failure[0]).as("backward() on a %d-deep chain", length).isNull();
        assertThat(y.data()).isEqualTo(length);
        assertThat(x.grad()).as("d(x + 1 + 1 + ...)/dx").isEqualTo(1.0);
    }

    // ------------------------------------------------------------ bad input

    @Test
    void logOfNonPositiveNamesTheOpAndTheValue() {
        assertThatThrownBy(() -> new Value(0.0).log())
                .isInstanceOf(ArithmeticException.class).hasMessageContaining("log").hasMessageContaining("0.0");
        assertThatThrownBy(() -> new Value(-2.5).log())
                .isInstanceOf(ArithmeticException.class).hasMessageContaining("log").hasMessageContaining("-2.5");
    }

    @Test
    void divisionByZeroNamesTheOpAndTheNumerator() {
        assertThatThrownBy(() -> new Value(3.0).div(0.0))
                .isInstanceOf(ArithmeticException.class).hasMessageContaining("div").hasMessageContaining("3.0");
    }

    @Test
    void powOutsideTheRealsNamesTheOpBaseAndExponent() {
        assertThatThrownBy(() -> new Value(-4.0).pow(0.5))
                .isInstanceOf(ArithmeticException.class).hasMessageContaining("pow")
                .hasMessageContaining("-4.0").hasMessageContaining("0.5");
        assertThatThrownBy(() -> new Value(0.0).pow(-1))
                .isInstanceOf(ArithmeticException.class).hasMessageContaining("pow").hasMessageContaining("-1.0");
        assertThat(new Value(-2.0).pow(2).data()).as("whole exponents of negative bases are fine").isEqualTo(4.0);
    }

    // ------------------------------------------------------------ bookkeeping

    @Test
    void resultsRecordTheirOpChildrenAndLabel() {
        var a = new Value(2.0, "a");
        var b = new Value(-3.0, "b");
        Value e = a.mul(b).named("e");
        assertThat(e.op()).isEqualTo("*");
        assertThat(e.children()).containsExactly(a, b);
        assertThat(e.label()).isEqualTo("e");
        assertThat(a.op()).as("a leaf has no op").isEmpty();
        assertThat(a.children()).isEmpty();
        assertThat(a.pow(2).op()).isEqualTo("^2");
        assertThat(e).hasToString("Value(data=-6.0, grad=0.0)");
    }
}
