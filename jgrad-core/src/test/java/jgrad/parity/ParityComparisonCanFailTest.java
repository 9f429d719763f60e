package jgrad.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jgrad.DType;
import jgrad.Tensor;
import org.junit.jupiter.api.Test;

/** The comparison behind {@link PyTorchParityTest} fails on NaN, infinity, a missing gradient and an empty check. */
class ParityComparisonCanFailTest {
    private static final Tensor ZEROS = Tensor.zeros(DType.FLOAT64, 3);

    @Test
    void equalTensorsPassAndReportTheirLargestDifference() {
        assertThat(PyTorchParityTest.compare("close", Tensor.of(new double[] {1e-12, 0, -3e-11}), ZEROS, 1e-10))
                .isEqualTo(3e-11);
    }

    @Test
    void aNanAmongLargeDifferencesIsNotOverwritten() {
        assertThatThrownBy(() -> PyTorchParityTest.compare("nan", Tensor.of(new double[] {5, Double.NaN, 0}), ZEROS, 1e-10))
                .isInstanceOf(AssertionError.class).hasMessageContaining("not finite");
    }

    @Test
    void infinityOnEitherSideFails() {
        Tensor inf = Tensor.of(new double[] {0, Double.POSITIVE_INFINITY, 0});
        assertThatThrownBy(() -> PyTorchParityTest.compare("inf", inf, ZEROS, 1e-10))
                .isInstanceOf(AssertionError.class).hasMessageContaining("not finite");
        assertThatThrownBy(() -> PyTorchParityTest.compare("inf on both sides", inf, inf, 1e-10))
                .isInstanceOf(AssertionError.class).hasMessageContaining("not finite");
    }

    @Test
    void aMissingGradientFailsWithAMessage() {
        assertThatThrownBy(() -> PyTorchParityTest.compare("grad weight", null, ZEROS, 1e-10))
                .isInstanceOf(AssertionError.class).hasMessageContaining("grad weight").hasMessageContaining("no gradient");
    }

    @Test
    void anEmptyComparisonFails() {
        Tensor empty = Tensor.zeros(DType.FLOAT64, 0);
        assertThatThrownBy(() -> PyTorchParityTest.compare("empty", empty, empty, 1e-10))
                .isInstanceOf(AssertionError.class).hasMessageContaining("no elements");
    }
}
