package jgrad.vision.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MeanAveragePrecisionTest {

    private static final Box A = new Box(0, 0, 10, 10), B = new Box(20, 20, 30, 30);

    @Test
    void perfectDetectionsScoreOneAtEveryThreshold() {
        var truths = List.of(List.of(new GroundTruth(A, 0), new GroundTruth(B, 1)));
        var predictions = List.of(List.of(new Detection(A, 0, 0.9), new Detection(B, 1, 0.8)));
        assertThat(MeanAveragePrecision.cocoMap(predictions, truths, 2)).isEqualTo(1.0);
    }

    @Test
    void aConfidentFalsePositiveHalvesThePrecisionOfTheLaterHit() {
        // class 0 has one object; detections by score: a miss (0.9), then the hit (0.8).
        // precision/recall: (0, 0) then (1/2, 1); monotone envelope 1/2 at every recall level -> AP = 0.5
        var truths = List.of(List.of(new GroundTruth(A, 0)));
        var predictions = List.of(List.of(new Detection(B, 0, 0.9), new Detection(A, 0, 0.8)));
        assertThat(MeanAveragePrecision.averagePrecision(predictions, truths, 0, 0.5)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void aMissedObjectCapsRecallAndADuplicateCountsAsFalsePositive() {
        // two objects; one found twice, one missed: recall reaches 1/2 with precision 1 -> 51 of 101 levels
        var truths = List.of(List.of(new GroundTruth(A, 0), new GroundTruth(B, 0)));
        var predictions = List.of(List.of(new Detection(A, 0, 0.9), new Detection(new Box(0, 0, 10, 9), 0, 0.8)));
        assertThat(MeanAveragePrecision.averagePrecision(predictions, truths, 0, 0.5)).isCloseTo(51.0 / 101, within(1e-12));
    }

    @Test
    void looseBoxesPassAtHalfButFailAtStrictThresholds() {
        // IoU of (0,0,10,10) and (0,0,10,14) is 100/140 = 0.714: a hit for t <= 0.70, a miss above
        var truths = List.of(List.of(new GroundTruth(A, 0)));
        var predictions = List.of(List.of(new Detection(new Box(0, 0, 10, 14), 0, 0.9)));
        assertThat(MeanAveragePrecision.map(predictions, truths, 1, 0.5)).isEqualTo(1.0);
        assertThat(MeanAveragePrecision.map(predictions, truths, 1, 0.75)).isEqualTo(0.0);
        assertThat(MeanAveragePrecision.cocoMap(predictions, truths, 1)).as("5 of the 10 COCO thresholds").isCloseTo(0.5, within(1e-12));
    }

    @Test
    void classesWithoutObjectsAreLeftOutOfTheMean() {
        var truths = List.of(List.of(new GroundTruth(A, 0)));
        var predictions = List.of(List.of(new Detection(A, 0, 0.9), new Detection(B, 2, 0.9)));
        assertThat(MeanAveragePrecision.map(predictions, truths, 3, 0.5)).isEqualTo(1.0);
    }
}
