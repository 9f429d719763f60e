package jgrad.kernels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import jgrad.bench.Rounds;

/**
 * Micro-kernel shapes and cache blocks compared side by side, the measurement behind
 * {@link SgemmBlocking#table}: square SGEMM, 1 thread, every contender once per round (best of 3
 * calls), so a busy neighbour slows all of them in the same round; prints each one's median
 * GFLOP/s, best round, and the median of its per-round ratios to the first contender.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector [-XX:UseAVX=2 | -XX:MaxVectorSize=16] \
 *      -cp target/benchmarks.jar jgrad.kernels.GemmShapes N ROUNDS [SHAPE[:KC[:MC]] ...]
 * </pre>
 * SHAPE is rows×vectors as in {@code -Djgrad.sgemm.kernel} ({@code 12x2}, {@code 4x2}, ...); with
 * no shapes every kernel of {@link SgemmMicroKernels#ALL} runs with the table's KC and MC.
 */
public final class GemmShapes {
    private GemmShapes() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        SgemmBlocking chosen = BlockedSgemm.BLOCKING;
        List<SgemmBlocking> contenders = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            String[] parts = args[i].split(":");
            contenders.add(new SgemmBlocking(SgemmBlocking.byName(parts[0]),
                    parts.length > 2 ? Integer.parseInt(parts[2]) : chosen.mc(),
                    parts.length > 1 ? Integer.parseInt(parts[1]) : chosen.kc()));
        }
        if (contenders.isEmpty()) {
            for (var kernel : SgemmMicroKernels.ALL) {
                contenders.add(new SgemmBlocking(kernel, chosen.mc(), chosen.kc()));
            }
        }
        System.out.println("table's choice here: " + chosen);
        Parallel.setThreads(1);
        var random = new Random(1);
        float[] a = new float[n * n], b = new float[n * n], c = new float[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextFloat() - 0.5f;
            b[i] = random.nextFloat() - 0.5f;
        }
        int count = contenders.size();
        double[][] gflops = new double[count][rounds];
        double[][] ratios = new double[count][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int q = 0; q < count; q++) {
                SgemmBlocking blocking = contenders.get(q);
                gflops[q][round] = 2.0 * n * n * n / 1e9 / Rounds.bestSeconds(1, 3,
                        () -> BlockedSgemm.sgemm(blocking, false, false, n, n, n, a, 0, n, b, 0, n, 0f, c, 0, n));
                ratios[q][round] = gflops[q][round] / gflops[0][round];
            }
        }
        for (int q = 0; q < count; q++) {
            SgemmBlocking blocking = contenders.get(q);
            System.out.printf(Locale.ROOT, "N=%d %-5s %3d×%-3d KC=%-4d MC=%-4d median %6.1f GFLOP/s  best %6.1f  ratio to first %.2f%n",
                    n, SgemmBlocking.name(blocking.kernel()), blocking.kernel().mr(), blocking.kernel().nr(),
                    blocking.kc(), blocking.mc(), Rounds.median(gflops[q]), Arrays.stream(gflops[q]).max().orElseThrow(),
                    Rounds.median(ratios[q]));
        }
    }
}
