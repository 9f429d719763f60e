/**
 * One small environment per application of reinforcement learning the course names: game AI
 * ({@code Snake}), robot control ({@code TwoLinkArm}), traffic ({@code Intersection}), driving
 * ({@code LaneKeeping}) and scheduling ({@code JobScheduling}), each with a hand-written baseline.
 *
 * <p>May use: the library (jgrad-core) and the rest of jgrad.rl; nothing in jgrad-core depends on it.
 */
package jgrad.rl.apps;
