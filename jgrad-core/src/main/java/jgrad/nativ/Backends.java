package jgrad.nativ;

import java.util.List;
import java.util.Objects;

import jgrad.kernels.Gemm;
import jgrad.kernels.Kernels;
import jgrad.kernels.ReferenceGemm;

/**
 * Chooses the {@link GemmBackend} that float32 matrix products run on, and is the door every
 * GEMM of jgrad goes through: {@link #gemm()}.
 *
 * <pre>{@code
 * Backends.gemm().sgemm(...);                     // what every op calls: the backend in force now
 * Backends.select("openblas");                    // falls back to java, printing why, if missing
 * System.out.println(Backends.describe());        // what is available here and why not
 * }</pre>
 *
 * {@link #gemm()} is {@link #current()} (the selected backend: {@code -Djgrad.backend=...}, default
 * java) while the fast kernels are on, and {@link #REFERENCE} (the plain loops of
 * {@link ReferenceGemm}) under {@code Kernels.use(KernelMode.REFERENCE)}; see {@link Kernels}.
 *
 * <p>Native libraries load on first use of {@link #availability(String)}, {@link #select} or
 * {@link #describe()}. A missing or broken library never crashes the JVM: it becomes a
 * one-line reason and the Java backend is used instead. Run
 * {@code java --enable-native-access=ALL-UNNAMED -cp target/classes jgrad.nativ.Backends}
 * (or {@code ./mvnw -q compile exec:exec -Djgrad.main=jgrad.nativ.Backends}) for the list.
 */
public final class Backends {

    /** A backend by name: either {@code backend} is set, or {@code reason} says why it is not. */
    public record Availability(String name, GemmBackend backend, String reason) {
        static Availability of(GemmBackend backend) {
            return new Availability(backend.name(), backend, null);
        }

        static Availability missing(String name, String reason) {
            return new Availability(name, null, reason);
        }

        public boolean available() {
            return backend != null;
        }
    }

    /** The pure-Java backend: {@link Gemm#sgemm}. Always available. */
    public static final GemmBackend JAVA = new GemmBackend() {
        @Override
        public String name() {
            return "java";
        }

        @Override
        public String description() {
            return "jgrad.kernels.Gemm (Vector API, packed panels, jgrad.threads threads)";
        }

        @Override
        public void sgemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOffset, int lda,
                          float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
            Gemm.sgemm(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
        }

        /** Many small products one per thread, few large ones each threaded: {@link Gemm#sgemmBatched}. */
        @Override
        public void sgemmBatched(boolean transA, boolean transB, int m, int n, int k, int batch,
                                 float[] a, int aOffset, int lda, long strideA, float[] b, int bOffset, int ldb, long strideB,
                                 float beta, float[] c, int cOffset, int ldc, long strideC) {
            Gemm.sgemmBatched(transA, transB, m, n, k, batch, a, aOffset, lda, strideA, b, bOffset, ldb, strideB,
                    beta, c, cOffset, ldc, strideC);
        }

        /** A packed once into the blocked GEMM's panels ({@link Gemm#pack}), reused for every B. */
        @Override
        public PreparedA prepare(boolean transA, int m, int k, float[] a, int aOffset, int lda) {
            Gemm.PackedA packed = Gemm.pack(transA, m, k, a, aOffset, lda);
            return (transB, n, b, bOffset, ldb, beta, c, cOffset, ldc) ->
                    Gemm.sgemm(packed, transB, n, b, bOffset, ldb, beta, c, cOffset, ldc);
        }

        /** B packed once into the blocked GEMM's panels ({@link Gemm#packB}), reused for every A. */
        @Override
        public PreparedB prepareB(boolean transB, int k, int n, float[] b, int bOffset, int ldb) {
            Gemm.PackedB packed = Gemm.packB(transB, k, n, b, bOffset, ldb);
            return (transA, m, a, aOffset, lda, beta, c, cOffset, ldc) ->
                    Gemm.sgemm(transA, m, a, aOffset, lda, packed, beta, c, cOffset, ldc);
        }
    };

