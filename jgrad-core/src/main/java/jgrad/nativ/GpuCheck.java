package jgrad.nativ;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import jgrad.kernels.Parallel;
import jgrad.kernels.ReferenceGemm;

/**
 * The self-contained GPU check (docs/gpu-check.md): does cuBLAS load here, does it compute the
 * same GEMM as the float64 reference kernel, and how fast is it through {@link CublasBackend}.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp jgrad.jar \
 *      jgrad.nativ.GpuCheck [--sizes=1024,2048,4096] [--java-size=1024] [--warmups=2] [--runs=5] [--seed=42]
 * </pre>
 *
 * Steps: print {@link Backends#describe()}; if cuBLAS is available, run every parity case
 * ({@link #parityCases()}) against {@link ReferenceGemm#dgemm} on the same float inputs; time
 * {@code N×N×N} GEMMs on cuBLAS, then on the Java kernel at one size for reference.
 *
 * <p>Exit codes: {@value #PASSED} everything passed; {@value #FAILED} a parity case failed or a
 * call threw; {@value #UNAVAILABLE} cuBLAS is unavailable (the one-line reason is printed);
 * {@value #USAGE} bad arguments. Every failure is caught and printed as a line of the report.
 */
public final class GpuCheck {

    public static final int PASSED = 0;
    public static final int FAILED = 1;
    public static final int UNAVAILABLE = 2;
    public static final int USAGE = 3;

    private static final String USAGE_TEXT = "usage: GpuCheck [--sizes=1024,2048,4096] [--java-size=1024 (0 skips)]"
            + " [--warmups=2] [--runs=5] [--seed=42]";

    /** Minimum warm-up time before each timed size. */
    private static final double WARM_UP_SECONDS = 1.0;

    /** Float32 unit roundoff, 2⁻²⁴. */
    private static final double UNIT_ROUNDOFF = 0x1p-24;

    /** What to run: cuBLAS timing sizes, the Java timing size (0: none), warm-up and timed calls, seed. */
    record Options(List<Integer> sizes, int javaSize, int warmups, int runs, long seed) {
        static final Options DEFAULT = new Options(List.of(1024, 2048, 4096), 1024, 2, 5, 42);
        static final int MAX_SIZE = 16384;

        /** Parses {@code --name=value} arguments over the defaults; throws IllegalArgumentException on anything else. */
        static Options parse(String[] args) {
            List<Integer> sizes = DEFAULT.sizes();
            int javaSize = DEFAULT.javaSize(), warmups = DEFAULT.warmups(), runs = DEFAULT.runs();
            long seed = DEFAULT.seed();
            for (String arg : args) {
                int equals = arg.indexOf('=');
                String name = equals < 0 ? arg : arg.substring(0, equals);
                String value = equals < 0 ? "" : arg.substring(equals + 1);
                switch (name) {
                    case "--sizes" -> sizes = Arrays.stream(value.split(",")).map(size -> number(arg, size, 1)).toList();
                    case "--java-size" -> javaSize = number(arg, value, 0);
                    case "--warmups" -> warmups = number(arg, value, 0);
                    case "--runs" -> runs = number(arg, value, 1);
                    case "--seed" -> seed = number(arg, value, 0);
                    default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
                }
            }
            return new Options(sizes, javaSize, warmups, runs, seed);
        }

        /** An integer from {@code min} to {@link #MAX_SIZE} (so {@code n·n} fits an array). */
        private static int number(String arg, String text, int min) {
            try {
                int value = Integer.parseInt(text.trim());
                if (value >= min && value <= MAX_SIZE) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below with the argument it came from
            }
            throw new IllegalArgumentException("'" + arg + "': expected an integer from " + min + " to " + MAX_SIZE);
        }
    }

    /** One parity case: {@code C(m×n) = op(A)·op(B) + beta·C} with inner size k. */
    record ParityCase(boolean transA, boolean transB, int m, int n, int k, float beta) {
    }

