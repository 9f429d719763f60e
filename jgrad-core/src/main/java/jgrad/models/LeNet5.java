package jgrad.models;

import jgrad.Tensor;
import jgrad.nn.AvgPool2d;
import jgrad.nn.Conv2d;
import jgrad.nn.Flatten;
import jgrad.nn.Linear;
import jgrad.nn.Module;
import jgrad.nn.Sequential;
import jgrad.nn.Tanh;

/**
 * LeNet-5 (LeCun et al., 1998) for 1x28x28 digits, in its common modern reading: the first
 * convolution pads by 2 so 28x28 acts like the paper's 32x32 input.
 * <pre>
 *   (N, 1, 28, 28) conv 5x5 pad 2 -> (N, 6, 28, 28) tanh, avgpool 2 -> (N, 6, 14, 14)
 *                  conv 5x5       -> (N, 16, 10, 10) tanh, avgpool 2 -> (N, 16, 5, 5)
 *                  flatten 400 -> linear 120 tanh -> linear 84 tanh -> linear 10
 * </pre>
 */
public final class LeNet5 extends Module {
    private final Sequential features;
    private final Sequential classifier;

    public LeNet5() {
        features = registerModule("features", new Sequential(
                new Conv2d(1, 6, 5, 1, 2), new Tanh(), new AvgPool2d(2),
                new Conv2d(6, 16, 5), new Tanh(), new AvgPool2d(2)));
        classifier = registerModule("classifier", new Sequential(
                new Flatten(), new Linear(400, 120), new Tanh(), new Linear(120, 84), new Tanh(), new Linear(84, 10)));
    }

    @Override
    public Tensor forward(Tensor input) {
        return classifier.forward(features.forward(input));
    }
}
