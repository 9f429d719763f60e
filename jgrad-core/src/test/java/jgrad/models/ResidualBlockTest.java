package jgrad.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import jgrad.DType;
import jgrad.Jgrad;
import jgrad.Tensor;
import jgrad.testing.ModuleGradchecks;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ResidualBlockTest {

    @Property(tries = 3)
    void residualBlockGradientsMatchInTrainingMode(@ForAll long seed) {
        Jgrad.manualSeed(seed);
        var block = new ResidualBlock(2, 3, 2);                // projection shortcut: 1x1 conv stride 2 + BN
        block.to(DType.FLOAT64);
        Tensor x = Tensor.randn(new SplittableRandom(seed), DType.FLOAT64, 3, 2, 4, 3).requiresGrad(true);
        ModuleGradchecks.assertGradientsMatch("ResidualBlock", seed, block, () -> block.forward(x), x);
    }

    @Test
    void smallResNetMapsImagesOfAnySizeToClassScores() {
        Jgrad.manualSeed(0);
        var net = new SmallResNet(3, 4, 7);
        assertThat(net.forward(Tensor.randn(2, 3, 28, 28)).shape()).containsExactly(2, 7);
        assertThat(net.forward(Tensor.randn(2, 3, 32, 32)).shape()).containsExactly(2, 7);
    }
}
