package jgrad.rl.env;

/**
 * The set an observation or an action lives in, as in Gymnasium: {@link Discrete} for {@code {0, ..., n-1}},
 * {@link Box} for a product of intervals {@code [low_i, high_i]}. Points of either space are passed as
 * {@code double[]} (a discrete action {@code a} as {@code {a}}), so one {@link Env} interface serves both.
 */
public sealed interface Space permits Discrete, Box {
    /** Length of the {@code double[]} that holds one point: 1 for Discrete, the dimension for Box. */
    int flatDim();

    /** True when {@code point} belongs to the space. */
    boolean contains(double[] point);
}
