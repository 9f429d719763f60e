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
 * The classic CIFAR-10 network of PyTorch's "Training a classifier" tutorial, trained with SGD and
 * momentum 0.9:
 * <pre>
 *   (N, 3, 32, 32) conv 3->6 5x5, ReLU, maxpool 2   -> (N, 6, 14, 14)
 *                  conv 6->16 5x5, ReLU, maxpool 2  -> (N, 16, 5, 5)
 *                  flatten 400 -> 120, ReLU -> 84, ReLU -> 10
 * </pre>
 *
 * <pre>{@code
 * var model = new CifarNet();
 * var opt = new SGD(model.parameters(), 0.001, 0.9);
 * }</pre>
 */
public final class CifarNet extends Module {
    private final Sequential layers;

    public CifarNet() {
        layers = registerModule("layers", new Sequential(
                new Conv2d(3, 6, 5), new ReLU(), new MaxPool2d(2),
                new Conv2d(6, 16, 5), new ReLU(), new MaxPool2d(2),
                new Flatten(), new Linear(400, 120), new ReLU(), new Linear(120, 84), new ReLU(), new Linear(84, 10)));
    }

    @Override
    public Tensor forward(Tensor input) {
        return layers.forward(input);
    }
}
