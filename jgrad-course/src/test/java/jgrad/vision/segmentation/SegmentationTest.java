package jgrad.vision.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.testing.Gradchecks;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SegmentationTest {

    @Property(tries = 15)
    void diceLossGradientsMatch(@ForAll @IntRange(min = 1, max = 2) int batch, @ForAll @IntRange(min = 2, max = 4) int classes,
                                @ForAll @IntRange(min = 1, max = 3) int height, @ForAll long seed) {
        var random = new SplittableRandom(seed);
        Tensor logits = Tensor.randn(random, DType.FLOAT64, batch, classes, height, 3).requiresGrad(true);
        Tensor target = Tensor.randint(random, 0, classes, batch, height, 3);
        Gradchecks.assertGradientsMatch("DiceLoss", seed, in -> DiceLoss.dice(in.get(0), target), logits);
    }

    @Test
    void diceIsZeroForConfidentCorrectLogitsAndLargeForWrongOnes() {
        Tensor target = Tensor.of(new long[] {0, 1, 1, 0}, 1, 2, 2);
        Tensor right = DiceLoss.oneHot(target, 2).to(DType.FLOAT64).mul(40);
        Tensor wrong = DiceLoss.oneHot(target.neg().add(1), 2).to(DType.FLOAT64).mul(40);
        assertThat(DiceLoss.dice(right, target).item()).isCloseTo(0, within(1e-9));
        // no overlap: dice_c = eps / (2 + 2 + eps) = 1/5 per class -> loss 0.8
        assertThat(DiceLoss.dice(wrong, target).item()).isCloseTo(0.8, within(1e-9));
    }

    @Test
    void metricsByHand() {
        // truth 0 0 1 1 2, predicted 0 1 1 1 0: IoU_0 = 1/3, IoU_1 = 2/3, IoU_2 = 0/1
        var m = new SegmentationMetrics(3).add(new long[] {0, 1, 1, 1, 0}, new long[] {0, 0, 1, 1, 2});
        assertThat(m.pixelAccuracy()).isCloseTo(0.6, within(1e-12));
        assertThat(m.iou(0)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(m.iou(1)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(m.meanIou()).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void briefTrainingLabelsHeldOutPixels() {
        var config = new SegmentationTraining(SegmentationDemo.SCENES, 6, 320, 2, 16, 4e-3, 1.0, 2);
        UNet model = config.train(null);
        assertThat(model.forward(Tensor.zeros(1, 1, 32, 32)).shape()).containsExactly(1, 4, 32, 32);
        var metrics = SegmentationTraining.evaluate(model, SegmentationDemo.SCENES, 60, 99);
        assertThat(metrics.meanIou()).as(metrics.report(SegmentationTraining.CLASS_NAMES)).isGreaterThan(0.4);
    }
}
