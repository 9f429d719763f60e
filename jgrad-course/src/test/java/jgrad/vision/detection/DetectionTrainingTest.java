package jgrad.vision.detection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A narrow CenterNet trained briefly (60 steps of 32 generated scenes) must find the objects of
 * held-out scenes far better than chance; the demo's longer run is the measured result.
 */
class DetectionTrainingTest {

    @Test
    void briefTrainingFindsHeldOutObjects() {
        var config = new DetectorTraining(DetectionDemo.SCENES, 12, 480, 4, 32, 4e-3, 3);
        CenterNet model = config.train(null);
        var result = DetectorTraining.evaluate(model, DetectionDemo.SCENES, 100, 77);
        assertThat(result.map50()).as(DetectorTraining.summary(result)).isGreaterThan(0.45);
    }

    @Test
    void targetsPutOneAtEachCentreCellWithOffsetAndSize() {
        var scene = DetectionDemo.SCENES.sample(new SplittableRandom(5));
        var loss = new CenterNetLoss(ShapeScenes.CLASSES, CenterNet.STRIDE);
        var targets = loss.encode(java.util.List.of(scene.truths()), 48, 48);
        for (GroundTruth t : scene.truths()) {
            int i = (int) (t.box().centerY() / 4), j = (int) (t.box().centerX() / 4);
            assertThat(targets.heatmap().get(0, t.label(), i, j)).isEqualTo(1.0);
            assertThat(targets.offset().get(0, 0, i, j)).isCloseTo(t.box().centerX() / 4 - j, org.assertj.core.api.Assertions.within(1e-5));
            assertThat(targets.size().get(0, 1, i, j)).isCloseTo(t.box().height() / 4, org.assertj.core.api.Assertions.within(1e-5));
        }
        assertThat(targets.mask().sum().item()).isEqualTo(scene.objects().size());
    }
}
