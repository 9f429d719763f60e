/**
 * Training helpers: {@link jgrad.train.Trainer}, progress bars, histories and learning curves,
 * confusion matrices, truncated backpropagation through time.
 *
 * <p>May use: {@code jgrad}, {@code jgrad.nn}, {@code jgrad.optim}, {@code jgrad.data} and
 * {@code jgrad.io}.
 */
package jgrad.train;
