package jgrad.models;

import jgrad.Tensor;
import jgrad.nn.Flatten;
import jgrad.nn.Linear;
import jgrad.nn.Module;
import jgrad.nn.ReLU;
import jgrad.nn.Sequential;

import java.util.ArrayList;
import java.util.List;

/**
 * A multilayer perceptron: {@code Linear -> ReLU -> ... -> Linear}, flattening its input first, so
 * it takes points {@code (N, features)} or images {@code (N, C, H, W)} and returns logits {@code (N, classes)}.
 * {@code new MLP(784, 10, 512, 512)} is the W2 benchmark model.
 */
public final class MLP extends Module {
    private final Sequential layers;

    public MLP(int inputs, int classes, int... hidden) {
        List<Module> list = new ArrayList<>();
        list.add(new Flatten());
        int width = inputs;
        for (int h : hidden) {
            list.add(new Linear(width, h));
            list.add(new ReLU());
            width = h;
        }
        list.add(new Linear(width, classes));
        layers = registerModule("layers", new Sequential(list));
    }

    @Override
    public Tensor forward(Tensor input) {
        return layers.forward(input);
    }
}
