/**
 * Optimizers (SGD, Adam, AdamW, RMSprop, Adagrad), learning-rate schedulers and gradient clipping.
 * Each optimizer writes its rule once per element in double ({@code update}); float32 parameters may
 * take a vectorised version of the same rule ({@code updateFloat32}, e.g. {@code kernels.AdamUpdate})
 * when {@link jgrad.KernelChoice} says the fast kernels run.
 *
 * <p>May use: {@code jgrad} and {@code jgrad.kernels}.
 */
package jgrad.optim;
