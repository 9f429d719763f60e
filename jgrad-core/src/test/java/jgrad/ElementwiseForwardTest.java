package jgrad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Forward values of elementwise ops against hand-computed results. */
class ElementwiseForwardTest {

    /** Values computed with + - * / on doubles agree to rounding; 1e-15 leaves room for one or two ulps. */
    private static final double ROUNDING = 1e-15;

    private static Tensor f64(double... values) {
        return Tensor.of(values);
    }

    @Test
    void arithmeticOperatorsComputeElementwise() {
        Tensor a = f64(1, -2, 3.5);
        Tensor b = f64(4, 0.5, -2);
        assertThat(a.neg().toDoubleArray()).containsExactly(-1, 2, -3.5);
        assertThat(a.add(b).toDoubleArray()).containsExactly(5, -1.5, 1.5);
        assertThat(a.sub(b).toDoubleArray()).containsExactly(-3, -2.5, 5.5);
        assertThat(a.mul(b).toDoubleArray()).containsExactly(4, -1, -7);
        assertThat(a.div(b).toDoubleArray()).containsExactly(0.25, -4, -1.75);
        assertThat(a.add(10).toDoubleArray()).as("scalar overload").containsExactly(11, 8, 13.5);
    }

    @Test
    void integerDivisionIsTrueDivisionInTheDefaultFloatingType() {
        Tensor q = Tensor.of(new long[] {1, 7}).div(Tensor.of(new long[] {2, 2}));
        assertThat(q.dtype()).isEqualTo(Jgrad.defaultDtype());
        assertThat(q.toDoubleArray()).containsExactly(0.5, 3.5);
    }

    @Test
    void mixedFloatTypesPromoteToFloat64() {
        Tensor sum = Tensor.of(new float[] {1.5f}).add(f64(0.25));
        assertThat(sum.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(sum.item()).isEqualTo(1.75);
    }

    @Test
    void powWithConstantAndTensorExponents() {
        assertThat(f64(2, 3, 4).pow(2).toDoubleArray()).containsExactly(4, 9, 16);
        assertThat(f64(4, 9).pow(0.5).toDoubleArray()).containsExactly(2, 3);
        assertThat(f64(2, 9).pow(f64(3, -0.5)).toDoubleArray()).containsExactly(new double[] {8, 1.0 / 3}, within(ROUNDING));
    }

    @Test
    void transcendentalFunctionsMatchJavaMath() {
        assertThat(f64(0, 1).exp().toDoubleArray()).containsExactly(1, Math.E);
        assertThat(f64(1, Math.E).log().toDoubleArray()).containsExactly(0, 1);
        assertThat(f64(4, 2.25).sqrt().toDoubleArray()).containsExactly(2, 1.5);
        assertThat(f64(-3, 0, 2).abs().toDoubleArray()).containsExactly(3, 0, 2);
        assertThat(f64(0, 0.5).tanh().toDoubleArray()).containsExactly(0, Math.tanh(0.5));
    }

    @Test
    void sigmoidIsOneHalfAtZeroAndSaturatesWithoutNan() {
        assertThat(f64(0, 1000, -1000).sigmoid().toDoubleArray()).containsExactly(0.5, 1, 0);
        assertThat(f64(2).sigmoid().item()).isCloseTo(1 / (1 + Math.exp(-2)), within(ROUNDING));
    }

    @Test
    void reluZeroesNegativesAndClampLimitsToTheRange() {
        assertThat(f64(-1, 0, 2).relu().toDoubleArray()).containsExactly(0, 0, 2);
        assertThat(f64(-2, 0.5, 3).clamp(-1, 1).toDoubleArray()).containsExactly(-1, 0.5, 1);
        assertThat(f64(-2, 3).clamp(0, Double.POSITIVE_INFINITY).toDoubleArray()).as("one-sided").containsExactly(0, 3);
    }

    @Test
    void exactGeluOfOneIsPhiOfOne() {
        // 1 * Phi(1) = (1 + erf(1/sqrt 2)) / 2, the correctly rounded double (as Python's math.erf gives)
        assertThat(f64(1.0).gelu().item()).isEqualTo(0.8413447460685429);
        assertThat(f64(1.0).gelu("none").item()).isEqualTo(0.8413447460685429);
        assertThat(f64(0.0, -10.0).gelu().toDoubleArray()).as("gelu(0) and the far negative tail")
                .containsExactly(new double[] {0, 0}, within(1e-20));
    }

    @Test
    void tanhGeluOfOneMatchesTheApproximationFormula() {
        // 0.5 * (1 + tanh(sqrt(2/pi) * (1 + 0.044715))), evaluated in Python's float64
        assertThat(f64(1.0).gelu("tanh").item()).isCloseTo(0.8411919906082768, within(ROUNDING));
    }

    @Test
    void maximumAndMinimumBroadcast() {
        Tensor a = f64(1, 5, -2);
        Tensor b = Tensor.scalar(0.0, DType.FLOAT64);
        assertThat(a.maximum(b).toDoubleArray()).containsExactly(1, 5, 0);
        assertThat(a.minimum(b).toDoubleArray()).containsExactly(0, 0, -2);
    }

    @Test
    void comparisonsGiveBoolMasksAndWhereSelects() {
        Tensor a = f64(1, 5, -2);
        Tensor mask = a.gt(0);
        assertThat(mask.dtype()).isEqualTo(DType.BOOL);
        assertThat(mask.toDoubleArray()).containsExactly(1, 1, 0);
        assertThat(a.eq(5).toDoubleArray()).containsExactly(0, 1, 0);
        assertThat(Tensor.where(mask, a, f64(-7)).toDoubleArray()).containsExactly(1, 5, -7);
        assertThat(a.maskedFill(mask, 9).toDoubleArray()).containsExactly(9, 9, -2);
    }

    @Test
    void maskedFillBroadcastsARowMaskOverRows() {
        Tensor x = Tensor.of(new double[][] {{1, 2}, {3, 4}});
        Tensor rowMask = Tensor.of(new boolean[] {false, true});
        assertThat(x.maskedFill(rowMask, 0).toDoubleArray()).containsExactly(1, 0, 3, 0);
    }
}
