package jgrad;

import java.util.Arrays;

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
        referenceBmm(a, b, c);
        return Grad.record(c, "BmmBackward", g -> new Tensor[] {
                a.requiresGrad() ? bmm(g, b.transpose(1, 2)) : null,
                b.requiresGrad() ? bmm(a.transpose(1, 2), g) : null}, a, b);
    }

    /** The textbook triple loop over strided operands, accumulating in double. */
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
