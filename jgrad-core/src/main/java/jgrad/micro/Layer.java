package jgrad.micro;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A fully connected layer: {@code outputs} neurons that each read all {@code inputs}.
 *
 * <pre>{@code
 * var layer = new Layer(2, 3, true, new Random(0));
 * List<Value> out = layer.forward(List.of(new Value(1.0), new Value(-2.0)));  // 3 values
 * }</pre>
 */
public final class Layer implements Module {

    private final List<Neuron> neurons;

    /** {@code outputs} neurons with {@code inputs} weights each, relu if {@code nonlinear}. */
    public Layer(int inputs, int outputs, boolean nonlinear, Random random) {
        if (outputs < 1) {
            throw new IllegalArgumentException("Layer: outputs must be at least 1, got " + outputs);
        }
        var neurons = new ArrayList<Neuron>(outputs);
        for (int i = 0; i < outputs; i++) {
            neurons.add(new Neuron(inputs, nonlinear, random));
        }
        this.neurons = List.copyOf(neurons);
    }

    /** One output per neuron. */
    public List<Value> forward(List<Value> x) {
        return neurons.stream().map(neuron -> neuron.forward(x)).toList();
    }

    /** The neurons, in output order. */
    public List<Neuron> neurons() {
        return neurons;
    }

    /** The parameters of each neuron in turn. */
    @Override
    public List<Value> parameters() {
        return neurons.stream().flatMap(neuron -> neuron.parameters().stream()).toList();
    }

    @Override
    public String toString() {
        return "Layer" + neurons;
    }
}
