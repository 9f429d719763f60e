package jgrad.nn;

import jgrad.Jgrad;
import jgrad.Tensor;

import java.util.random.RandomGenerator;

/**
 * A trained position table added to the input, as GPT's {@code wpe}: {@code y[..., t, :] = x[..., t, :] + weight[t, :]}.
 * Shapes: input {@code (*, T, d)} with {@code T <= maxLen}; {@code weight (maxLen, d)} from N(0, std).
 * (GPT itself keeps {@code wpe} as an {@link Embedding} to match nanoGPT's names.)
 */
public final class LearnedPositionalEmbedding extends Module {
    private final int maxLen;
    private final int dim;

    public LearnedPositionalEmbedding(int maxLen, int dim) {
        this(maxLen, dim, 0.02, Jgrad.generator());
    }

    public LearnedPositionalEmbedding(int maxLen, int dim, double std, RandomGenerator generator) {
        this.maxLen = maxLen;
        this.dim = dim;
        registerParameter("weight", Init.normal_(Tensor.zeros(maxLen, dim), 0, std, generator));
    }

    @Override
    public Tensor forward(Tensor input) {
        if (input.dim() < 2 || input.size(-1) != dim || input.size(-2) > maxLen) {
            throw new IllegalArgumentException("LearnedPositionalEmbedding: expected input (*, T, " + dim + ") with T <= "
                    + maxLen + ", got " + jgrad.Shape.format(input.shape()));
        }
        return input.add(parameter("weight").narrow(0, 0, input.size(-2)));
    }

    @Override
    protected String extraRepr() {
        return maxLen + ", " + dim;
    }
}
