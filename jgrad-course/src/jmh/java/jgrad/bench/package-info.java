/**
 * Benchmarks: JMH benchmarks of the kernels and GEMM backends, and the interleaved timing commands
 * ({@code GemmCompare}, {@code GemmScaling}, {@code TrainingSteps} for W2/W3) documented in
 * docs/performance.md.
 *
 * <p>May use: every main package.
 */
package jgrad.bench;
