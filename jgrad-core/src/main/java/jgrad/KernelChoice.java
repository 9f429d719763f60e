package jgrad;

import jgrad.kernels.KernelMode;
import jgrad.kernels.Kernels;

/**
 * The one question every op asks before it computes: do the fast float32 kernels run for these
 * operands, or the reference loops? Yes exactly when the fast kernels are on for this thread
 * ({@link Kernels#mode()} is {@link KernelMode#FAST}: the default, {@code -Djgrad.kernels}, or an
 * open {@code Kernels.use(...)} scope) and every operand is float32. Any other dtype, and every
 * dtype under {@link KernelMode#REFERENCE}, takes the readable loops.
 *
 * <pre>{@code
 * static Tensor relu(Tensor x) {
 *     Tensor y = KernelChoice.fastFloat32(x) ? simdRelu(x) : map(x, v -> v > 0 ? v : 0);
 *     ...
 * }
 * }</pre>
 *
 * Matrix products ask {@link jgrad.nativ.Backends#gemm()} instead, which answers with the GEMM
 * backend to call. An op adds its own conditions about the arguments (a fused kernel may cover
 * only some shapes) next to this call, never another dtype test.
 */
public final class KernelChoice {
    private KernelChoice() {
    }

    /** Whether an op on {@code x} runs its fast float32 kernel. */
    public static boolean fastFloat32(Tensor x) {
        return x.dtype() == DType.FLOAT32 && Kernels.fast();
    }

    /** Whether an op on {@code a} and {@code b} runs its fast float32 kernel. */
    public static boolean fastFloat32(Tensor a, Tensor b) {
        return a.dtype() == DType.FLOAT32 && b.dtype() == DType.FLOAT32 && Kernels.fast();
    }

    /**
     * Whether an op on these operands runs its fast float32 kernel; null operands (an absent bias)
     * are skipped.
     */
    public static boolean fastFloat32(Tensor... operands) {
        for (Tensor operand : operands) {
            if (operand != null && operand.dtype() != DType.FLOAT32) {
                return false;
            }
        }
        return Kernels.fast();
    }
}
