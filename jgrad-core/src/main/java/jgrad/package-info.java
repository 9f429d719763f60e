/**
 * The core: {@link jgrad.Tensor} (shapes, strides, broadcasting, dtypes), autograd ({@link jgrad.Grad}:
 * the backward engine and the no-grad scope), {@link jgrad.Gradcheck}, and the tensor ops, each written
 * as a forward with its backward right below it (Elementwise, Reductions, Softmax, MatMul, Views,
 * Indexing).
 *
 * <p>Every op is written once as its reference loop; {@link jgrad.KernelChoice} decides, per call,
 * whether the fast float32 kernels of {@code jgrad.kernels} run instead (kernel mode FAST and float32
 * operands), and every float32 matrix product goes through {@code jgrad.nativ.Backends.gemm()}.
 *
 * <p>May use: {@code jgrad.kernels} (array loops) and {@code jgrad.nativ} (the GEMM backends), and
 * nothing else of jgrad.
 */
package jgrad;
