/**
 * Layers as modules: {@link jgrad.nn.Module} (parameters, buffers, state dicts with PyTorch's names,
 * train/eval), {@link jgrad.nn.Linear}, {@link jgrad.nn.Conv2d}, normalisation, pooling, dropout,
 * embeddings, recurrent layers (RNN, LSTM, GRU and their cells; {@code FusedLstmCell},
 * {@code FusedLstmLayer}, {@code FusedGruLayer} and {@code FusedRnnLayer} beside the composed
 * {@code RecurrentSteps}), attention and transformer
 * layers, and {@link jgrad.nn.Init}.
 *
 * <p>A module holds parameters and calls {@code jgrad.nn.functional.F} or tensor methods, so it runs
 * the same code as those doors; fused paths are chosen only through {@link jgrad.KernelChoice}.
 *
 * <p>May use: {@code jgrad}, {@code jgrad.nn.functional}, {@code jgrad.nativ} (the GEMM door, for the
 * fused recurrent layer) and {@code jgrad.io}.
 */
package jgrad.nn;
