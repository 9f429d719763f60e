package jgrad.micro;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One unit {@code out = φ(w·x + b)}, where φ is relu for a hidden neuron and the
 * identity for an output neuron.
 *
 * <p>Initialisation: each weight uniform in [-1, 1) from the given generator, bias 0.
 *
 * <pre>{@code
 * var neuron = new Neuron(2, true, new Random(0));
 * Value out = neuron.forward(List.of(new Value(1.0), new Value(-2.0)));
 * }</pre>
 */
public final class Neuron implements Module {

    private final List<Value> weights;
    private final Value bias;
    private final boolean nonlinear;

    /**
     * @param inputs    number of inputs {@code x_i}
     * @param nonlinear true to apply relu to the output (hidden layers), false for a linear output
     * @param random    the source of the initial weights
     */
    public Neuron(int inputs, boolean nonlinear, Random random) {
        if (inputs < 1) {
            throw new IllegalArgumentException("Neuron: inputs must be at least 1, got " + inputs);
        }
        var weights = new ArrayList<Value>(inputs);
        for (int i = 0; i < inputs; i++) {
            weights.add(new Value(random.nextDouble(-1.0, 1.0)));
        }
        this.weights = List.copyOf(weights);
        this.bias = new Value(0.0);
        this.nonlinear = nonlinear;
    }

    /** {@code φ(Σ_i w_i·x_i + b)}; {@code x} must have one value per weight. */
    public Value forward(List<Value> x) {
        if (x.size() != weights.size()) {
            throw new IllegalArgumentException(
                    "Neuron.forward: expected " + weights.size() + " inputs, got " + x.size());
        }
        Value activation = bias;
        for (int i = 0; i < x.size(); i++) {
            activation = activation.add(weights.get(i).mul(x.get(i)));
        }
        return nonlinear ? activation.relu() : activation;
    }

    /** True if the output goes through relu. */
    public boolean nonlinear() {
        return nonlinear;
    }

    /** The weights, then the bias. */
    @Override
    public List<Value> parameters() {
        var parameters = new ArrayList<>(weights);
        parameters.add(bias);
        return parameters;
    }

    @Override
    public String toString() {
        return (nonlinear ? "ReLU" : "Linear") + "Neuron(" + weights.size() + ")";
    }
}
