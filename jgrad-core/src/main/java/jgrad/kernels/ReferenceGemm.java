package jgrad.kernels;

/**
 * The GEMM everyone can check by eye: {@code C = op(A)·op(B) + beta·C}, three plain loops.
 *
 * <pre>
 *   C[i][j] = sum_{p&lt;k} opA[i][p] * opB[p][j]  (+ beta * C[i][j], skipped when beta == 0)
 *   opA[i][p] = transA ? A[p*lda + i] : A[i*lda + p]        (row-major storage)
 *   opB[p][j] = transB ? B[j*ldb + p] : B[p*ldb + j]
 * </pre>
 *
 * The sum runs over p in increasing order with a plain accumulator of the element type.
 * {@link #dgemm} is the kernel float64 tensors use; {@link #sgemm} is the float32 oracle that
 * the fast {@link Gemm} is tested against. When {@code beta == 0} the old C is never read, so
 * NaNs in an uninitialised output do not leak into the result (BLAS convention).
 */
public final class ReferenceGemm {

    private ReferenceGemm() {
    }

    /** float32 {@code C = op(A)·op(B) + beta·C}; see the class comment for the layout. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                             float beta, float[] c, int cOffset, int ldc) {
        GemmChecks.check("ReferenceGemm.sgemm", transA, transB, m, n, k, a.length, aOffset, lda,
                b.length, bOffset, ldb, c.length, cOffset, ldc);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    float opA = transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p];
                    float opB = transB ? b[bOffset + j * ldb + p] : b[bOffset + p * ldb + j];
                    sum += opA * opB;
                }
                int at = cOffset + i * ldc + j;
                c[at] = beta == 0f ? sum : sum + beta * c[at];
            }
        }
    }

    /** float64 {@code C = op(A)·op(B) + beta·C}; see the class comment for the layout. */
    public static void dgemm(boolean transA, boolean transB, int m, int n, int k,
                             double[] a, int aOffset, int lda, double[] b, int bOffset, int ldb,
                             double beta, double[] c, int cOffset, int ldc) {
        GemmChecks.check("ReferenceGemm.dgemm", transA, transB, m, n, k, a.length, aOffset, lda,
                b.length, bOffset, ldb, c.length, cOffset, ldc);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0.0;
                for (int p = 0; p < k; p++) {
                    double opA = transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p];
                    double opB = transB ? b[bOffset + j * ldb + p] : b[bOffset + p * ldb + j];
                    sum += opA * opB;
                }
                int at = cOffset + i * ldc + j;
                c[at] = beta == 0.0 ? sum : sum + beta * c[at];
            }
        }
    }

    /**
     * float64 batched GEMM: for each {@code t < batch}, matrix t of each operand starts at
     * {@code offset + t*stride}. A stride of 0 reuses one matrix for the whole batch (broadcast).
     */
    public static void dgemmBatched(boolean transA, boolean transB, int m, int n, int k, int batch,
                                    double[] a, int aOffset, int lda, long strideA,
                                    double[] b, int bOffset, int ldb, long strideB,
                                    double beta, double[] c, int cOffset, int ldc, long strideC) {
        String op = "ReferenceGemm.dgemmBatched";
        GemmChecks.checkBatch(op, "A", batch, aOffset, strideA, a.length, GemmChecks.span(transA ? k : m, transA ? m : k, lda));
        GemmChecks.checkBatch(op, "B", batch, bOffset, strideB, b.length, GemmChecks.span(transB ? n : k, transB ? k : n, ldb));
        GemmChecks.checkBatch(op, "C", batch, cOffset, strideC, c.length, GemmChecks.span(m, n, ldc));
        for (int t = 0; t < batch; t++) {
            dgemm(transA, transB, m, n, k, a, (int) (aOffset + t * strideA), lda, b, (int) (bOffset + t * strideB), ldb,
                    beta, c, (int) (cOffset + t * strideC), ldc);
        }
    }
}
