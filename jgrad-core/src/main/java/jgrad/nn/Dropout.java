package jgrad.nn;

import jgrad.Jgrad;
import jgrad.Tensor;
import jgrad.nn.functional.F;

import java.util.random.RandomGenerator;

/**
 * Inverted dropout: in training, {@code y = x * m / (1 - p)} with {@code m ~ Bernoulli(1 - p)} per
 * element; in evaluation {@code y = x}. Give it its own seeded generator for reproducible masks:
 * {@code new Dropout(0.5, new SplittableRandom(42))}.
 */
public final class Dropout extends Module {
    private final double p;
    private final RandomGenerator generator;

    public Dropout() {
        this(0.5);
    }

    public Dropout(double p) {
        this(p, Jgrad.generator());
    }

    public Dropout(double p, RandomGenerator generator) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("Dropout: probability must be in [0, 1], got " + p);
        }
        this.p = p;
        this.generator = generator;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.dropout(input, p, isTraining(), generator);
    }

    @Override
    protected String extraRepr() {
        return "p=" + p;
    }
}
