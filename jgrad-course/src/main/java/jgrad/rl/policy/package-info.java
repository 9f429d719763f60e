/**
 * Policies: action distributions (categorical, diagonal Gaussian) and actor-critic networks built
 * from {@code jgrad.nn} layers.
 *
 * <p>May use: {@code jgrad}, {@code jgrad.nn} and {@code jgrad.rl.env}.
 */
package jgrad.rl.policy;
