package jgrad.kernels;

/**
 * The kernel switch: whether ops run their readable reference loops or the fast float32 kernels
 * (see {@link KernelMode}). Every op asks here, through {@code jgrad.KernelChoice} for tensor
 * ops and {@code jgrad.nativ.Backends.gemm()} for matrix products, so this is the one place that
 * decides.
 *
 * <pre>{@code
 * // jshell> step through the plain loops, then compare with the fast kernels
 * Tensor fast = x.softmax(-1);
 * try (var k = Kernels.use(KernelMode.REFERENCE)) {
 *     Tensor reference = x.softmax(-1);          // the readable loop in jgrad.Softmax
 *     System.out.println(fast.sub(reference).abs().max());
 * }
 * }</pre>
 *
 * <ul>
 *   <li>For a whole run: {@code -Djgrad.kernels=reference} (or {@code fast}, the default), or
 *       {@link #setDefault(KernelMode)}.</li>
 *   <li>For a block: {@link #use(KernelMode)}. The choice belongs to the calling thread and is
 *       undone when the scope closes; scopes nest. Work that the thread hands to the pool of
 *       {@link Parallel} runs under the same choice, so a parallel kernel never mixes the two
 *       sides. Other threads keep the default.</li>
 * </ul>
 * The choice is made when an op runs. A fused op recorded in the forward pass keeps its
 * hand-written backward whatever the mode during {@code backward()}; a composed op's backward is
 * made of ops that ask again.
 */
public final class Kernels {

    /** The system property read once at start-up: {@code reference} or {@code fast}. */
    public static final String PROPERTY = "jgrad.kernels";

    private static volatile KernelMode defaultMode = fromProperty(System.getProperty(PROPERTY));

    /** This thread's scoped choice, or null for the default. */
    private static final ThreadLocal<KernelMode> SCOPED = new ThreadLocal<>();

    private Kernels() {
    }

    /** The mode ops on this thread run in now: the innermost open {@link #use} scope, else the default. */
    public static KernelMode mode() {
        KernelMode scoped = SCOPED.get();
        return scoped != null ? scoped : defaultMode;
    }

    /** Whether ops on this thread run the fast float32 kernels now. */
    public static boolean fast() {
        return mode() == KernelMode.FAST;
    }

    /** The mode of threads without a scope: {@code -Djgrad.kernels}, else {@link KernelMode#FAST}. */
    public static KernelMode defaultMode() {
        return defaultMode;
    }

    /** Sets the mode of every thread that has no open {@link #use} scope. */
    public static void setDefault(KernelMode mode) {
        defaultMode = java.util.Objects.requireNonNull(mode, "Kernels.setDefault: mode");
    }

    /**
     * Runs this thread in {@code mode} until the returned scope closes, then restores what was
     * there before. Use it with try-with-resources.
     */
    public static Scope use(KernelMode mode) {
        java.util.Objects.requireNonNull(mode, "Kernels.use: mode");
        Scope scope = new Scope(Thread.currentThread(), SCOPED.get());
        SCOPED.set(mode);
        return scope;
    }

    /**
     * An open {@link #use} scope; {@link #close()} restores the mode that was in force when it
     * opened. Close it on the thread that opened it (try-with-resources does).
     */
    public static final class Scope implements AutoCloseable {
        private final Thread owner;
        private final KernelMode previous;
        private boolean closed;

        private Scope(Thread owner, KernelMode previous) {
            this.owner = owner;
            this.previous = previous;
        }

        @Override
        public void close() {
            if (Thread.currentThread() != owner) {
                throw new IllegalStateException("Kernels.use: a scope must be closed by the thread that opened it ("
                        + owner.getName() + "), not " + Thread.currentThread().getName());
            }
            if (!closed) {
                closed = true;
                SCOPED.set(previous);
            }
        }
    }

    /**
     * Wraps a {@link Parallel} loop body so that whichever thread runs a chunk runs it in the mode
     * of the thread that started the loop (pool threads have no scope of their own).
     */
    static Parallel.RangeBody inCallersMode(Parallel.RangeBody body) {
        KernelMode caller = SCOPED.get();
        if (caller == null) {
            return body;   // no scope: every thread already sees the default
        }
        return (from, to) -> {
            KernelMode before = SCOPED.get();
            SCOPED.set(caller);
            try {
                body.run(from, to);
            } finally {
                SCOPED.set(before);
            }
        };
    }

    static KernelMode fromProperty(String value) {
        if (value == null || value.isBlank()) {
            return KernelMode.FAST;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "fast" -> KernelMode.FAST;
            case "reference" -> KernelMode.REFERENCE;
            default -> {
                System.err.println("jgrad: ignoring -D" + PROPERTY + "=" + value + " (want reference or fast); using fast");
                yield KernelMode.FAST;
            }
        };
    }
}
