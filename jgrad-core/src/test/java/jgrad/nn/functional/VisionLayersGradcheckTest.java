package jgrad.nn.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.SplittableRandom;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.nn.ConvTranspose2d;
import jgrad.testing.Gradchecks;
import jgrad.testing.ModuleGradchecks;
import jgrad.testing.RandomTensors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * float64 gradient checks of the layers the vision tasks added: leaky ReLU, transposed convolution
 * and interpolation, on random shapes and options with random upstream gradients.
 */
class VisionLayersGradcheckTest {

    @Property(tries = 20)
    void leakyReluGradientsMatch(@ForAll @IntRange(min = 1, max = 4) int rows, @ForAll @IntRange(min = 1, max = 5) int cols,
                                 @ForAll @IntRange(min = 0, max = 30) int slopeHundredths, @ForAll long seed) {
        double slope = slopeHundredths / 100.0;
        Tensor x = RandomTensors.awayFrom(new Random(seed), new int[] {rows, cols}, -2, 2, 0.0).requiresGrad(true);
        Gradchecks.assertGradientsMatch("leakyRelu", seed, in -> F.leakyRelu(in.get(0), slope), x);
    }

    @Property(tries = 25)
    void convTranspose2dGradientsMatch(@ForAll @IntRange(min = 1, max = 2) int batch,
                                       @ForAll @IntRange(min = 1, max = 2) int groups,
                                       @ForAll @IntRange(min = 1, max = 2) int inPerGroup,
                                       @ForAll @IntRange(min = 1, max = 2) int outPerGroup,
                                       @ForAll @IntRange(min = 1, max = 3) int kernelH,
                                       @ForAll @IntRange(min = 1, max = 4) int kernelW,
                                       @ForAll @IntRange(min = 1, max = 3) int stride,
                                       @ForAll @IntRange(min = 0, max = 1) int padding,
                                       @ForAll @IntRange(min = 1, max = 2) int dilation,
                                       @ForAll boolean withBias,
                                       @ForAll long seed) {
        var random = new SplittableRandom(seed);
        int outputPadding = random.nextInt(Math.max(stride, dilation));          // PyTorch: < max(stride, dilation)
        int[] s = {stride, 1}, p = {padding, 0}, op = {outputPadding, 0}, d = {dilation, 1};
        int height = 2 * padding + 1 + random.nextInt(2), width = 1 + random.nextInt(3);   // height > 2 padding: a non-empty output
        Tensor x = Tensor.randn(random, DType.FLOAT64, batch, groups * inPerGroup, height, width).requiresGrad(true);
        Tensor w = Tensor.randn(random, DType.FLOAT64, groups * inPerGroup, outPerGroup, kernelH, kernelW).requiresGrad(true);
        Tensor b = Tensor.randn(random, DType.FLOAT64, groups * outPerGroup).requiresGrad(true);
        if (withBias) {
            Gradchecks.assertGradientsMatch("convTranspose2d", seed,
                    in -> F.convTranspose2d(in.get(0), in.get(1), in.get(2), s, p, op, groups, d), x, w, b);
        } else {
            Gradchecks.assertGradientsMatch("convTranspose2d", seed,
                    in -> F.convTranspose2d(in.get(0), in.get(1), null, s, p, op, groups, d), x, w);
        }
    }

    @Property(tries = 5)
    void convTranspose2dModuleGradientsMatch(@ForAll long seed) {
        var random = new SplittableRandom(seed);
        var layer = new ConvTranspose2d(2, 3, new int[] {4, 4}, new int[] {2, 2}, new int[] {1, 1}, new int[] {0, 0},
                1, true, new int[] {1, 1}, random);
        layer.to(DType.FLOAT64);
        Tensor x = Tensor.randn(random, DType.FLOAT64, 1, 2, 3, 3).requiresGrad(true);
        ModuleGradchecks.assertGradientsMatch("ConvTranspose2d", seed, layer, () -> layer.forward(x), x);
    }

    @Property(tries = 25)
    void interpolateGradientsMatch(@ForAll @IntRange(min = 1, max = 5) int height, @ForAll @IntRange(min = 1, max = 5) int width,
                                   @ForAll @IntRange(min = 1, max = 7) int outH, @ForAll @IntRange(min = 1, max = 7) int outW,
                                   @ForAll boolean bilinear, @ForAll boolean alignCorners, @ForAll long seed) {
        Tensor x = Tensor.randn(new SplittableRandom(seed), DType.FLOAT64, 2, 2, height, width).requiresGrad(true);
        String mode = bilinear ? "bilinear" : "nearest";
        boolean align = bilinear && alignCorners;
        Gradchecks.assertGradientsMatch("interpolate " + mode, seed, in -> F.interpolate(in.get(0), outH, outW, mode, align), x);
    }

    @Test
    void convTranspose2dIsTheAdjointOfConv2d() {
        // <conv2d(x), y> = <x, convTranspose2d(y)> for the same weight and options: the defining property.
        var random = new SplittableRandom(7);
        int[] s = {2, 3}, p = {1, 0}, d = {1, 2};
        Tensor w = Tensor.randn(random, DType.FLOAT64, 6, 2, 3, 2);              // conv2d: (O=6, C/G=2), groups 2
        Tensor x = Tensor.randn(random, DType.FLOAT64, 2, 4, 9, 8);
        Tensor y = F.conv2d(x, w, null, s, p, d, 2);
        Tensor v = Tensor.randn(random, DType.FLOAT64, y.shape());
        int[] op = {9 - ((y.size(2) - 1) * 2 - 2 + 3), 8 - ((y.size(3) - 1) * 3 + 2 * 1 + 1)};   // recover (9, 8)
        Tensor back = F.convTranspose2d(v, w, null, s, p, op, 2, d);                 // weight read as (C=6, O/G=2)
        assertThat(back.shape()).containsExactly(x.shape());
        double left = y.mul(v).sum().item(), right = x.mul(back).sum().item();
        assertThat(left).as("<conv(x), v> vs <x, convT(v)>").isCloseTo(right, org.assertj.core.api.Assertions.within(1e-10));
    }

    @Test
    void badOptionsNameTheOpAndTheShapes() {
        Tensor x = Tensor.zeros(1, 4, 3, 3);
        assertThatThrownBy(() -> F.convTranspose2d(x, Tensor.zeros(3, 2, 3, 3), null, 1, 0))
                .hasMessageContaining("convTranspose2d").hasMessageContaining("(3, 2, 3, 3)");
        assertThatThrownBy(() -> F.convTranspose2d(x, Tensor.zeros(4, 2, 3, 3), null, new int[] {2}, new int[] {0},
                new int[] {2}, 1, new int[] {1})).hasMessageContaining("output_padding 2");
        assertThatThrownBy(() -> F.interpolate(x, 2, 2, "bicubic", false)).hasMessageContaining("bicubic");
        assertThatThrownBy(() -> F.interpolate(x, 2, 2, "nearest", true)).hasMessageContaining("align_corners");
    }
}
