/**
 * The reinforcement-learning demo command ({@link jgrad.rl.examples.RlTrain}): trains one algorithm on
 * one environment and writes the learning curve.
 *
 * <p>May use: every {@code jgrad.rl} package, {@code train} and {@code io}; nothing depends on it.
 */
package jgrad.rl.examples;
