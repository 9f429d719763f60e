/**
 * Tests of the kernel seam as a whole: every door of an op gives the same bits, the reference mode
 * runs the reference loops, and every float32 GEMM of a training step reaches the selected backend.
 * The per-op fast-against-reference tests sit beside their ops and draw the {@code KernelMode}.
 *
 * <p>May use: every main package.
 */
package jgrad.seam;
