/**
 * Post-training int8 quantisation: per-channel weight scales ({@code Quantize}), a linear layer that
 * multiplies int8 weights through the int8 GEMM kernel ({@code QuantizedLinear}), and the benchmark
 * that compares accuracy, size and speed with float32.
 *
 * <p>May use: the library (jgrad-core) and the course's figures (jgrad.viz); nothing in jgrad-core depends on it.
 */
package jgrad.quant;
