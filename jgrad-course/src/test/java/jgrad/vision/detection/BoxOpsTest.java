package jgrad.vision.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;
import jgrad.Tensor;
import jgrad.io.Safetensors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * box_iou, nms and batched_nms against torchvision 0.14 on 30 random, much-overlapping boxes
 * ({@code vision.safetensors}, written by {@code make_vision_fixtures.py}).
 */
class BoxOpsTest {

    private static Map<String, Tensor> fixture;

    @BeforeAll
    static void load() throws Exception {
        fixture = Safetensors.load(Path.of(BoxOpsTest.class.getResource("/jgrad/vision/vision.safetensors").toURI()));
    }

    @Test
    void boxIouMatchesTorchvision() {
        Tensor boxes = fixture.get("boxes.boxes");
        Tensor iou = BoxOps.boxIou(boxes.narrow(0, 0, 12), boxes.narrow(0, 12, 18));
        double[] expected = fixture.get("boxes.box_iou").toDoubleArray();
        double[] actual = iou.toDoubleArray();
        assertThat(iou.shape()).containsExactly(12, 18);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("iou at flat index %d", i).isCloseTo(expected[i], within(1e-12));
        }
    }

    @Test
    void nmsAndBatchedNmsKeepWhatTorchvisionKeeps() {
        Tensor boxes = fixture.get("boxes.boxes"), scores = fixture.get("boxes.scores");
        Tensor idxs = fixture.get("boxes.idxs").to(jgrad.DType.INT64);
        for (String threshold : new String[] {"0.1", "0.3", "0.5", "0.7"}) {
            double t = Double.parseDouble(threshold);
            assertThat(BoxOps.nms(boxes, scores, t).toLongArray()).as("nms kept indices at IoU %s", threshold)
                    .containsExactly(fixture.get("boxes.nms." + threshold).to(jgrad.DType.INT64).toLongArray());
            assertThat(BoxOps.batchedNms(boxes, scores, idxs, t).toLongArray()).as("batched_nms kept indices at IoU %s", threshold)
                    .containsExactly(fixture.get("boxes.batched_nms." + threshold).to(jgrad.DType.INT64).toLongArray());
        }
    }

    @Test
    void nmsSuppressesOnlyAboveTheThresholdAndKeepsEqualScoresInIndexOrder() {
        // two unit-offset boxes with IoU exactly 1/3: kept at threshold 1/3 (suppression needs IoU > threshold)
        Tensor boxes = Tensor.of(new double[][] {{0, 0, 2, 1}, {1, 0, 3, 1}});
        Tensor equal = Tensor.of(new double[] {0.5, 0.5});
        assertThat(BoxOps.nms(boxes, equal, 1.0 / 3).toLongArray()).containsExactly(0, 1);
        assertThat(BoxOps.nms(boxes, equal, 0.3).toLongArray()).containsExactly(0);
        assertThatThrownBy(() -> BoxOps.nms(Tensor.zeros(3, 5), Tensor.zeros(3), 0.5)).hasMessageContaining("(3, 5)");
    }
}
