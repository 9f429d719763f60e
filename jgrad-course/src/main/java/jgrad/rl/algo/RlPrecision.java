package jgrad.rl.algo;

import jgrad.DType;
import jgrad.Tensor;

/**
 * The dtype of the RL networks and of the tensors fed to them: float32 by default, float64 with
 * {@code -Djgrad.rl.dtype=float64}.
 *
 * <p>Why a choice: an RL run feeds its own outputs back in. A last-bit difference in one weight changes a
 * sampled action, which changes the next states, and two runs part ways. In float32 jgrad may run SIMD
 * kernels, and the JIT replaces interpreted code by compiled code at moments that depend on timing, with
 * results that can differ in the last bit; two float32 runs of the same seed were seen to diverge (152 vs
 * 177 training episodes in 20,480 CartPole steps). The float64 path runs the plain reference loops, whose
 * rounding does not depend on the JIT, so there a seed fixes the whole run (two such runs gave identical
 * logs), at a higher cost per step.
 */
public final class RlPrecision {
    private RlPrecision() {
    }

    /** The dtype named by {@code jgrad.rl.dtype} (float32 when unset). */
    public static DType dtype() {
        String name = System.getProperty("jgrad.rl.dtype", "float32");
        return switch (name) {
            case "float32" -> DType.FLOAT32;
            case "float64" -> DType.FLOAT64;
            default -> throw new IllegalArgumentException("jgrad.rl.dtype must be float32 or float64, got '" + name + "'");
        };
    }

    /** A batch {@code [B][D]} as a {@code (B, D)} tensor of {@link #dtype()}. */
    public static Tensor tensor(double[][] rows) {
        return Tensor.of(rows).to(dtype());
    }

    /** A vector as a tensor of {@link #dtype()}. */
    public static Tensor tensor(double[] values) {
        return Tensor.of(values).to(dtype());
    }
}
