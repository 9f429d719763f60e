package jgrad;

import java.util.Arrays;

import jgrad.kernels.ReferenceGemm;
import jgrad.nativ.Backends;

/**
 * Matrix products. {@link #matmul} implements PyTorch's rules by reshaping and broadcasting its
 * operands into one primitive, the batched product {@link #bmm}; only bmm has a hand-written
 * backward, every other step is a differentiable view.
 */
final class MatMul {
    private MatMul() {
    }

    static Tensor matmul(Tensor a, Tensor b) {
        if (a.dim() == 0 || b.dim() == 0) {
            throw new IllegalArgumentException("matmul: both arguments need at least 1 dim, got shapes "
                    + Shape.format(a.shapeRef()) + " and " + Shape.format(b.shapeRef()));
        }
        if (a.dim() == 1 && b.dim() == 1) {
            if (a.size(0) != b.size(0)) {
                throw new IllegalArgumentException("matmul: 1-D tensors of sizes " + a.size(0) + " and " + b.size(0)
                        + " cannot be multiplied (expected equal sizes for a dot product)");
            }
            return a.mul(b).sum();
        }
        // A 1-D operand becomes a matrix: (K) -> (1, K) on the left, (K) -> (K, 1) on the right.
        Tensor left = a.dim() == 1 ? a.unsqueeze(0) : a;
        Tensor right = b.dim() == 1 ? b.unsqueeze(1) : b;
        int k = left.size(-1);
        if (right.size(-2) != k) {
            throw new IllegalArgumentException("matmul: shapes " + Shape.format(a.shapeRef()) + " and "
                    + Shape.format(b.shapeRef()) + " cannot be multiplied (" + k + " columns on the left vs "
                    + right.size(-2) + " rows on the right; expected equal)");
        }
        int m = left.size(-2);
        int n = right.size(-1);
        Tensor product;
        if (right.dim() == 2) {
            // (..., M, K) @ (K, N): fold every leading dim into M, one matrix product, no copies of the weight.
            int[] batch = Arrays.copyOf(left.shapeRef(), left.dim() - 2);
            product = bmm(left.reshape(1, Shape.numel(batch) * m, k), right.unsqueeze(0)).reshape(concat(batch, m, n));
        } else {
            int[] batch = Shape.broadcast("matmul", Arrays.copyOf(left.shapeRef(), left.dim() - 2),
                    Arrays.copyOf(right.shapeRef(), right.dim() - 2));
            int count = Shape.numel(batch);
            Tensor lhs = left.expand(concat(batch, m, k)).reshape(count, m, k);
            Tensor rhs = right.expand(concat(batch, k, n)).reshape(count, k, n);
            product = bmm(lhs, rhs).reshape(concat(batch, m, n));
        }
        if (a.dim() == 1) product = product.squeeze(-2);
        if (b.dim() == 1) product = product.squeeze(-1);
        return product;
    }

    // C[b] = A[b] @ B[b] for A (B, M, K), B (B, K, N), C (B, M, N)
    // dA[b] = dC[b] @ B[b]^T,  dB[b] = A[b]^T @ dC[b]
    static Tensor bmm(Tensor a, Tensor b) {
        if (a.dim() != 3 || b.dim() != 3 || a.size(0) != b.size(0) || a.size(2) != b.size(1)) {
            throw new IllegalArgumentException("bmm: expected (B, M, K) and (B, K, N), got "
                    + Shape.format(a.shapeRef()) + " and " + Shape.format(b.shapeRef()));
        }
        DType type = DType.promote(a.dtype(), b.dtype());
        if (type == DType.BOOL) {
            throw new IllegalArgumentException("bmm: bool tensors cannot be multiplied");
        }
        Tensor c = Tensor.empty(type, new int[] {a.size(0), a.size(1), b.size(2)});
        boolean empty = c.numel() == 0 || a.size(2) == 0;   // no output, or sums over an empty K: all zeros
        if (!empty) {
            switch (type) {
                case FLOAT32 -> floatBmm(Operand.of(a.to(type)), Operand.of(b.to(type)), c);
                case FLOAT64 -> doubleBmm(Operand.of(a.to(type)), Operand.of(b.to(type)), c);
                default -> referenceBmm(a, b, c);
            }
        }
        // The transposes in the backward are views: Operand sees them as transposed matrices, so the
        // GEMM reads them in place instead of copying.
        return Grad.record(c, "BmmBackward", g -> new Tensor[] {
                a.requiresGrad() ? bmm(g, b.transpose(1, 2)) : null,
                b.requiresGrad() ? bmm(a.transpose(1, 2), g) : null}, a, b);
    }

