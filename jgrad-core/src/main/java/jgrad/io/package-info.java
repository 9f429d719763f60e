/**
 * Files: atomic writes ({@link jgrad.io.AtomicFiles}), safetensors checkpoints and a small JSON reader
 * and writer. Every reader checks lengths and offsets before trusting them.
 *
 * <p>May use: {@code jgrad} (tensors) only.
 */
package jgrad.io;
