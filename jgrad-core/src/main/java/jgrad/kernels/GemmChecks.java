package jgrad.kernels;

/**
 * Argument checks shared by every GEMM entry (Java, reference, native backends), so a bad call
 * fails with one clear message naming the op and the shapes instead of an index error deep
 * inside a loop or, on the native path, a JVM crash.
 *
 * <p>Conventions (row-major, like the BLAS {@code CblasRowMajor} interface): {@code op(A)} is
 * {@code m×k}; A is stored as {@code m×k} with leading dimension {@code lda >= k}, or as
 * {@code k×m} with {@code lda >= m} when {@code transA}. Likewise {@code op(B)} is {@code k×n}
 * and C is {@code m×n} with {@code ldc >= n}.
 */
public final class GemmChecks {

    private GemmChecks() {
    }

    /** Checks sizes, leading dimensions and that every addressed element lies inside its array. */
    public static void check(String op, boolean transA, boolean transB, int m, int n, int k,
                             int aLength, int aOffset, int lda, int bLength, int bOffset, int ldb,
                             int cLength, int cOffset, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException(op + ": sizes must be >= 0, got m=" + m + ", n=" + n + ", k=" + k);
        }
        checkMatrix(op, "A", transA ? k : m, transA ? m : k, aLength, aOffset, lda, transA);
        checkMatrix(op, "B", transB ? n : k, transB ? k : n, bLength, bOffset, ldb, transB);
        checkMatrix(op, "C", m, n, cLength, cOffset, ldc, false);
    }

    /** Checks one batched operand: {@code batch} matrices, the i-th starting at {@code offset + i*stride}. */
    public static void checkBatch(String op, String name, int batch, int offset, long stride, int arrayLength,
                                  long matrixSpan) {
        if (batch < 0 || stride < 0) {
            throw new IllegalArgumentException(op + ": batch and strides must be >= 0, got batch=" + batch
                    + ", stride" + name + "=" + stride);
        }
        if (batch > 0 && matrixSpan > 0 && offset + (batch - 1) * stride + matrixSpan > arrayLength) {
            throw new IllegalArgumentException(op + ": " + name + " needs " + (offset + (batch - 1) * stride + matrixSpan)
                    + " elements for batch=" + batch + ", stride=" + stride + ", but its array has " + arrayLength);
        }
    }

    /** Elements spanned by a stored {@code rows×cols} matrix with leading dimension {@code ld} (0 if empty). */
    public static long span(int rows, int cols, int ld) {
        return rows == 0 || cols == 0 ? 0 : (long) (rows - 1) * ld + cols;
    }

    private static void checkMatrix(String op, String name, int rows, int cols, int length, int offset, int ld,
                                    boolean transposed) {
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException(op + ": ld" + name.toLowerCase() + "=" + ld + " must be >= max(1, "
                    + cols + ") for " + stored(name, rows, cols, transposed));
        }
        if (offset < 0) {
            throw new IllegalArgumentException(op + ": offset of " + name + " must be >= 0, got " + offset);
        }
        long needed = offset + span(rows, cols, ld);
        if (needed > length) {
            throw new IllegalArgumentException(op + ": " + stored(name, rows, cols, transposed) + " with offset " + offset
                    + " and ld " + ld + " needs " + needed + " elements, but its array has " + length);
        }
    }

    /** The operand's description for a message, built only when one is thrown (a GEMM call should not build strings). */
    private static String stored(String name, int rows, int cols, boolean transposed) {
        return name + (transposed ? " (transposed, stored " : " (stored ") + rows + "x" + cols + ")";
    }
}