    /**
     * A batch of matrices as a GEMM kernel wants it: storage, offset, leading dimension, whether the
     * stored matrices are transposed, and the distance between matrices. A view whose last two dims
     * are row-major ({@code (K, 1)} strides) or column-major ({@code (1, M)}) is used in place;
     * anything else is copied to contiguous first.
     */
    private record Operand(Tensor tensor, int rows, int cols, boolean transposed, int leadingDim, long batchStride) {

        static Operand of(Tensor t) {
            int rows = t.size(1), cols = t.size(2);
            int[] s = t.stridesRef();
            long batchStride = t.size(0) == 1 ? 0 : s[0];
            // A size-1 dim may carry any stride; give it the one that makes the layout check pass.
            int rowStride = rows == 1 ? Math.max(cols, 1) : s[1];
            int colStride = cols == 1 ? 1 : s[2];
            if (colStride == 1 && rowStride >= Math.max(cols, 1)) {
                return new Operand(t, rows, cols, false, rowStride, batchStride);
            }
            rowStride = rows == 1 ? 1 : s[1];
            colStride = cols == 1 ? Math.max(rows, 1) : s[2];
            if (rowStride == 1 && colStride >= Math.max(rows, 1)) {
                return new Operand(t, rows, cols, true, colStride, batchStride);
            }
            Tensor dense = Views.copy(t.detach(), "CloneBackward");
            return new Operand(dense, rows, cols, false, Math.max(cols, 1), dense.size(0) == 1 ? 0 : (long) rows * cols);
        }

        int offset() {
            return tensor.storageOffset();
        }
    }

    /**
     * float32: the GEMM of {@link Backends#gemm()}, the door every float32 product goes through (the
     * selected backend under the fast kernels, {@link ReferenceGemm} under the reference ones).
     */
    private static void floatBmm(Operand a, Operand b, Tensor c) {
        float[] left = ((Storage.F32) a.tensor().storage()).data;
        float[] right = ((Storage.F32) b.tensor().storage()).data;
        float[] out = ((Storage.F32) c.storage()).data;
        int batch = c.size(0), m = a.rows(), k = a.cols(), n = b.cols();
        Backends.gemm().sgemmBatched(a.transposed(), b.transposed(), m, n, k, batch, left, a.offset(), a.leadingDim(), a.batchStride(),
                right, b.offset(), b.leadingDim(), b.batchStride(), 0f, out, 0, Math.max(n, 1), (long) m * n);
    }

    /** float64: the reference GEMM (float64 is for checking, not speed). */
    private static void doubleBmm(Operand a, Operand b, Tensor c) {
        double[] left = ((Storage.F64) a.tensor().storage()).data;
        double[] right = ((Storage.F64) b.tensor().storage()).data;
        double[] out = ((Storage.F64) c.storage()).data;
        int batch = c.size(0), m = a.rows(), k = a.cols(), n = b.cols();
        ReferenceGemm.dgemmBatched(a.transposed(), b.transposed(), m, n, k, batch, left, a.offset(), a.leadingDim(), a.batchStride(),
                right, b.offset(), b.leadingDim(), b.batchStride(), 0.0, out, 0, Math.max(n, 1), (long) m * n);
    }

    /** The textbook triple loop over strided operands, for int64 (accumulating in double). */
    private static void referenceBmm(Tensor a, Tensor b, Tensor c) {
        int batches = a.size(0), m = a.size(1), k = a.size(2), n = b.size(2);
        int[] sa = a.stridesRef();
        int[] sb = b.stridesRef();
        Storage da = a.storage(), db = b.storage(), dc = c.storage();
        int out = 0;
        for (int batch = 0; batch < batches; batch++) {
            int baseA = a.storageOffset() + batch * sa[0];
            int baseB = b.storageOffset() + batch * sb[0];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double total = 0;
                    for (int p = 0; p < k; p++) {
                        total += da.get(baseA + i * sa[1] + p * sa[2]) * db.get(baseB + p * sb[1] + j * sb[2]);
                    }
                    dc.set(out++, total);
                }
            }
        }
    }

    private static int[] concat(int[] batch, int rows, int cols) {
        int[] out = Arrays.copyOf(batch, batch.length + 2);
        out[batch.length] = rows;
        out[batch.length + 1] = cols;
        return out;
    }
}