    /**
     * The outcome of a parity case: the largest element error relative to its scale (see
     * {@link #checkParity}), the tolerance, and a failure message if the call threw or wrote
     * outside C's window. NaN errors fail.
     */
    record ParityResult(ParityCase parityCase, double maxError, double tolerance, String failure) {
        boolean passed() {
            return failure == null && maxError <= tolerance;
        }
    }

    /** Median and fastest wall time of the timed calls of an {@code n×n×n} GEMM; GFLOP/s from the median. */
    record Timing(int n, double medianSeconds, double minSeconds) {
        double gflops() {
            return 2.0 * n * n * n / medianSeconds / 1e9;
        }
    }

    private GpuCheck() {
    }

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.println(USAGE_TEXT);
            System.exit(PASSED);
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.out.println("GpuCheck: " + e.getMessage());
            System.out.println(USAGE_TEXT);
            System.exit(USAGE);
            return;
        }
        int code;
        try {
            code = run(options, Backends.availability("cublas"), System.out);
        } catch (Throwable t) {
            // a diagnostic reports whatever went wrong, as text, rather than dying with a trace only
            System.out.println("RESULT: FAIL, the check itself failed: " + t);
            t.printStackTrace(System.out);
            code = FAILED;
        }
        System.out.flush();
        System.exit(code);
    }

    /**
     * Runs the whole check against {@code gpu} (the cuBLAS availability in {@link #main}; tests
     * pass stand-ins) and returns the exit code.
     */
    static int run(Options options, Backends.Availability gpu, PrintStream out) {
        out.printf("jgrad GPU check: Java %s (%s), %s %s, %d CPUs, Java GEMM threads %d%n", Runtime.version(),
                System.getProperty("java.home"), System.getProperty("os.name"), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), Parallel.threads());
        out.println();
        out.print(Backends.describe());
        out.println();
        if (!gpu.available()) {
            out.println("cuBLAS unavailable: " + gpu.reason());
            List<Path> present = CublasBackend.searchDirectories().stream().filter(Files::isDirectory).toList();
            out.println("library directories searched that exist here: " + (present.isEmpty() ? "none" : present));
            out.println("RESULT: UNAVAILABLE (exit " + UNAVAILABLE + ")");
            return UNAVAILABLE;
        }
        GemmBackend backend = gpu.backend();
        var random = new Random(options.seed());
        int parityFailures = parity(backend, random, out);
        out.println();
        int timingFailures = timings(backend, options.sizes(), options, random, out,
                "each call as " + backend.name() + " runs it in jgrad, host<->device copies included");
        if (options.javaSize() > 0) {
            out.println();
            timingFailures += timings(Backends.JAVA, List.of(options.javaSize()), options, random, out,
                    "for reference, " + Parallel.threads() + " threads");
        }
        out.println();
        if (parityFailures + timingFailures == 0) {
            out.println("RESULT: PASS (all " + parityCases().size() + " parity cases within tolerance, timings done)");
            return PASSED;
        }
        out.printf("RESULT: FAIL (%d of %d parity cases failed, %d timings failed)%n",
                parityFailures, parityCases().size(), timingFailures);
        return FAILED;
    }

    /**
     * Shapes small and awkward: single elements, matrix-vector, sizes that are not multiples of
     * 32 (cuBLAS tiles) or of the Java vector width, one past a power of two, and the empty
     * edge cases m = 0, n = 0 and k = 0 (C = beta·C). Each in all four transpose combinations,
     * with beta cycling through 0 (C is never read: it holds NaN), 1 and 0.5.
     */
    static List<ParityCase> parityCases() {
        int[][] shapes = {{1, 1, 1}, {7, 5, 3}, {33, 17, 65}, {100, 1, 37}, {1, 129, 70},
            {127, 255, 63}, {300, 200, 257}, {0, 5, 7}, {6, 0, 4}, {8, 9, 0}};
        float[] betas = {0f, 1f, 0.5f};
        List<ParityCase> cases = new ArrayList<>();
        for (int[] shape : shapes) {
            for (int transposes = 0; transposes < 4; transposes++) {
                cases.add(new ParityCase((transposes & 1) != 0, (transposes & 2) != 0, shape[0], shape[1], shape[2],
                        betas[cases.size() % betas.length]));
            }
        }
        return cases;
    }

    /** Runs every parity case, printing one line each; returns how many failed. */
    static int parity(GemmBackend backend, Random random, PrintStream out) {
        out.println("parity: " + backend.name() + " sgemm vs ReferenceGemm.dgemm (float64) on the same float32 inputs");
        out.println("  error = |C - C_ref| / scale, scale = sum_p |op(A)_ip op(B)_pj| + |beta C_ij|;"
                + " tolerance = 2 (k+2) 2^-24");
        out.println("  transA transB     m     n     k  beta    max error   tolerance  result");
        int failures = 0;
        for (ParityCase parityCase : parityCases()) {
            ParityResult result = checkParity(backend, parityCase, random);
            out.printf("  %-6s %-6s %5d %5d %5d  %4.1f  %11.3e  %10.3e  %s%n", parityCase.transA() ? "T" : "N",
                    parityCase.transB() ? "T" : "N", parityCase.m(), parityCase.n(), parityCase.k(), parityCase.beta(),
                    result.maxError(), result.tolerance(),
                    result.passed() ? "PASS" : "FAIL" + (result.failure() == null ? "" : ": " + result.failure()));
            if (!result.passed()) {
                failures++;
            }
        }
        return failures;
    }

    /**
     * Runs one case on {@code backend} with random Gaussian inputs, random offsets (0–3) and
     * leading dimensions padded by 0–2, and compares with {@link ReferenceGemm#dgemm} on the
     * same inputs widened to double.
     *
     * <p>Tolerance: whatever order a float32 GEMM sums in (blocked, split-K, FMA), each element
     * obeys {@code |ĉ − c| ≤ γ_{k+1}·scale}, with {@code γ_n = n·u/(1 − n·u)}, {@code u = 2⁻²⁴} and
     * scale the sum of the magnitudes of the k products and of {@code beta·C} (Higham, Accuracy
     * and Stability of Numerical Algorithms, §3.1). {@code 2(k+2)u} covers that with margin and
     * needs no luck with random data; a wrong index or a dropped term errs by O(scale). Elements of
     * C outside the {@code m×n} window (padding, offset) must come back bit-for-bit unchanged.
     */
    static ParityResult checkParity(GemmBackend backend, ParityCase parityCase, Random random) {
        boolean transA = parityCase.transA(), transB = parityCase.transB();
        int m = parityCase.m(), n = parityCase.n(), k = parityCase.k();
        float beta = parityCase.beta();
        int aRows = transA ? k : m, aCols = transA ? m : k;
        int bRows = transB ? n : k, bCols = transB ? k : n;
        int lda = Math.max(1, aCols) + random.nextInt(3), ldb = Math.max(1, bCols) + random.nextInt(3);
        int ldc = Math.max(1, n) + random.nextInt(3);
        int aOffset = random.nextInt(4), bOffset = random.nextInt(4), cOffset = random.nextInt(4);
        float[] a = gaussian(random, aOffset + aRows * lda);
        float[] b = gaussian(random, bOffset + bRows * ldb);
        float[] c = gaussian(random, cOffset + m * ldc);
        if (beta == 0f) {
            Arrays.fill(c, cOffset, c.length, Float.NaN);   // beta == 0: C must not be read
        }
        double tolerance = 2 * (k + 2) * UNIT_ROUNDOFF;

        float[] actual = c.clone();
        try {
            backend.sgemm(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, beta, actual, cOffset, ldc);
        } catch (Throwable t) {
            return new ParityResult(parityCase, Double.NaN, tolerance, "threw " + t);
        }
        double[] exact = widen(c, false);
        ReferenceGemm.dgemm(transA, transB, m, n, k, widen(a, false), aOffset, lda, widen(b, false), bOffset, ldb,
                beta, exact, cOffset, ldc);
        double[] scale = widen(c, true);
        ReferenceGemm.dgemm(transA, transB, m, n, k, widen(a, true), aOffset, lda, widen(b, true), bOffset, ldb,
                Math.abs(beta), scale, cOffset, ldc);

        double maxError = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int at = cOffset + i * ldc + j;
                double error = Math.abs(actual[at] - exact[at]) / Math.max(scale[at], Double.MIN_NORMAL);
                maxError = Math.max(maxError, error);   // Math.max keeps a NaN, which then fails
            }
        }
        for (int at = 0; at < c.length; at++) {
            int fromC = at - cOffset;
            boolean inside = fromC >= 0 && fromC / ldc < m && fromC % ldc < n;
            if (!inside && Float.floatToRawIntBits(actual[at]) != Float.floatToRawIntBits(c[at])) {
                return new ParityResult(parityCase, maxError, tolerance,
                        "element " + at + " outside C's window changed: " + c[at] + " -> " + actual[at]);
            }
        }
        return new ParityResult(parityCase, maxError, tolerance, null);
    }

    /** Times {@code n×n×n} GEMMs (beta = 0) for each size, printing one line each; returns how many failed. */
    static int timings(GemmBackend backend, List<Integer> sizes, Options options, Random random, PrintStream out,
                       String note) {
        out.printf("timing: %s sgemm, C = A*B, NxN float32 (%s); warm-up %d calls and >= %.0f s, then median of %d%n",
                backend.name(), note, options.warmups(), WARM_UP_SECONDS, options.runs());
        out.println("      N   median ms    fastest ms   GFLOP/s (median)");
        int failures = 0;
        for (int n : sizes) {
            try {
                Timing timing = time(backend, n, options.warmups(), options.runs(), random);
                out.printf("  %5d  %10.2f  %12.2f  %10.1f%n", n, timing.medianSeconds() * 1e3, timing.minSeconds() * 1e3,
                        timing.gflops());
            } catch (Throwable t) {
                // out of memory (host or device) or a failed CUDA call: report it and go on
                out.printf("  %5d  FAIL: %s%n", n, t);
                failures++;
            }
        }
        return failures;
    }

    /**
     * Median and fastest of {@code runs} timed {@code n×n×n} GEMMs, after untimed warm-up calls:
     * at least {@code warmups} of them and at least {@link #WARM_UP_SECONDS} (the Java kernel is
     * interpreted until the JIT has compiled it, and the first CUDA calls load kernels).
     */
    static Timing time(GemmBackend backend, int n, int warmups, int runs, Random random) {
        float[] a = gaussian(random, n * n), b = gaussian(random, n * n), c = new float[n * n];
        long warmUpEnd = System.nanoTime() + (long) (WARM_UP_SECONDS * 1e9);
        for (int i = 0; i < warmups || System.nanoTime() < warmUpEnd; i++) {
            backend.sgemm(false, false, n, n, n, a, 0, n, b, 0, n, 0f, c, 0, n);
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            backend.sgemm(false, false, n, n, n, a, 0, n, b, 0, n, 0f, c, 0, n);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return new Timing(n, nanos[runs / 2] * 1e-9, nanos[0] * 1e-9);
    }

    private static float[] gaussian(Random random, int length) {
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }

    /** The floats as doubles, or their magnitudes; NaN stays NaN. */
    private static double[] widen(float[] x, boolean magnitude) {
        double[] wide = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            wide[i] = magnitude ? Math.abs(x[i]) : x[i];
        }
        return wide;
    }
}
