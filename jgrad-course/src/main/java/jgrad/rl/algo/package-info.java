/**
 * Reinforcement-learning algorithms: PPO, DQN (Double DQN, target network, replay buffer) and
 * REINFORCE with a baseline, with their losses, returns and advantage estimates (GAE), evaluation and
 * training logs.
 *
 * <p>May use: {@code jgrad}, {@code nn}, {@code nn.functional}, {@code optim}, {@code train},
 * {@code io}, {@code jgrad.rl.env} and {@code jgrad.rl.policy}.
 */
package jgrad.rl.algo;
