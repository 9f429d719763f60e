package exercises.unit11;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import jgrad.Tensor;
import jgrad.vision.detection.Box;
import jgrad.vision.detection.BoxOps;
import jgrad.vision.detection.Detection;
import jgrad.vision.detection.GroundTruth;
import jgrad.vision.detection.MeanAveragePrecision;
import jgrad.vision.segmentation.SegmentationMetrics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Graded tests of unit 11, with jgrad.vision as the reference: {@code BoxOps.boxIou} and {@code nms}
 * (torchvision's semantics, tasks 1 and 2), {@code MeanAveragePrecision.averagePrecision} (COCO's, task 3)
 * and {@code SegmentationMetrics.meanIou} (task 4). Boxes lie on a coarse grid so that touching,
 * nested, identical and disjoint pairs all occur; scores are rounded so that ties occur.
 */
class DetectionSegmentationTest {

    @Test
    @Tag("task1")
    void iouOnHandExamples() {
        assertEquals(1.0 / 7, Boxes.iou(new double[] {0, 0, 2, 2}, new double[] {1, 1, 3, 3}), 1e-12, "overlap 1, union 7");
        assertEquals(0, Boxes.iou(new double[] {0, 0, 1, 1}, new double[] {1, 0, 2, 1}), 0, "boxes that only touch");
        assertEquals(0.25, Boxes.iou(new double[] {0, 0, 4, 4}, new double[] {1, 1, 3, 3}), 1e-12, "nested: 4 / 16");
        assertEquals(0, Boxes.iou(new double[] {1, 1, 1, 1}, new double[] {1, 1, 1, 1}), 0, "empty union");
    }

    @Test
    @Tag("task1")
    void iouMatchesBoxIou() {
        var random = new SplittableRandom(1101);
        double[][] boxes = randomBoxes(random, 30);
        double[] expected = BoxOps.boxIou(tensor(boxes), tensor(boxes)).toDoubleArray();
        for (int i = 0; i < boxes.length; i++)
            for (int j = 0; j < boxes.length; j++) {
                assertEquals(expected[i * boxes.length + j], Boxes.iou(boxes[i], boxes[j]), 1e-12,
                        "iou(" + Arrays.toString(boxes[i]) + ", " + Arrays.toString(boxes[j]) + ")");
            }
    }

    @Test
    @Tag("task2")
    void nmsMatchesTorchvisionSemantics() {
        var random = new SplittableRandom(1102);
        for (int trial = 0; trial < 20; trial++) {
            double[][] boxes = randomBoxes(random, 2 + random.nextInt(20));
            double[] scores = new double[boxes.length];
            for (int i = 0; i < scores.length; i++) scores[i] = Math.round(random.nextDouble() * 10) / 10.0;
            double threshold = new double[] {0.0, 0.3, 0.5, 1.0 / 3}[trial % 4];
            long[] expected = BoxOps.nms(tensor(boxes), Tensor.of(scores), threshold).toLongArray();
            int[] kept = Boxes.nms(boxes, scores, threshold);
            assertArrayEquals(Arrays.stream(expected).mapToInt(i -> (int) i).toArray(), kept,
                    "nms at " + threshold + " of " + boxes.length + " boxes with scores " + Arrays.toString(scores));
        }
    }

    @Test
    @Tag("task3")
    void averagePrecisionMatchesCoco() {
        var random = new SplittableRandom(1103);
        for (int trial = 0; trial < 12; trial++) {
            int images = 1 + random.nextInt(5);
            double[][][] truths = new double[images][][];
            List<List<GroundTruth>> truthLists = new ArrayList<>();
            List<List<Detection>> predictions = new ArrayList<>();
            List<Boxes.Scored> scored = new ArrayList<>();
            for (int i = 0; i < images; i++) {
                truths[i] = randomBoxes(random, (i == 0 ? 1 : 0) + random.nextInt(4));
                truthLists.add(Arrays.stream(truths[i]).map(b -> new GroundTruth(box(b), 0)).toList());
                List<Detection> found = new ArrayList<>();
                for (double[] b : randomBoxes(random, random.nextInt(6))) {
                    double score = Math.round(random.nextDouble() * 20) / 20.0;
                    found.add(new Detection(box(b), 0, score));
                    scored.add(new Boxes.Scored(i, score, b));
                }
                for (double[] t : truths[i]) {           // near-misses of the truth, so that some detections match
                    if (random.nextBoolean()) {
                        double[] b = {t[0] + random.nextInt(2), t[1], t[2] + random.nextInt(2), t[3]};
                        double score = Math.round(random.nextDouble() * 20) / 20.0;
                        found.add(new Detection(box(b), 0, score));
                        scored.add(new Boxes.Scored(i, score, b));
                    }
                }
                predictions.add(found);
            }
            // jgrad sorts all images' detections together, image by image; so does the list given to you.
            for (double threshold : new double[] {0.5, 0.75}) {
                double expected = MeanAveragePrecision.averagePrecision(predictions, truthLists, 0, threshold);
                assertEquals(expected, Boxes.averagePrecision(scored, truths, threshold), 1e-12,
                        "AP at IoU " + threshold + ", trial " + trial + " (" + scored.size() + " detections on " + images + " images)");
            }
        }
    }

    @Test
    @Tag("task4")
    void meanIouMatchesSegmentationMetrics() {
        var random = new SplittableRandom(1104);
        for (int trial = 0; trial < 10; trial++) {
            int classes = 2 + random.nextInt(4), pixels = 5 + random.nextInt(60);
            int[] predicted = new int[pixels], actual = new int[pixels];
            for (int i = 0; i < pixels; i++) {
                actual[i] = random.nextInt(classes - 1);                  // the last class never occurs in the truth
                predicted[i] = random.nextInt(3) == 0 ? random.nextInt(classes) : actual[i];
            }
            double expected = new SegmentationMetrics(classes)
                    .add(Arrays.stream(predicted).asLongStream().toArray(), Arrays.stream(actual).asLongStream().toArray()).meanIou();
            assertEquals(expected, Boxes.meanIou(predicted, actual, classes), 1e-12,
                    "mIoU of predicted " + Arrays.toString(predicted) + " against " + Arrays.toString(actual));
        }
    }

    private static double[][] randomBoxes(SplittableRandom random, int count) {
        double[][] boxes = new double[count][];
        for (int i = 0; i < count; i++) {
            int x = random.nextInt(8), y = random.nextInt(8);
            boxes[i] = new double[] {x, y, x + random.nextInt(6), y + 1 + random.nextInt(5)};
        }
        return boxes;
    }

    private static Box box(double[] b) {
        return new Box(b[0], b[1], b[2], b[3]);
    }

    private static Tensor tensor(double[][] boxes) {
        double[] flat = new double[boxes.length * 4];
        for (int i = 0; i < boxes.length; i++) System.arraycopy(boxes[i], 0, flat, 4 * i, 4);
        return Tensor.of(flat, boxes.length, 4);
    }
}
