package jgrad.rl.policy;

import jgrad.Tensor;

import java.util.random.RandomGenerator;

/**
 * A batch of action distributions {@code pi(. | s_b)}, one per row of a batch of observations, built from a
 * policy network's output. Log-probabilities and entropies are jgrad tensors, so losses built from them
 * backpropagate into the network; samples are plain arrays handed to the environment.
 */
public sealed interface Distribution permits Categorical, DiagGaussian {
    /** {@code log pi(a_b | s_b)} for each row, shape {@code (B)}; {@code actions} from {@link #actionTensor}. */
    Tensor logProb(Tensor actions);

    /** The entropy of each row's distribution, shape {@code (B)}. */
    Tensor entropy();

    /** One action per row, drawn with {@code random}: {@code (B, actionDim)} (a discrete action as {@code {a}}). */
    double[][] sample(RandomGenerator random);

    /** The most likely action per row (argmax, or the mean): the deterministic policy used for evaluation. */
    double[][] mode();

    /** Actions as the tensor {@link #logProb} takes: int64 {@code (B)} for discrete, float {@code (B, D)} for continuous. */
    Tensor actionTensor(double[][] actions);
}
