package jgrad.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SyntheticTest {

    @Test
    void circlesLieOnTwoRadiiAndAreBalanced() {
        TensorDataset data = Synthetic.circles(101, 0.0, 0.5, 3);
        float[] p = data.inputs().toFloatArray();
        long[] y = data.targets().toLongArray();
        assertThat(Arrays.stream(y).filter(v -> v == 0).count()).isEqualTo(50);
        for (int i = 0; i < y.length; i++) {
            double radius = Math.hypot(p[2 * i], p[2 * i + 1]);
            assertThat(radius).as("point %d of class %d", i, y[i]).isCloseTo(y[i] == 0 ? 1.0 : 0.5, within(1e-6));
        }
        assertThat(Synthetic.circles(101, 0.1, 0.5, 3).inputs().toFloatArray())
                .containsExactly(Synthetic.circles(101, 0.1, 0.5, 3).inputs().toFloatArray());
    }

    @Test
    void spiralsHaveOneArmPerClassFromTheCentreOut() {
        TensorDataset data = Synthetic.spirals(50, 3, 0.0, 1);
        assertThat(data.size()).isEqualTo(150);
        float[] p = data.inputs().toFloatArray();
        assertThat(Math.hypot(p[0], p[1])).isCloseTo(0, within(1e-6));          // first point of arm 0 at r = 0
        assertThat(Math.hypot(p[98], p[99])).isCloseTo(1, within(1e-6));       // last point of arm 0 at r = 1
        assertThat(data.targets().toLongArray()[149]).isEqualTo(2);
    }

    @Test
    void renderedDigitsAreDeterministicInRangeAndBalanced() {
        TensorDataset a = RenderedDigits.generate(50, 9);
        TensorDataset b = RenderedDigits.generate(50, 9);
        assertThat(a.inputs().shape()).containsExactly(50, 1, 28, 28);
        assertThat(a.inputs().toFloatArray()).containsExactly(b.inputs().toFloatArray());
        assertThat(a.inputs().min().item()).isGreaterThanOrEqualTo(0.0);
        assertThat(a.inputs().max().item()).isLessThanOrEqualTo(1.0);
        long[] labels = a.targets().toLongArray();
        for (int digit = 0; digit < 10; digit++) {
            int d = digit;
            assertThat(Arrays.stream(labels).filter(v -> v == d).count()).as("count of %d", digit).isEqualTo(5);
        }
        // every image has a drawn digit: far more ink than the noise alone (mean 0.1 * 0.4 ~ 0.04 per pixel)
        for (int i = 0; i < 50; i++) {
            assertThat(a.inputs().select(0, i).mean().item()).as("mean brightness of image %d", i).isGreaterThan(0.08);
        }
    }
}
