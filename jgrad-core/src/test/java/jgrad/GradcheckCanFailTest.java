package jgrad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import jgrad.testing.BrokenGradients;
import org.junit.jupiter.api.Test;

/**
 * A check that cannot fail proves nothing: Gradcheck must reject deliberately wrong backwards,
 * built here through the package-private {@link Grad#record}, and its report must point at the
 * offending element. Each wrong op has a correct twin that passes, so the failure is the backward's.
 */
class GradcheckCanFailTest {

    /** A non-symmetric 3x3 matrix: c and its transpose differ off the diagonal. */
    private static final Tensor C = Tensor.of(new double[][] {{1, 2, 3}, {-4, 5, 6}, {7, -8, 9}});

    private static final Tensor X = Tensor.of(new double[][] {{0.3, -1.2, 0.8}, {1.5, 0.1, -0.6}, {-0.9, 2.0, 0.4}});

    /** tanh whose backward has the sign flipped (or not). */
    private static Tensor tanh(Tensor x, boolean flipSign) {
        Tensor y;
        try (var ignored = Grad.noGrad()) {
            y = x.tanh();
        }
        Tensor slope = Tensor.onesLike(y).sub(y.mul(y));
        return Grad.record(y, "TanhBackward", g -> new Tensor[] {flipSign ? g.mul(slope).neg() : g.mul(slope)}, x);
    }

    /** y = x * c elementwise, whose backward uses c transposed (or c). */
    private static Tensor timesC(Tensor x, boolean transposeC) {
        Tensor y;
        try (var ignored = Grad.noGrad()) {
            y = x.mul(C);
        }
        return Grad.record(y, "MulBackward", g -> new Tensor[] {g.mul(transposeC ? C.t() : C)}, x);
    }

    /** y = x * c elementwise, whose backward transposes the input gradient it returns (or not). */
    private static Tensor timesCWithGradientTransposed(Tensor x, boolean transposeGradient) {
        Tensor y;
        try (var ignored = Grad.noGrad()) {
            y = x.mul(C);
        }
        return Grad.record(y, "MulBackward", g -> new Tensor[] {transposeGradient ? g.mul(C).t() : g.mul(C)}, x);
    }

    @Test
    void aFlippedSignIsCaughtAndTheReportNamesTheWorstElement() {
        assertThat(Gradcheck.check(in -> tanh(in.get(0), false), 7L, X).passed()).as("correct twin").isTrue();

        Gradcheck.Result result = Gradcheck.check(in -> tanh(in.get(0), true), 7L, X);
        assertThat(result.passed()).as(result.describe()).isFalse();
        // with the sign flipped, analytic = -numeric everywhere: relative error |2n| / |2n| = 1
        assertThat(result.analytic()).as("analytic vs -numeric").isCloseTo(-result.numeric(), within(1e-8));
        assertThat(result.relativeError()).isCloseTo(1.0, within(1e-6));
        assertThat(result.describe())
                .contains("FAILED")
                .contains("input 0 at " + Arrays.toString(result.elementIndex()));
    }

    @Test
    void aBackwardThatUsesTheTransposedFactorIsCaughtOffTheDiagonal() {
        assertThat(Gradcheck.check(in -> timesC(in.get(0), false), 7L, X).passed()).as("correct twin").isTrue();

        Gradcheck.Result result = Gradcheck.check(in -> timesC(in.get(0), true), 7L, X);
        assertThat(result.passed()).as(result.describe()).isFalse();
        int[] worst = result.elementIndex();
        assertThat(worst[0]).as("the worst element %s is off the diagonal, where c and c^T differ", Arrays.toString(worst))
                .isNotEqualTo(worst[1]);
        assertThat(result.describe()).contains("FAILED").contains(Arrays.toString(worst));
    }

    @Test
    void aBackwardThatTransposesTheGradientIsCaught() {
        assertThat(Gradcheck.check(in -> timesCWithGradientTransposed(in.get(0), false), 7L, X).passed()).as("correct twin").isTrue();

        Gradcheck.Result result = Gradcheck.check(in -> timesCWithGradientTransposed(in.get(0), true), 7L, X);
        assertThat(result.passed()).as(result.describe()).isFalse();
        assertThat(result.elementIndex()[0]).isNotEqualTo(result.elementIndex()[1]);
        assertThat(result.describe()).contains("FAILED").contains("input 0");
    }

    @Test
    void aGradientOffByOnePartInAThousandIsCaught() {
        // tolerance is relative 1e-5: a 1e-3 scale error in every element is far outside it
        Gradcheck.Result result = Gradcheck.check(in -> {
            Tensor input = in.get(0);
            Tensor y;
            try (var ignored = Grad.noGrad()) {
                y = input.exp();
            }
            return Grad.record(y, "ExpBackward", g -> new Tensor[] {g.mul(y).mul(1.001)}, input);
        }, 7L, X);
        assertThat(result.passed()).as(result.describe()).isFalse();
        assertThat(result.relativeError()).as(result.describe()).isCloseTo(0.001 / 2.001, within(1e-6));
    }

    // Values no error measure can describe: each must fail, each with a twin that passes.

    @Test
    void anInfiniteOrNanGradientElementFails() {
        assertThat(Gradcheck.check(in -> BrokenGradients.scaled(in.get(0), 3, g -> g.mul(3)), 7L, X).passed())
                .as("correct twin").isTrue();
        for (double bad : new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN}) {
            Gradcheck.Result result = Gradcheck.check(
                    in -> BrokenGradients.scaled(in.get(0), 3, g -> BrokenGradients.withElement(g.mul(3), 4, bad)), 7L, X);
            assertThat(result.passed()).as("element 4 is %s: %s", bad, result.describe()).isFalse();
            assertThat(result.elementIndex()).as("the non-finite element is the worst").containsExactly(1, 1);
            assertThat(result.describe()).contains("FAILED").contains("not finite");
        }
    }

    @Test
    void aGradientInfiniteEverywhereFailsInsteadOfCheckingNothing() {
        Gradcheck.Result result = Gradcheck.check(
                in -> BrokenGradients.scaled(in.get(0), 3, g -> Tensor.full(Double.POSITIVE_INFINITY, g.dtype(), g.shape())), 7L, X);
        assertThat(result.passed()).as(result.describe()).isFalse();
        assertThat(result.elementsChecked()).isEqualTo(9);
    }

    @Test
    void anInputThatGetsNoGradientFailsEvenWhereTheTrueGradientIsZero() {
        // y = 2 x0 + 0 * x1: the gradient of x1 is zero, but backward never reaching x1 (here: detached)
        // is a broken graph, not a zero gradient.
        assertThat(Gradcheck.check(in -> in.get(0).mul(2).add(in.get(1).mul(0)), 7L, X, X).passed())
                .as("correct twin").isTrue();
        Gradcheck.Result result = Gradcheck.check(in -> in.get(0).mul(2).add(in.get(1).detach().mul(0)), 7L, X, X);
        assertThat(result.passed()).as(result.describe()).isFalse();
        assertThat(result.describe()).contains("input 1 has no gradient");
    }

    @Test
    void aCheckOfZeroElementsFails() {
        Gradcheck.Result result = Gradcheck.check(in -> in.get(0).mul(2), 7L, Tensor.zeros(DType.FLOAT64, 0, 3));
        assertThat(result.passed()).as(result.describe()).isFalse();
        assertThat(result.describe()).contains("no elements to check");
    }
}
