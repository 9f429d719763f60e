package jgrad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Small conveniences a PyTorch user reaches for: int data, scalars, var/std of all elements, setting a gradient. */
class JavaFriendlyApiTest {

    @Test
    void intDataMakesAnInt64TensorAndADoubleMakesAScalar() {
        Tensor targets = Tensor.of(new int[] {3, 1, 4, 1, 5, 9}, 2, 3);
        assertThat(targets.dtype()).isEqualTo(DType.INT64);
        assertThat(targets.shape()).containsExactly(2, 3);
        assertThat(targets.toLongArray()).containsExactly(3, 1, 4, 1, 5, 9);
        Tensor half = Tensor.of(0.5);
        assertThat(half.shape()).isEmpty();
        assertThat(half.dtype()).isEqualTo(Jgrad.defaultDtype());
        assertThat(half.item()).isEqualTo(0.5);
    }

    @Test
    void varAndStdOfAllElementsAreUnbiasedLikePyTorch() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4});
        // mean 2.5, squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5, divided by n - 1 = 3
        assertThat(x.var().item()).isCloseTo(5.0 / 3, within(1e-15));
        assertThat(x.std().item()).isCloseTo(Math.sqrt(5.0 / 3), within(1e-15));
    }

    @Test
    void aGradientCanBeSetDirectlyAndIsCheckedAgainstTheTensor() {
        Tensor p = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor g = Tensor.of(new double[] {0.1, -0.2});
        assertThat(p.grad(g).grad()).isSameAs(g);
        p.mul(3.0).sum().backward();
        assertThat(p.grad().toDoubleArray()).as("backward adds to a set gradient").containsExactly(3.1, 2.8);
        assertThat(p.grad(null).grad()).isNull();
        assertThatThrownBy(() -> p.grad(Tensor.zeros(DType.FLOAT64, 3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shape (3,)").hasMessageContaining("shape (2,)");
        assertThatThrownBy(() -> p.grad(Tensor.zeros(DType.FLOAT32, 2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("float32");
    }
}
