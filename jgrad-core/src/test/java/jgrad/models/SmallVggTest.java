package jgrad.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import jgrad.DType;
import jgrad.Grad;
import jgrad.Jgrad;
import jgrad.Tensor;
import jgrad.testing.ModuleGradchecks;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class SmallVggTest {

    /**
     * The whole network in training mode (batch statistics) with dropout 0, so that it is
     * deterministic: every weight, every batch-norm scale and shift and the input pixels. Width 1 and
     * two images keep the check to a few thousand float64 forward passes.
     */
    @Property(tries = 2)
    void gradientsMatchInTrainingMode(@ForAll long seed) {
        Jgrad.manualSeed(seed);
        var net = new SmallVgg(1, 3, 0.0);
        net.to(DType.FLOAT64);
        Tensor images = Tensor.randn(new SplittableRandom(seed), DType.FLOAT64, 2, 1, 28, 28).requiresGrad(true);
        ModuleGradchecks.assertGradientsMatch("SmallVgg", seed, net, () -> net.forward(images), images);
    }

    @Test
    void mapsImagesToTenClassScores() {
        Jgrad.manualSeed(0);
        var net = new SmallVgg(4, 8, 0.25);
        assertThat(net.forward(Tensor.randn(3, 1, 28, 28)).shape()).containsExactly(3, 10);
        // 4 convolutions without bias, 4 batch norms (scale and shift), 2 linear layers
        long expected = 9 * 4 + 4 * 4 * 9 + 4 * 8 * 9 + 8 * 8 * 9 + 2 * (4 + 4 + 8 + 8) + (8 * 49 * 8 + 8) + (8 * 10 + 10);
        assertThat(net.parameterCount()).isEqualTo(expected);
    }

    @Test
    void dropoutActsInTrainingOnlyAndEvaluationIsDeterministic() {
        Jgrad.manualSeed(1);
        var net = new SmallVgg(2, 8, 0.5);
        Tensor images = Tensor.randn(4, 1, 28, 28);
        try (var ignored = Grad.noGrad()) {
            float[] first = net.forward(images).toFloatArray(), second = net.forward(images).toFloatArray();
            assertThat(first).as("two training passes draw different dropout masks").isNotEqualTo(second);
            net.eval();
            assertThat(net.forward(images).toFloatArray()).as("evaluation passes agree").isEqualTo(net.forward(images).toFloatArray());
        }
    }
}
