package jgrad.nativ;

import java.util.List;

import jgrad.kernels.Gemm;

/**
 * Chooses the {@link GemmBackend} that float32 matmuls run on.
 *
 * <pre>{@code
 * GemmBackend gemm = Backends.current();          // -Djgrad.backend=..., default java
 * Backends.select("openblas");                    // falls back to java, printing why, if missing
 * System.out.println(Backends.describe());        // what is available here and why not
 * }</pre>
 *
 * Native libraries load on first use of {@link #availability(String)}, {@link #select} or
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
    };

    /** Names {@link #select} accepts. */
    public static final List<String> NAMES = List.of("java", "openblas", "cublas");

    private static Availability openBlas;
    private static Availability cublas;
    private static GemmBackend current;

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

    /** The current backend: the last {@link #select}, else {@code -Djgrad.backend}, else java. */
    public static synchronized GemmBackend current() {
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
