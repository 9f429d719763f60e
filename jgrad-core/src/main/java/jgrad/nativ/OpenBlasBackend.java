package jgrad.nativ;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.List;

import jgrad.kernels.GemmChecks;
import jgrad.kernels.Parallel;

/**
 * GEMM through a system CPU BLAS: {@code cblas_sgemm} bound with the FFM API.
 *
 * <pre>
 * void cblas_sgemm(CBLAS_ORDER order, CBLAS_TRANSPOSE transA, CBLAS_TRANSPOSE transB,
 *                  int M, int N, int K, float alpha, const float *A, int lda,
 *                  const float *B, int ldb, float beta, float *C, int ldc);
 * </pre>
 *
 * Found as {@code libopenblas.so.0}, {@code libopenblas.so} or {@code libcblas.so.3} (first one
 * that loads), or at {@code -Djgrad.blas.path=/path/lib.so}. The library's thread count follows
 * {@link Parallel#threads()} when it exports {@code openblas_set_num_threads}.
 *
 * <p>Java arrays live on the moving heap, so each call copies A, B (and C when beta != 0) into
 * confined off-heap segments and copies C back; docs/performance.md gives the measured cost.
 * Callers that keep data off-heap use {@link #sgemm(boolean, boolean, int, int, int,
 * MemorySegment, int, MemorySegment, int, float, MemorySegment, int)} and pay no copy.
 */
public final class OpenBlasBackend implements GemmBackend {

    private static final int CBLAS_ROW_MAJOR = 101;
    private static final int CBLAS_NO_TRANS = 111;
    private static final int CBLAS_TRANS = 112;

    private final MethodHandle cblasSgemm;
    private final MethodHandle setNumThreads;
    private final String where;
    private int threadsSet = -1;

    private OpenBlasBackend(MethodHandle cblasSgemm, MethodHandle setNumThreads, String where) {
        this.cblasSgemm = cblasSgemm;
        this.setNumThreads = setNumThreads;
        this.where = where;
    }

    /** Loads the library; the result holds the backend or a one-line reason it is unavailable. */
    static Backends.Availability load() {
        var found = NativeLibraries.find("jgrad.blas.path", List.of("libopenblas.so.0", "libopenblas.so", "libcblas.so.3"),
                List.of(Path.of("/usr/lib/x86_64-linux-gnu"), Path.of("/usr/lib64"), Path.of("/usr/lib")));
        if (!found.loaded()) {
            return Backends.Availability.missing("openblas", found.reason());
        }
        var symbol = found.lookup().find("cblas_sgemm");
        if (symbol.isEmpty()) {
            return Backends.Availability.missing("openblas", found.where() + " has no symbol cblas_sgemm");
        }
        Linker linker = Linker.nativeLinker();
        MethodHandle sgemm = linker.downcallHandle(symbol.get(), FunctionDescriptor.ofVoid(
                JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_FLOAT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_FLOAT, ADDRESS, JAVA_INT));
        MethodHandle threads = found.lookup().find("openblas_set_num_threads")
                .map(address -> linker.downcallHandle(address, FunctionDescriptor.ofVoid(JAVA_INT)))
                .orElse(null);
        return Backends.Availability.of(new OpenBlasBackend(sgemm, threads, found.where()));
    }

    @Override
    public String name() {
        return "openblas";
    }

    @Override
    public String description() {
        return "cblas_sgemm from " + where + (setNumThreads == null ? " (thread count not controllable)" : "");
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                      float beta, float[] c, int cOffset, int ldc) {
        GemmChecks.check("OpenBlasBackend.sgemm", transA, transB, m, n, k, a.length, aOffset, lda,
                b.length, bOffset, ldb, c.length, cOffset, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment aSegment = OffHeap.copyIn(arena, a, aOffset, transA ? k : m, transA ? m : k, lda);
            MemorySegment bSegment = OffHeap.copyIn(arena, b, bOffset, transB ? n : k, transB ? k : n, ldb);
            MemorySegment cSegment = beta == 0f
                    ? OffHeap.allocate(arena, m, n, ldc)
                    : OffHeap.copyIn(arena, c, cOffset, m, n, ldc);
            call(transA, transB, m, n, k, aSegment, lda, bSegment, ldb, beta, cSegment, ldc);
            OffHeap.copyOut(cSegment, c, cOffset, m, n, ldc);
        }
    }

    /**
     * The same GEMM on off-heap row-major matrices, no copies: for callers that keep their data
     * in native memory, and for measuring what the copies of the array version cost.
     */
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, MemorySegment a, int lda,
                      MemorySegment b, int ldb, float beta, MemorySegment c, int ldc) {
        GemmChecks.check("OpenBlasBackend.sgemm", transA, transB, m, n, k, floats(a), 0, lda,
                floats(b), 0, ldb, floats(c), 0, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        call(transA, transB, m, n, k, a, lda, b, ldb, beta, c, ldc);
    }

    private static int floats(MemorySegment segment) {
        return (int) Math.min(Integer.MAX_VALUE, segment.byteSize() / Float.BYTES);
    }

    private synchronized void call(boolean transA, boolean transB, int m, int n, int k, MemorySegment a, int lda,
                                   MemorySegment b, int ldb, float beta, MemorySegment c, int ldc) {
        try {
            int threads = Parallel.threads();
            if (setNumThreads != null && threads != threadsSet) {
                setNumThreads.invokeExact(threads);
                threadsSet = threads;
            }
            cblasSgemm.invokeExact(CBLAS_ROW_MAJOR, transA ? CBLAS_TRANS : CBLAS_NO_TRANS,
                    transB ? CBLAS_TRANS : CBLAS_NO_TRANS, m, n, k, 1f, a, lda, b, ldb, beta, c, ldc);
        } catch (Throwable t) {
            throw new IllegalStateException("OpenBlasBackend: cblas_sgemm call failed: " + t, t);
        }
    }
}
