package jgrad.nn.functional;

import jgrad.DType;
import jgrad.Grad;
import jgrad.Tensor;
import jgrad.kernels.ElementwiseKernels;
import jgrad.kernels.ElementwiseKernels.BinaryOp;
import jgrad.nativ.Backends;
import jgrad.nativ.GemmBackend;

/**
 * {@code y = x Wᵀ + b} for float32 as one op with its backward by hand (llm.c's
 * {@code matmul_forward}/{@code matmul_backward}): the bias goes into the GEMM's output before the
 * product (beta = 1), so there is no broadcast add, and its gradient is a column sum instead of
 * a reduction over a transposed copy. The composed {@code x.matmul(w.t()).add(b)} is the reference
 * a test compares this against.
 * <pre>
 * forward   X (N, in), W (out, in), b (out)     backward (given dY (N, out))
 *   Y = X Wᵀ + b        (N, out)                  dX = dY W      (N, in)
 *                                                 dW = dYᵀ X     (out, in)
 *                                                 db = Σ_n dY[n] (out)
 * </pre>
 * N is the product of the input's leading dims. The three products run on {@link Backends#gemm()}.
 */
final class FusedLinear {
    private FusedLinear() {
    }

    /** input {@code (*, in)}, weight {@code (out, in)}, bias {@code (out)} or null; returns {@code (*, out)}. */
    static Tensor linear(Tensor input, Tensor weight, Tensor bias) {
        int in = weight.size(1), out = weight.size(0), rows = in == 0 ? 0 : input.numel() / in;
        float[] x = FusedAttention.array(input.detach().contiguous());
        float[] w = FusedAttention.array(weight.detach().contiguous());
        int[] outShape = input.shape();
        outShape[outShape.length - 1] = out;
        Tensor result = Tensor.zeros(DType.FLOAT32, outShape);
        float[] y = FusedAttention.array(result);
        if (bias != null) {
            float[] b = FusedAttention.array(bias.detach().contiguous());
            for (int n = 0; n < rows; n++) {
                System.arraycopy(b, 0, y, n * out, out);
            }
        }
        GemmBackend gemm = Backends.gemm();
        gemm.sgemm(false, true, rows, out, in, x, 0, in, w, 0, in, bias == null ? 0f : 1f, y, 0, out);

        Tensor[] inputs = bias == null ? new Tensor[] {input, weight} : new Tensor[] {input, weight, bias};
        return Grad.record(result, "FusedLinearBackward", gradOutput -> {
            float[] dy = FusedAttention.array(gradOutput.contiguous().float32());
            Tensor dInput = null, dWeight = null, dBias = null;
            GemmBackend backwardGemm = Backends.gemm();
            if (input.requiresGrad()) {
                dInput = Tensor.zeros(DType.FLOAT32, input.shape());
                backwardGemm.sgemm(false, false, rows, in, out, dy, 0, out, w, 0, in, 0f, FusedAttention.array(dInput), 0, in);
            }
            if (weight.requiresGrad()) {
                dWeight = Tensor.zeros(DType.FLOAT32, out, in);
                backwardGemm.sgemm(true, false, out, in, rows, dy, 0, out, x, 0, in, 0f, FusedAttention.array(dWeight), 0, in);
            }
            if (bias != null && bias.requiresGrad()) {
                dBias = Tensor.zeros(DType.FLOAT32, out);
                float[] db = FusedAttention.array(dBias);
                for (int n = 0; n < rows; n++) {   // db += dy[n], rows in order (a vector add per row, the same sums)
                    ElementwiseKernels.binary(BinaryOp.ADD, db, 0, dy, n * out, db, 0, out);
                }
            }
            return bias == null ? new Tensor[] {dInput, dWeight} : new Tensor[] {dInput, dWeight, dBias};
        }, inputs);
    }
}
