package jgrad.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import jgrad.kernels.LayerNormKernels;
import jgrad.kernels.Parallel;
import jgrad.kernels.SoftmaxKernels;
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
 * Softmax over rows (attention scores of W4: (B·H·T, T) = (8192, 128); a vocabulary-sized row:
 * (64, 50257)) and layer norm over rows (W4/W6 widths), fast vs reference kernels.
 * Run: {@code java -jar target/benchmarks.jar RowKernelsBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class RowKernelsBenchmark {

    /** rows x cols */
    @Param({"8192x128", "64x50257", "2048x768"})
    public String shape;

    @Param({"1", "2"})
    public int threads;

    private int rows;
    private int cols;
    private float[] x;
    private float[] out;
    private float[] gamma;
    private float[] beta;
    private float[] mean;
    private float[] rstd;

    @Setup
    public void setUp() {
        Parallel.setThreads(threads);
        String[] parts = shape.split("x");
        rows = Integer.parseInt(parts[0]);
        cols = Integer.parseInt(parts[1]);
        var random = new Random(1);
        x = new float[rows * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        out = new float[x.length];
        gamma = new float[cols];
        beta = new float[cols];
        java.util.Arrays.fill(gamma, 1f);
        mean = new float[rows];
        rstd = new float[rows];
    }

    @Benchmark
    public float[] softmax() {
        SoftmaxKernels.softmaxRows(x, 0, out, 0, rows, cols);
        return out;
    }

    @Benchmark
    public float[] softmaxReference() {
        SoftmaxKernels.softmaxRowsReference(x, 0, out, 0, rows, cols);
        return out;
    }

    @Benchmark
    public float[] layerNorm() {
        LayerNormKernels.forward(x, 0, gamma, beta, 1e-5f, out, 0, mean, rstd, rows, cols);
        return out;
    }

    @Benchmark
    public float[] layerNormReference() {
        LayerNormKernels.forwardReference(x, 0, gamma, beta, 1e-5f, out, 0, mean, rstd, rows, cols);
        return out;
    }
}
