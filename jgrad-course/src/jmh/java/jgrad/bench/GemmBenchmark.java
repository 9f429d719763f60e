package jgrad.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import jgrad.kernels.Parallel;
import jgrad.nativ.Backends;
import jgrad.nativ.GemmBackend;
import jgrad.nativ.OpenBlasBackend;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Workload W1: square SGEMM {@code C = A·B}, N ∈ {256, 512, 1024, 2048}, 1 and 2 threads, every
 * backend in the same run. GFLOP/s = 2N³ / time. Backends:
 * <ul>
 *   <li>{@code java}: {@link jgrad.kernels.Gemm};</li>
 *   <li>{@code openblas}: cblas_sgemm on Java arrays, i.e. including the off-heap copies;</li>
 *   <li>{@code openblas-offheap}: cblas_sgemm on data already off-heap (no copies): the
 *       difference to {@code openblas} is what the copies cost.</li>
 * </ul>
 * OpenBLAS's thread count follows {@link Parallel#setThreads}. Run:
 * {@code java -jar target/benchmarks.jar GemmBenchmark -p n=1024}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class GemmBenchmark {

    @Param({"256", "512", "1024", "2048"})
    public int n;

    @Param({"1", "2"})
    public int threads;

    @Param({"java", "openblas", "openblas-offheap"})
    public String backend;

    private float[] a;
    private float[] b;
    private float[] c;
    private GemmBackend gemm;
    private OpenBlasBackend openBlas;
    private Arena arena;
    private MemorySegment aSegment;
    private MemorySegment bSegment;
    private MemorySegment cSegment;

    @Setup(Level.Trial)
    public void setUp() {
        Parallel.setThreads(threads);
        var random = new Random(1);
        a = new float[n * n];
        b = new float[n * n];
        c = new float[n * n];
        for (int i = 0; i < n * n; i++) {
            a[i] = random.nextFloat() - 0.5f;
            b[i] = random.nextFloat() - 0.5f;
        }
        String library = backend.startsWith("openblas") ? "openblas" : backend;
        var availability = Backends.availability(library);
        if (!availability.available()) {
            throw new IllegalStateException(library + " unavailable: " + availability.reason());
        }
        gemm = availability.backend();
        if (backend.equals("openblas-offheap")) {
            openBlas = (OpenBlasBackend) gemm;
            arena = Arena.ofShared();
            aSegment = arena.allocateFrom(ValueLayout.JAVA_FLOAT, a);
            bSegment = arena.allocateFrom(ValueLayout.JAVA_FLOAT, b);
            cSegment = arena.allocate(ValueLayout.JAVA_FLOAT, (long) n * n);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (arena != null) {
            arena.close();
        }
    }

    @Benchmark
    public Object sgemm() {
        if (openBlas != null) {
            openBlas.sgemm(false, false, n, n, n, aSegment, n, bSegment, n, 0f, cSegment, n);
            return cSegment;
        }
        gemm.sgemm(false, false, n, n, n, a, 0, n, b, 0, n, 0f, c, 0, n);
        return c;
    }
}
