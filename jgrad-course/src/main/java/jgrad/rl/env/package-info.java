/**
 * Reinforcement-learning environments with Gymnasium's semantics: spaces, {@code Env} and its
 * wrappers (time limits, observation normalisation), vectorised environments, and the classic
 * control tasks (CartPole, MountainCar, Pendulum).
 *
 * <p>May use: the JDK only (plain arrays); agents in {@code jgrad.rl.algo} turn observations into
 * tensors.
 */
package jgrad.rl.env;
