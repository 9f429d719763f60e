/**
 * The loops, on plain Java arrays and nothing else: for each hot op a readable reference kernel and a
 * fast float32 kernel (Vector API SIMD, blocking, threads) tested against it ({@code *Kernels},
 * {@link jgrad.kernels.Gemm} with {@link jgrad.kernels.BlockedSgemm} and its micro-kernels beside
 * {@link jgrad.kernels.ReferenceGemm}, {@link jgrad.kernels.Im2col}, {@link jgrad.kernels.AdamUpdate});
 * the one thread pool, {@link jgrad.kernels.Parallel}; and the kernel switch,
 * {@link jgrad.kernels.Kernels} with {@link jgrad.kernels.KernelMode}
 * ({@code try (var k = Kernels.use(KernelMode.REFERENCE)) { ... }}, {@code -Djgrad.kernels=reference|fast}).
 *
 * <p>The composed, autograd-aware definitions these kernels speed up live in {@code jgrad} (ops) and
 * {@code jgrad.nn.functional} (fused layers); each kernel's Javadoc names its counterpart.
 *
 * <p>May use: the JDK and {@code jdk.incubator.vector} only; no tensors, no other jgrad package.
 */
package jgrad.kernels;
