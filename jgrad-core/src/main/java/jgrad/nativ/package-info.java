/**
 * GEMM backends: the {@link jgrad.nativ.GemmBackend} interface, the Java one (jgrad.kernels.Gemm),
 * OpenBLAS ({@code cblas_sgemm}) and cuBLAS through the Foreign Function and Memory API, their
 * discovery and fallback, and {@link jgrad.nativ.Backends#gemm()}, the door every float32 matrix
 * product of jgrad goes through ({@code -Djgrad.backend=java|openblas|cublas}; the reference loops
 * under {@code KernelMode.REFERENCE}). {@link jgrad.nativ.GpuCheck} is the stand-alone GPU parity and
 * timing check.
 *
 * <p>May use: {@code jgrad.kernels}; never tensors ({@code jgrad}) or layers.
 */
package jgrad.nativ;
