package jgrad.kernels;

/**
 * Which implementation of an op runs: the readable loops or the fast float32 kernels. Chosen by
 * {@link Kernels}, for a whole run ({@code -Djgrad.kernels=reference|fast}) or for a block of code
 * ({@code try (var k = Kernels.use(KernelMode.REFERENCE)) { ... }}).
 */
public enum KernelMode {

    /**
     * Plain loops for every dtype, float32 included: each element computed by the op's formula
     * (most in double, rounded once), every matrix product by {@link ReferenceGemm}, no fused
     * ops (layers run as the composition of tensor ops that defines them). Slow and easy to
     * step through in a debugger.
     */
    REFERENCE,

    /**
     * float32 tensors take the SIMD kernels of this package and the fused layer ops (linear,
     * attention, convolution, layer norm, cross-entropy, LSTM), and every float32 matrix product
     * runs on the selected GEMM backend ({@code -Djgrad.backend=java|openblas|cublas}). Other
     * dtypes take the reference loops. The default.
     */
    FAST
}
