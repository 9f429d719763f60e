package jgrad.nativ;

/**
 * Something that computes a float32 GEMM, {@code C = op(A)·op(B) + beta·C}, on row-major Java
 * arrays, with exactly the contract of {@link jgrad.kernels.Gemm#sgemm} (the "java" backend).
 * Native backends copy the operands out of the Java heap, call their library and copy C back.
 * Pick one with {@link Backends#select(String)} or {@code -Djgrad.backend=java|openblas|cublas};
 * ops reach the one in force through {@link Backends#gemm()}.
 *
 * <p>Only {@link #sgemm} must be written; the batched and prepared forms default to calls of it,
 * and a backend overrides them where it can do better (the Java backend threads over a batch
 * and packs a reused A or B once).
 */
public interface GemmBackend {

    /** Short name used for selection: {@code java}, {@code openblas} or {@code cublas}. */
    String name();

    /** One line saying what this backend runs on (library path, device). */
    String description();

    /** {@code C = op(A)·op(B) + beta·C}; see {@link jgrad.kernels.Gemm#sgemm} for the layout. */
    void sgemm(boolean transA, boolean transB, int m, int n, int k,
               float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
               float beta, float[] c, int cOffset, int ldc);

    /**
     * For {@code t < batch}: matrix t of A, B and C starts at {@code offset + t·stride} (stride 0
     * repeats one matrix); see {@link jgrad.kernels.Gemm#sgemmBatched}. By default one
     * {@link #sgemm} per matrix, in order.
     */
    default void sgemmBatched(boolean transA, boolean transB, int m, int n, int k, int batch,
                              float[] a, int aOffset, int lda, long strideA,
                              float[] b, int bOffset, int ldb, long strideB,
                              float beta, float[] c, int cOffset, int ldc, long strideC) {
        for (int t = 0; t < batch; t++) {
            sgemm(transA, transB, m, n, k, a, (int) (aOffset + t * strideA), lda, b, (int) (bOffset + t * strideB), ldb,
                    beta, c, (int) (cOffset + t * strideC), ldc);
        }
    }

    /**
     * {@code op(A)} ({@code m×k}, stored as for {@link #sgemm}) made ready once for many products
     * with different B, e.g. a convolution's weights applied to every image of a batch. By default
     * it is only remembered, and each product is one {@link #sgemm}.
     */
    default PreparedA prepare(boolean transA, int m, int k, float[] a, int aOffset, int lda) {
        return (transB, n, b, bOffset, ldb, beta, c, cOffset, ldc) ->
                sgemm(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
    }

    /**
     * {@code op(B)} ({@code k×n}, stored as for {@link #sgemm}) made ready once for many products
     * with different A, e.g. a recurrent layer's {@code W_hhᵀ} at every time step. By default it is
     * only remembered, and each product is one {@link #sgemm}.
     */
    default PreparedB prepareB(boolean transB, int k, int n, float[] b, int bOffset, int ldb) {
        return (transA, m, a, aOffset, lda, beta, c, cOffset, ldc) ->
                sgemm(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
    }

    /** A prepared {@code op(B)} (see {@link #prepareB}); it reads B's array when multiplied, so keep B unchanged. */
    @FunctionalInterface
    interface PreparedB {
        /** {@code C = op(A)·B + beta·C} for A {@code m×k} (or stored {@code k×m} when transA). */
        void times(boolean transA, int m, float[] a, int aOffset, int lda, float beta, float[] c, int cOffset, int ldc);
    }

    /** A prepared {@code op(A)} (see {@link #prepare}); it reads A's array when multiplied, so keep A unchanged. */
    @FunctionalInterface
    interface PreparedA {
        /** {@code C = A·op(B) + beta·C} for B {@code k×n} (or stored {@code n×k} when transB). */
        void times(boolean transB, int n, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc);
    }
}
