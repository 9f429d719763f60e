package exercises.unit17;

import java.util.Arrays;

/** Unit 17 exercise, task 4: the latency percentile a metrics endpoint reports. */
public final class Latency {
    private Latency() {
    }

    /**
     * Task 4: the nearest-rank percentile p (0 < p <= 100) of the latencies: sort a copy, take the value
     * at rank {@code ceil(p / 100 · n)} counting from 1. Throw IllegalArgumentException for an empty
     * array or p outside (0, 100]. The input array must not be changed.
     */
    public static double percentile(double[] latencies, double p) {
        if (latencies.length == 0 || !(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile: expected latencies and 0 < p <= 100, got " + latencies.length + " values, p " + p);
        }
        double[] sorted = latencies.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }
}
