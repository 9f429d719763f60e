package jgrad.micro;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A multi-layer perceptron: fully connected layers with relu between them and a
 * linear last layer, so the outputs are unbounded scores.
 *
 * <pre>{@code
 * var model = new MLP(2, List.of(16, 16, 1), new Random(42));   // 2 → 16 → 16 → 1
 * Value score = model.forward(0.5, -1.0).getFirst();
 * }</pre>
 */
public final class MLP implements Module {

    private final List<Layer> layers;

    /**
     * @param inputs      size of the input vector
     * @param layerSizes  the number of outputs of each layer, the last one being the model's output size
     * @param random      the source of the initial weights (see {@link Neuron})
     */
    public MLP(int inputs, List<Integer> layerSizes, Random random) {
        if (layerSizes.isEmpty()) {
            throw new IllegalArgumentException("MLP: layerSizes must name at least one layer");
        }
        var layers = new ArrayList<Layer>(layerSizes.size());
        int layerInputs = inputs;
        for (int i = 0; i < layerSizes.size(); i++) {
            boolean last = i == layerSizes.size() - 1;
            layers.add(new Layer(layerInputs, layerSizes.get(i), !last, random));
            layerInputs = layerSizes.get(i);
        }
        this.layers = List.copyOf(layers);
    }

    /** Runs {@code x} through every layer in turn. */
    public List<Value> forward(List<Value> x) {
        List<Value> activations = x;
        for (Layer layer : layers) {
            activations = layer.forward(activations);
        }
        return activations;
    }

    /** {@link #forward(List)} on plain numbers, each wrapped as a leaf {@link Value}. */
    public List<Value> forward(double... x) {
        return forward(Arrays.stream(x).mapToObj(Value::new).toList());
    }

    /** The layers, input side first. */
    public List<Layer> layers() {
        return layers;
    }

    /** The parameters of each layer in turn. */
    @Override
    public List<Value> parameters() {
        return layers.stream().flatMap(layer -> layer.parameters().stream()).toList();
    }

    @Override
    public String toString() {
        return "MLP" + layers;
    }
}
