package jgrad.bench;

import java.util.Arrays;

/**
 * The statistics every side-by-side benchmark here reports: on a shared machine single timings
 * swing by 2×, so contenders are interleaved in rounds and compared by medians.
 */
public final class Rounds {
    private Rounds() {
    }

    /** The median (upper middle for an even count). */
    public static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Seconds of the fastest of {@code calls} runs of {@code work}, after {@code warmUps} untimed ones. */
    public static double bestSeconds(int warmUps, int calls, Runnable work) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < warmUps + calls; i++) {
            long start = System.nanoTime();
            work.run();
            long elapsed = System.nanoTime() - start;
            if (i >= warmUps) {
                best = Math.min(best, elapsed);
            }
        }
        return best / 1e9;
    }
}
