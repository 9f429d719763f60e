package jgrad.bench;

import java.util.Random;

import jgrad.kernels.Gemm;
import jgrad.kernels.Parallel;

/**
 * Thread scaling of the Java SGEMM alone: 1 and 2 threads alternated in one JVM, best of 5 calls
 * per round, median over rounds. It runs without OpenBLAS on purpose: OpenBLAS's worker threads
 * keep spinning for a while after each of its calls, which takes the second core away from the
 * Java kernel when the two are interleaved (as in {@link GemmCompare}).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp target/benchmarks.jar jgrad.bench.GemmScaling 1024 9
 * </pre>
 */
public final class GemmScaling {
    private GemmScaling() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        var random = new Random(1);
        float[] a = new float[n * n], b = new float[n * n], c = new float[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextFloat() - 0.5f;
            b[i] = random.nextFloat() - 0.5f;
        }
        double[][] gflops = new double[2][rounds];
        double[] ratios = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            for (int threads = 1; threads <= 2; threads++) {
                Parallel.setThreads(threads);
                gflops[threads - 1][round] = 2.0 * n * n * n / 1e9
                        / Rounds.bestSeconds(2, 5, () -> Gemm.sgemm(false, false, n, n, n, a, 0, n, b, 0, n, 0f, c, 0, n));
            }
            ratios[round] = gflops[1][round] / gflops[0][round];
        }
        System.out.printf("N=%d java 1 thread  median %.1f GFLOP/s%n", n, Rounds.median(gflops[0]));
        System.out.printf("N=%d java 2 threads median %.1f GFLOP/s%n", n, Rounds.median(gflops[1]));
        System.out.printf("2 threads / 1 thread, median of per-round ratios: %.2f (%d rounds)%n", Rounds.median(ratios), rounds);
    }

}
