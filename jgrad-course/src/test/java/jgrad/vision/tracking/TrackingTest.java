package jgrad.vision.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import jgrad.vision.detection.Box;
import jgrad.vision.detection.DetectionDemo;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TrackingTest {

    @Property(tries = 50)
    void hungarianFindsTheCheapestAssignment(@ForAll @IntRange(min = 1, max = 5) int rows, @ForAll @IntRange(min = 1, max = 5) int cols,
                                             @ForAll long seed) {
        var random = new SplittableRandom(seed);
        double[][] cost = new double[rows][cols];
        for (double[] row : cost) for (int j = 0; j < cols; j++) row[j] = random.nextInt(10);
        int[] assignment = Hungarian.solve(cost);
        double total = 0;
        boolean[] used = new boolean[cols];
        int assigned = 0;
        for (int i = 0; i < rows; i++) {
            if (assignment[i] < 0) continue;
            assertThat(used[assignment[i]]).as("column %d used twice", assignment[i]).isFalse();
            used[assignment[i]] = true;
            total += cost[i][assignment[i]];
            assigned++;
        }
        assertThat(assigned).isEqualTo(Math.min(rows, cols));
        assertThat(total).isEqualTo(bruteForce(cost, 0, new boolean[cols], Math.min(rows, cols)));
    }

    // the least cost of giving each row (or, with more rows than columns, each column) a distinct partner
    private static double bruteForce(double[][] cost, int row, boolean[] used, int toAssign) {
        if (toAssign == 0) return 0;
        if (row == cost.length) return Double.POSITIVE_INFINITY;
        double best = cost.length - row > toAssign ? bruteForce(cost, row + 1, used, toAssign) : Double.POSITIVE_INFINITY;
        for (int j = 0; j < used.length; j++) {
            if (used[j]) continue;
            used[j] = true;
            best = Math.min(best, cost[row][j] + bruteForce(cost, row + 1, used, toAssign - 1));
            used[j] = false;
        }
        return best;
    }

    private static MotMetrics.Identified at(int id, double x) {
        return new MotMetrics.Identified(id, new Box(x, 0, x + 10, 10));
    }

    @Test
    void motMetricsCountAnIdentitySwitchAMissAndAFalsePositive() {
        var m = new MotMetrics(0.5);
        m.add(List.of(at(1, 0), at(2, 50)), List.of(at(7, 0), at(8, 50)));     // both matched
        m.add(List.of(at(1, 1), at(2, 51)), List.of(at(9, 1), at(8, 51)));     // object 1 now matched to 9: a switch
        m.add(List.of(at(1, 2), at(2, 52)), List.of(at(9, 2), at(5, 90)));     // object 2 missed, hypothesis 5 false
        assertThat(m.idSwitches()).isEqualTo(1);
        assertThat(m.misses()).isEqualTo(1);
        assertThat(m.falsePositives()).isEqualTo(1);
        assertThat(m.mota()).isCloseTo(1 - 3.0 / 6, within(1e-12));
        // IDF1: best trajectory pairs 1-9 (2 frames) and 2-8 (2 frames): IDTP 4, IDFN 2, IDFP 2 -> 8 / 12
        assertThat(m.idf1()).isCloseTo(8.0 / 12, within(1e-12));
    }

    @Test
    void sortTracksNoisyDetectionsOfGeneratedVideos() {
        // detections = ground truth jittered by up to 1 pixel, each missed with probability 0.1, plus rare clutter
        var videos = new MovingObjectsVideo(DetectionDemo.SCENES, 40, 3, 0.05);
        var random = new SplittableRandom(4);
        var metrics = new MotMetrics(0.5);
        for (int v = 0; v < 5; v++) {
            var tracker = new SortTracker(8, 2, 0.2);
            metrics.newSequence();
            for (MovingObjectsVideo.Frame frame : videos.sample(random)) {
                List<Box> detections = new ArrayList<>();
                for (MotMetrics.Identified o : frame.objects()) {
                    if (random.nextDouble() < 0.1) continue;
                    Box b = o.box();
                    detections.add(new Box(b.x1() + random.nextDouble() * 2 - 1, b.y1() + random.nextDouble() * 2 - 1,
                            b.x2() + random.nextDouble() * 2 - 1, b.y2() + random.nextDouble() * 2 - 1));
                }
                if (random.nextDouble() < 0.05) detections.add(Box.ofCenter(random.nextDouble() * 48, random.nextDouble() * 48, 10, 10));
                metrics.add(frame.objects(), tracker.update(detections).stream()
                        .map(b -> new MotMetrics.Identified(b.id(), b.box())).toList());
            }
        }
        assertThat(metrics.mota()).as(metrics.summary()).isGreaterThan(0.75);
        assertThat(metrics.idf1()).as(metrics.summary()).isGreaterThan(0.7);
    }
}
