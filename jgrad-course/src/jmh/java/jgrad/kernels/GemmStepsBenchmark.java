package jgrad.kernels;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The GEMM optimisation ladder of docs/performance.md, one rung per benchmark, on one thread
 * unless named otherwise (N = 512 by default; GFLOP/s = 2N³ / time):
 * <ol>
 *   <li>{@code naive}: {@link ReferenceGemm#sgemm}, i-j-p with the p loop striding down B;</li>
 *   <li>{@code loopOrder}: i-p-j, scalar: the inner loop walks rows of B and C contiguously;</li>
 *   <li>{@code loopOrderVector}: i-p-j with Vector API FMAs (the small-matrix path of {@link Gemm});</li>
 *   <li>{@code packedMicroKernel}: {@link BlockedSgemm}, one benchmark per micro-kernel shape;</li>
 *   <li>{@code packedMicroKernel2Threads}: the same, default shape, 2 threads.</li>
 * </ol>
 * Run: {@code java -jar target/benchmarks.jar GemmStepsBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GemmStepsBenchmark {

    @Param({"512"})
    public int n;

    /** Index into {@link SgemmMicroKernels#ALL}: 0 = 12x2V, 1 = 8x3V, 2 = 6x4V, 3 = 6x2V, 4 = 4x3V, 5 = 5x2V, 6 = 4x2V, 7 = 3x3V, 8 = 2x4V. */
    @Param({"0", "1", "2", "3", "4", "5", "6", "7", "8"})
    public int shape;

    private float[] a;
    private float[] b;
    private float[] c;

    @Setup
    public void setUp() {
        var random = new Random(1);
        a = new float[n * n];
        b = new float[n * n];
        c = new float[n * n];
        for (int i = 0; i < n * n; i++) {
            a[i] = random.nextFloat() - 0.5f;
            b[i] = random.nextFloat() - 0.5f;
        }
    }

    @Benchmark
    public float[] naive() {
        ReferenceGemm.sgemm(false, false, n, n, n, a, 0, n, b, 0, n, 0f, c, 0, n);
        return c;
    }

    /** {@code C[i][:] += A[i][p] · B[p][:]}: same arithmetic per element as naive, cache-friendly order. */
    @Benchmark
    public float[] loopOrder() {
        java.util.Arrays.fill(c, 0f);
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < n; p++) {
                float aip = a[i * n + p];
                for (int j = 0; j < n; j++) {
                    c[i * n + j] += aip * b[p * n + j];
                }
            }
        }
        return c;
    }

    @Benchmark
    public float[] loopOrderVector() {
        Gemm.smallSgemm(false, false, n, n, n, a, 0, n, b, 0, n, 0f, c, 0, n);
        return c;
    }

    @Benchmark
    public float[] packedMicroKernel() {
        Parallel.setThreads(1);
        BlockedSgemm.sgemm(new SgemmBlocking(SgemmMicroKernels.ALL.get(shape), BlockedSgemm.BLOCKING.mc(),
                BlockedSgemm.BLOCKING.kc()), false, false, n, n, n, a, 0, n, b, 0, n, 0f, c, 0, n);
        return c;
    }

    @Benchmark
    public float[] packedMicroKernel2Threads() {
        Parallel.setThreads(2);
        BlockedSgemm.sgemm(false, false, n, n, n, a, 0, n, b, 0, n, 0f, c, 0, n);
        return c;
    }
}
