package jgrad;

/**
 * softmax and logSoftmax along one dim, each with a hand-written backward (they are hot in every
 * classifier and attention layer, so they get a direct kernel instead of being composed).
 *
 * <p>The reference loop below moves {@code dim} last and works row by row on a {@code (rows, n)} matrix; each row
 * subtracts its max first, which leaves the result unchanged and keeps {@code exp} from overflowing.
 */
final class Softmax {
    private Softmax() {
    }

    // y_i = exp(x_i) / sum_j exp(x_j)
    // dx_i = y_i * (g_i - sum_j g_j y_j)        (the Jacobian diag(y) - y y^T applied to g)
    static Tensor softmax(Tensor x, int dim) {
        Tensor y = rowwise("softmax", x, dim, false);
        int d = normalized("softmax", x, dim);
        return Grad.record(y, "SoftmaxBackward", g -> {
            Tensor gy = g.mul(y);
            return new Tensor[] {gy.sub(y.mul(gy.sum(d, true)))};
        }, x);
    }

    // y_i = x_i - log sum_j exp(x_j)
    // dx_i = g_i - softmax(x)_i * sum_j g_j = g_i - exp(y_i) * sum_j g_j
    static Tensor logSoftmax(Tensor x, int dim) {
        Tensor y = rowwise("logSoftmax", x, dim, true);
        int d = normalized("logSoftmax", x, dim);
        return Grad.record(y, "LogSoftmaxBackward", g -> new Tensor[] {g.sub(y.exp().mul(g.sum(d, true)))}, x);
    }

    private static int normalized(String op, Tensor x, int dim) {
        return x.dim() == 0 ? Shape.normalizeDim(op, dim, 0) : Shape.normalizeDim(op, dim, x.dim());
    }

    /** The forward kernel, shared by both ops: {@code log} selects logSoftmax. */
    private static Tensor rowwise(String op, Tensor x, int dim, boolean log) {
        Tensor.requireFloating(op, x.dtype());
        int d = normalized(op, x, dim);
        if (x.dim() == 0) {
            return Tensor.scalar(log ? 0.0 : 1.0, x.dtype());
        }
        int last = x.dim() - 1;
        if (d == last && KernelChoice.fastFloat32(x)) {
            return simdRows(x.contiguous(), log);
        }
        Tensor moved;
        try (var ignored = Grad.noGrad()) {
            moved = x.transpose(d, last);
        }
        int n = moved.shapeRef()[last];
        Tensor out = Tensor.empty(x.dtype(), moved.shape());
        int[] offsets = moved.elementOffsets();
        Storage in = x.storage();
        Storage dst = out.storage();
        double[] row = new double[n];
        for (int start = 0; start < offsets.length; start += n) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                row[j] = in.get(offsets[start + j]);
                max = Math.max(max, row[j]);
            }
            if (max == Double.NEGATIVE_INFINITY) {
                max = 0;   // an all -inf row gives nan (softmax) / -inf (log), as in PyTorch
            }
            // A +inf (or NaN) in the row makes the max +inf (NaN): x - max is NaN there, so the sum and
            // every entry of the row are NaN, as in PyTorch (softmax([inf, 1, 2]) = [nan, nan, nan]).
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += Math.exp(row[j] - max);
            }
            double logSum = Math.log(sum);
            for (int j = 0; j < n; j++) {
                double shifted = row[j] - max;
                dst.set(start + j, log ? shifted - logSum : Math.exp(shifted) / sum);
            }
        }
        return new Tensor(out.storage(), x.shape(), swapped(out.stride(), d, last), 0);
    }

    /** The fast side, float32 over the last dim of a contiguous tensor: the SIMD row kernels of jgrad.kernels.SoftmaxKernels. */
    private static Tensor simdRows(Tensor x, boolean log) {
        Tensor out = Tensor.empty(DType.FLOAT32, x.shape());
        int cols = x.size(-1);
        int rows = cols == 0 ? 0 : x.numel() / cols;
        float[] in = ((Storage.F32) x.storage()).array();
        float[] dst = ((Storage.F32) out.storage()).array();
        if (log) {
            jgrad.kernels.SoftmaxKernels.logSoftmaxRows(in, x.storageOffset(), dst, 0, rows, cols);
        } else {
            jgrad.kernels.SoftmaxKernels.softmaxRows(in, x.storageOffset(), dst, 0, rows, cols);
        }
        return out;
    }

    private static int[] swapped(int[] values, int i, int j) {
        int[] out = values.clone();
        out[i] = values[j];
        out[j] = values[i];
        return out;
    }
}
