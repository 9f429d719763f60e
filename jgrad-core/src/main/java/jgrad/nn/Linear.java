package jgrad.nn;

import jgrad.Jgrad;
import jgrad.Tensor;
import jgrad.nn.functional.F;

import java.util.random.RandomGenerator;

/**
 * Fully connected layer: {@code y = x W^T + b}.
 *
 * <p>Shapes: input {@code (*, in)}, weight {@code (out, in)}, bias {@code (out)}, output {@code (*, out)}.
 * Initialised like PyTorch: W and b from {@code U(-1/sqrt(in), 1/sqrt(in))} (Kaiming uniform with
 * {@code a = sqrt(5)}).
 */
public final class Linear extends Module {
    private final int inFeatures;
    private final int outFeatures;

    public Linear(int inFeatures, int outFeatures) {
        this(inFeatures, outFeatures, true);
    }

    public Linear(int inFeatures, int outFeatures, boolean bias) {
        this(inFeatures, outFeatures, bias, Jgrad.generator());
    }

    public Linear(int inFeatures, int outFeatures, boolean bias, RandomGenerator generator) {
        if (inFeatures <= 0 || outFeatures <= 0) {
            throw new IllegalArgumentException("Linear: feature counts must be positive, got in=" + inFeatures + ", out=" + outFeatures);
        }
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        Tensor w = Init.layerDefaultWeight_(Tensor.zeros(outFeatures, inFeatures), generator);
        registerParameter("weight", w);
        if (bias) {
            registerParameter("bias", Init.layerDefaultBias(w, outFeatures, generator));
        }
    }

    public Tensor weight() {
        return parameter("weight");
    }

    /** The bias, or null when built with {@code bias = false}. */
    public Tensor bias() {
        return parameter("bias");
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.linear(input, weight(), bias());
    }

    @Override
    protected String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + (bias() != null);
    }
}
