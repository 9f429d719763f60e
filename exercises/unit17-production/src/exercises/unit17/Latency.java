package exercises.unit17;

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
        // TODO(task 4): check the arguments, sort a copy, pick the value at the nearest rank.
        throw new UnsupportedOperationException("TODO task 4");
    }
}
