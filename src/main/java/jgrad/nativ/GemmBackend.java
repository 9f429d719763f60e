package jgrad.nativ;

/**
 * Something that computes a float32 GEMM, {@code C = op(A)·op(B) + beta·C}, on row-major Java
 * arrays, with exactly the contract of {@link jgrad.kernels.Gemm#sgemm} (the "java" backend).
 * Native backends copy the operands out of the Java heap, call their library and copy C back.
 * Pick one with {@link Backends#select(String)} or {@code -Djgrad.backend=java|openblas|cublas}.
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
}