    /**
     * The readable loops of {@link ReferenceGemm#sgemm}: what {@link #gemm()} returns while
     * {@code KernelMode.REFERENCE} is in force. Not selectable as a backend of its own.
     */
    public static final GemmBackend REFERENCE = new GemmBackend() {
        @Override
        public String name() {
            return "reference";
        }

        @Override
        public String description() {
            return "jgrad.kernels.ReferenceGemm (three plain loops, one thread)";
        }

        @Override
        public void sgemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOffset, int lda,
                          float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
            ReferenceGemm.sgemm(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
        }
    };

    /** Names {@link #select} accepts. */
    public static final List<String> NAMES = List.of("java", "openblas", "cublas");

    private static Availability openBlas;
    private static Availability cublas;
    private static volatile GemmBackend current;

    private Backends() {
    }

    /** Whether backend {@code name} can run here, loading its library on first ask. */
    public static synchronized Availability availability(String name) {
        return switch (name) {
            case "java" -> Availability.of(JAVA);
            case "openblas" -> openBlas != null ? openBlas : (openBlas = guarded("openblas", OpenBlasBackend::load));
            case "cublas" -> cublas != null ? cublas : (cublas = guarded("cublas", CublasBackend::load));
            default -> Availability.missing(name, "unknown backend '" + name + "' (known: " + NAMES + ")");
        };
    }

    /**
     * Makes {@code name} the current backend if it is available; otherwise prints one line to
     * stderr with the reason and makes {@code java} current.
     *
     * @return the backend now current
     */
    public static synchronized GemmBackend select(String name) {
        Availability wanted = availability(name);
        if (wanted.available()) {
            current = wanted.backend();
        } else {
            System.err.println("jgrad: GEMM backend '" + name + "' unavailable: " + wanted.reason() + "; using java");
            current = JAVA;
        }
        return current;
    }

    /**
     * Makes {@code backend} current: your own GEMM (a student's kernel, a test's recorder) takes
     * every float32 matrix product of the fast path from now on.
     *
     * @return the backend that was current before, to restore later
     */
    public static synchronized GemmBackend select(GemmBackend backend) {
        GemmBackend before = current();
        current = Objects.requireNonNull(backend, "Backends.select: backend");
        return before;
    }

    /** The selected backend: the last {@link #select}, else {@code -Djgrad.backend}, else java. */
    public static GemmBackend current() {
        GemmBackend selected = current;
        return selected != null ? selected : selectFromProperty();
    }

    /**
     * The GEMM every op runs now, on this thread: {@link #current()} under the fast kernels (the
     * default), {@link #REFERENCE} under {@code Kernels.use(KernelMode.REFERENCE)}. Every float32
     * matrix product of jgrad (matmul, linear, attention, convolution, recurrent layers, their
     * backward passes, fused or composed) is a call on what this returns.
     */
    public static GemmBackend gemm() {
        return Kernels.fast() ? current() : REFERENCE;
    }

    private static synchronized GemmBackend selectFromProperty() {
        if (current == null) {
            String wanted = System.getProperty("jgrad.backend", "java").trim();
            return select(wanted.isEmpty() ? "java" : wanted);
        }
        return current;
    }

    /** One line per backend: available with its description, or unavailable with the reason. */
    public static synchronized String describe() {
        var text = new StringBuilder();
        for (String name : NAMES) {
            Availability availability = availability(name);
            text.append(String.format("%-9s %s%n", name, availability.available()
                    ? "available: " + availability.backend().description()
                    : "unavailable: " + availability.reason()));
        }
        return text.toString();
    }

    /** Prints {@link #describe()}. */
    public static void main(String[] args) {
        System.out.print(describe());
    }

    /** Runs a loader, turning any exception or linkage error into a reason rather than a failure. */
    private static Availability guarded(String name, java.util.function.Supplier<Availability> loader) {
        try {
            return loader.get();
        } catch (RuntimeException | LinkageError e) {
            return Availability.missing(name, "loading failed: " + e);
        }
    }
}
