package jgrad.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

import jgrad.kernels.Parallel;
import jgrad.nativ.Backends;
import jgrad.nativ.GemmBackend;
import jgrad.nativ.OpenBlasBackend;

/**
 * Java vs OpenBLAS SGEMM, interleaved: each round times every (backend, threads) pair once
 * (best of 3 calls), so a noisy neighbour on a shared machine slows all of them alike; the
 * report is the median over rounds, in GFLOP/s = 2N³/s, and the ratios. JMH
 * ({@link GemmBenchmark}) gives the careful absolute numbers; this gives robust ratios.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
 *      -cp target/benchmarks.jar jgrad.bench.GemmCompare 1024 15
 * </pre>
 */
public final class GemmCompare {

    private GemmCompare() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        var random = new Random(1);
        float[] a = new float[n * n], b = new float[n * n], c = new float[n * n];
        for (int i = 0; i < n * n; i++) {
            a[i] = random.nextFloat() - 0.5f;
            b[i] = random.nextFloat() - 0.5f;
        }
        List<GemmBackend> backends = new ArrayList<>(List.of(Backends.JAVA));
        var openBlas = Backends.availability("openblas");
        if (openBlas.available()) {
            backends.add(openBlas.backend());
            backends.add(offHeap((OpenBlasBackend) openBlas.backend(), a, b, n));
            backends.add(critical());
        } else {
            System.out.println("openblas unavailable: " + openBlas.reason());
        }
        int[] threadCounts = {1, 2};
        double[][][] gflops = new double[backends.size()][threadCounts.length][rounds];
        for (int round = -2; round < rounds; round++) {   // two warm-up rounds
            for (int q = 0; q < backends.size(); q++) {
                for (int t = 0; t < threadCounts.length; t++) {
                    Parallel.setThreads(threadCounts[t]);
                    double best = Double.MAX_VALUE;
                    for (int call = 0; call < 3; call++) {
                        long start = System.nanoTime();
                        backends.get(q).sgemm(false, false, n, n, n, a, 0, n, b, 0, n, 0f, c, 0, n);
                        best = Math.min(best, (System.nanoTime() - start) / 1e9);
                    }
                    if (round >= 0) {
                        gflops[q][t][round] = 2.0 * n * n * n / best / 1e9;
                    }
                }
            }
        }
        double[][] median = new double[backends.size()][threadCounts.length];
        for (int q = 0; q < backends.size(); q++) {
            for (int t = 0; t < threadCounts.length; t++) {
                double[] sorted = gflops[q][t].clone();
                Arrays.sort(sorted);
                median[q][t] = sorted[rounds / 2];
                System.out.printf("N=%d %-17s threads=%d  median %.1f GFLOP/s  (min %.1f, max %.1f over %d rounds)%n", n,
                        backends.get(q).name(), threadCounts[t], median[q][t], sorted[0], sorted[rounds - 1], rounds);
            }
        }
        System.out.printf("ratios, median over rounds of the per-round ratio:%n");
        System.out.printf("  java 2 threads / java 1 thread: %.2f%n", medianRatio(gflops[0][1], gflops[0][0]));
        if (backends.size() > 1) {
            System.out.printf("  openblas 2 threads / openblas 1 thread: %.2f%n", medianRatio(gflops[1][1], gflops[1][0]));
            System.out.printf("  java / openblas, 1 thread: %.2f   2 threads: %.2f%n",
                    medianRatio(gflops[0][0], gflops[1][0]), medianRatio(gflops[0][1], gflops[1][1]));
            System.out.printf("  openblas with copies / off-heap, 1 thread: %.3f   2 threads: %.3f%n",
                    medianRatio(gflops[1][0], gflops[2][0]), medianRatio(gflops[1][1], gflops[2][1]));
            System.out.printf("  openblas critical call / off-heap, 1 thread: %.3f   2 threads: %.3f%n",
                    medianRatio(gflops[3][0], gflops[2][0]), medianRatio(gflops[3][1], gflops[2][1]));
        }
    }

    /**
     * OpenBLAS on operands already off-heap (copied once, here): against "openblas", which copies
     * A and B in and C out on every call, this isolates what the copies cost.
     */
    private static GemmBackend offHeap(OpenBlasBackend openBlas, float[] a, float[] b, int n) {
        Arena arena = Arena.global();
        MemorySegment aSegment = arena.allocateFrom(ValueLayout.JAVA_FLOAT, a);
        MemorySegment bSegment = arena.allocateFrom(ValueLayout.JAVA_FLOAT, b);
        MemorySegment cSegment = arena.allocate(ValueLayout.JAVA_FLOAT, (long) n * n);
        return new GemmBackend() {
            @Override
            public String name() {
                return "openblas-offheap";
            }

            @Override
            public String description() {
                return "cblas_sgemm on off-heap copies made once";
            }

            @Override
            public void sgemm(boolean transA, boolean transB, int m, int columns, int k, float[] ignoredA, int aOffset,
                              int lda, float[] ignoredB, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
                openBlas.sgemm(transA, transB, m, columns, k, aSegment, lda, bSegment, ldb, beta, cSegment, ldc);
            }
        };
    }

    /**
     * cblas_sgemm bound with {@code Linker.Option.critical(true)}, which lets a downcall take
     * heap segments ({@code MemorySegment.ofArray}): no copies, but the GC waits for the call.
     * An experiment for the design question "copy or critical call?", so it lives here.
     */
    private static GemmBackend critical() {
        Linker linker = Linker.nativeLinker();
        MethodHandle cblas = linker.downcallHandle(
                SymbolLookup.libraryLookup("libopenblas.so.0", Arena.global()).find("cblas_sgemm").orElseThrow(),
                FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_FLOAT,
                        ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_FLOAT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
                Linker.Option.critical(true));
        return new GemmBackend() {
            @Override
            public String name() {
                return "openblas-critical";
            }

            @Override
            public String description() {
                return "cblas_sgemm on heap arrays through a critical downcall";
            }

            @Override
            public void sgemm(boolean transA, boolean transB, int m, int columns, int k, float[] a, int aOffset, int lda,
                              float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
                try {
                    cblas.invokeExact(101, transA ? 112 : 111, transB ? 112 : 111, m, columns, k, 1f,
                            MemorySegment.ofArray(a).asSlice(4L * aOffset), lda,
                            MemorySegment.ofArray(b).asSlice(4L * bOffset), ldb, beta,
                            MemorySegment.ofArray(c).asSlice(4L * cOffset), ldc);
                } catch (Throwable t) {
                    throw new IllegalStateException(t);
                }
            }
        };
    }

    /** Median of x[r] / y[r]: both measured in the same round, so under the same machine load. */
    private static double medianRatio(double[] x, double[] y) {
        double[] ratios = new double[x.length];
        for (int r = 0; r < x.length; r++) {
            ratios[r] = x[r] / y[r];
        }
        Arrays.sort(ratios);
        return ratios[ratios.length / 2];
    }
}
