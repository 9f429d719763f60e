package jgrad.bench;

import java.util.Locale;
import java.util.Random;

import jgrad.kernels.Gemm;
import jgrad.kernels.Parallel;

/**
 * Thread scaling of the Java SGEMM alone: 1 and 2 threads alternated in one JVM, best of 5 calls
 * per round, median over rounds. It runs without OpenBLAS on purpose: OpenBLAS's worker threads
 * keep spinning for a while after each of its calls, which takes the second core away from the
 * Java kernel when the two are interleaved (as in {@link GemmCompare}).
 *
 * <p>Sizes are square N or {@code MxNxK} (C is M×N, K the inner dimension); the small ones are
 * how the threshold below which a GEMM stays on the calling thread was measured
 * ({@code BlockedSgemm.PARALLEL_WORK}).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp target/benchmarks.jar jgrad.bench.GemmScaling ROUNDS SIZE...
 * java ... jgrad.bench.GemmScaling 9 1024
 * java ... jgrad.bench.GemmScaling 15 32x1024x256 64x64x64 128x512x784
 * </pre>
 */
public final class GemmScaling {
    private GemmScaling() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        String[] sizes = args.length > 1 ? java.util.Arrays.copyOfRange(args, 1, args.length) : new String[] {"1024"};
        for (String size : sizes) {
            String[] parts = size.split("x");
            int m = Integer.parseInt(parts[0]);
            int n = parts.length > 1 ? Integer.parseInt(parts[1]) : m;
            int k = parts.length > 2 ? Integer.parseInt(parts[2]) : m;
            measure(m, n, k, rounds);
        }
    }

    private static void measure(int m, int n, int k, int rounds) {
        var random = new Random(1);
        float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextFloat() - 0.5f;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextFloat() - 0.5f;
        }
        // Enough calls per measurement that even a tiny product is timed over ~1 ms.
        int repeat = (int) Math.max(1, Math.min(1000, 1_000_000L / ((long) m * n * k / 1000 + 1)));
        Runnable call = () -> {
            for (int r = 0; r < repeat; r++) {
                Gemm.sgemm(false, false, m, n, k, a, 0, k, b, 0, n, 0f, c, 0, n);
            }
        };
        double flop = 2.0 * m * n * k * repeat;
        double[][] gflops = new double[2][rounds];
        double[] ratios = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            for (int threads = 1; threads <= 2; threads++) {
                Parallel.setThreads(threads);
                gflops[threads - 1][round] = flop / 1e9 / Rounds.bestSeconds(2, 5, call);
            }
            ratios[round] = gflops[1][round] / gflops[0][round];
        }
        System.out.printf(Locale.ROOT, "%dx%dx%d (%.2f M multiply-adds): 1 thread %.1f GFLOP/s, 2 threads %.1f; "
                        + "2/1 median of per-round ratios %.2f (%d rounds)%n", m, n, k, (double) m * n * k / 1e6,
                Rounds.median(gflops[0]), Rounds.median(gflops[1]), Rounds.median(ratios), rounds);
    }
}
