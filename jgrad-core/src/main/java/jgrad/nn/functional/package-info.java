/**
 * Layers and losses as functions, PyTorch's {@code torch.nn.functional}: {@link jgrad.nn.functional.F}
 * is the door; behind it the composed definitions (Convolution, Attention, Normalization, Losses,
 * Pooling, Activations) and, beside each, its fused float32 op with a hand-written backward
 * ({@code FusedLinear}, {@code FusedAttention}, {@code FastConvolution}, {@code FusedLayerNorm}, {@code FusedBatchNorm},
 * {@code FusedCrossEntropy}), which {@code F} picks through {@link jgrad.KernelChoice}. Tests tie each
 * fused op to its composed definition.
 *
 * <p>May use: {@code jgrad}, {@code jgrad.kernels} (array loops for the fused ops) and
 * {@code jgrad.nativ} (every GEMM via {@code Backends.gemm()}).
 */
package jgrad.nn.functional;
