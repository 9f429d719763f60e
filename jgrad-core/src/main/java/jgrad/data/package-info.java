/**
 * Data: {@link jgrad.data.Dataset}, {@link jgrad.data.DataLoader} (batches, shuffling), readers of real
 * formats (IDX/MNIST and Fashion-MNIST), and synthetic sets (moons, rendered digits).
 *
 * <p>May use: {@code jgrad} and {@code jgrad.io}.
 */
package jgrad.data;
