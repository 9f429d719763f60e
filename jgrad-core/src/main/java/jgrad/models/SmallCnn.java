package jgrad.models;

import jgrad.Tensor;
import jgrad.nn.Conv2d;
import jgrad.nn.Flatten;
import jgrad.nn.Linear;
import jgrad.nn.MaxPool2d;
import jgrad.nn.Module;
import jgrad.nn.ReLU;
import jgrad.nn.Sequential;

/**
 * The W3 benchmark CNN (shared/bench/WORKLOADS.md) for 1x28x28 images:
 * <pre>
 *   (N, 1, 28, 28) conv 1->32 3x3 pad 1, ReLU, maxpool 2  -> (N, 32, 14, 14)
 *                  conv 32->64 3x3 pad 1, ReLU, maxpool 2 -> (N, 64, 7, 7)
 *                  flatten 3136 -> linear 128, ReLU -> linear 10
 * </pre>
 * The widths are parameters so tests can train a narrower copy of the same architecture quickly.
 */
public final class SmallCnn extends Module {
    private final Sequential layers;

    /** The W3 widths: 32 and 64 channels, 128 hidden units. */
    public SmallCnn() {
        this(32, 64, 128);
    }

    public SmallCnn(int channels1, int channels2, int hidden) {
        layers = registerModule("layers", new Sequential(
                new Conv2d(1, channels1, 3, 1, 1), new ReLU(), new MaxPool2d(2),
                new Conv2d(channels1, channels2, 3, 1, 1), new ReLU(), new MaxPool2d(2),
                new Flatten(), new Linear(channels2 * 7 * 7, hidden), new ReLU(), new Linear(hidden, 10)));
    }

    @Override
    public Tensor forward(Tensor input) {
        return layers.forward(input);
    }

    /** The hidden layer's activations {@code (N, hidden)}: every layer but the last linear one. */
    public Tensor features(Tensor input) {
        Tensor x = input;
        for (int i = 0; i < layers.size() - 1; i++) x = layers.get(i).forward(x);
        return x;
    }
}
