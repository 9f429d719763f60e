package jgrad.nn;

import jgrad.DType;
import jgrad.Gradcheck;
import jgrad.Tensor;
import jgrad.nn.functional.F;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class InitTest {

    private static double variance(Tensor t) {
        return t.float64().var(false).item();
    }

    @Test
    void fansOfAConvWeightIncludeTheReceptiveField() {
        assertThat(Init.fanInAndFanOut(Tensor.zeros(8, 3, 5, 5))).containsExactly(75, 200);
        assertThatThrownBy(() -> Init.fanInAndFanOut(Tensor.zeros(4))).hasMessageContaining("fewer than 2 dims");
    }

    @Test
    void kaimingAndXavierHaveTheDocumentedVariance() {
        // 200 x 300 = 60000 samples: the sample variance is within ~1% of the true one; 5% leaves room
        var random = new SplittableRandom(1);
        Tensor w = Tensor.zeros(DType.FLOAT64, 200, 300);
        Init.kaimingNormal_(w, 0, Init.FanMode.FAN_IN, "relu", random);
        assertThat(variance(w)).isCloseTo(2.0 / 300, within(0.05 * 2.0 / 300));
        Init.kaimingUniform_(w, 0, Init.FanMode.FAN_OUT, "relu", random);
        assertThat(variance(w)).isCloseTo(2.0 / 200, within(0.05 * 2.0 / 200));
        Init.xavierUniform_(w, 1.0, random);
        assertThat(variance(w)).isCloseTo(2.0 / 500, within(0.05 * 2.0 / 500));
        Init.xavierNormal_(w, Init.calculateGain("tanh"), random);
        assertThat(variance(w)).isCloseTo(25.0 / 9 * 2.0 / 500, within(0.05 * 25.0 / 9 * 2.0 / 500));
        assertThat(Init.calculateGain("leaky_relu", Math.sqrt(5))).isCloseTo(Math.sqrt(1.0 / 3), within(1e-15));
    }

    @Test
    void theSameGeneratorSeedGivesTheSameLayer() {
        var a = new Linear(5, 3, true, new SplittableRandom(42));
        var b = new Linear(5, 3, true, new SplittableRandom(42));
        assertThat(a.weight().toFloatArray()).containsExactly(b.weight().toFloatArray());
        assertThat(a.bias().toFloatArray()).containsExactly(b.bias().toFloatArray());
    }

    @Property(tries = 15)
    void linearGradientsMatchWithLeadingBatchDims(@ForAll @IntRange(min = 0, max = 2) int batchDims,
                                                  @ForAll @IntRange(min = 1, max = 4) int in,
                                                  @ForAll @IntRange(min = 1, max = 4) int out,
                                                  @ForAll long seed) {
        var random = new SplittableRandom(seed);
        int[] shape = switch (batchDims) {
            case 0 -> new int[] {in};
            case 1 -> new int[] {3, in};
            default -> new int[] {2, 3, in};
        };
        Tensor x = Tensor.randn(random, DType.FLOAT64, shape);
        Tensor w = Tensor.randn(random, DType.FLOAT64, out, in);
        Tensor b = Tensor.randn(random, DType.FLOAT64, out);
        Gradcheck.Result result = Gradcheck.check(inputs -> F.linear(inputs.get(0), inputs.get(1), inputs.get(2)), seed, x, w, b);
        assertThat(result.passed()).as(result.describe()).isTrue();
    }
}
