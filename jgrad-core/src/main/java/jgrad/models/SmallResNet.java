package jgrad.models;

import jgrad.Tensor;
import jgrad.nn.AdaptiveAvgPool2d;
import jgrad.nn.BatchNorm2d;
import jgrad.nn.Conv2d;
import jgrad.nn.Flatten;
import jgrad.nn.Linear;
import jgrad.nn.Module;
import jgrad.nn.ReLU;
import jgrad.nn.Sequential;

/**
 * A small residual network for 28x28 (or 32x32) images, ResNet's CIFAR layout at a size a laptop
 * CPU trains in minutes:
 * <pre>
 *   (N, C, 28, 28)  conv 3x3 C -> w, BN, ReLU                  (N, w, 28, 28)
 *                   residual block w -> w                        (N, w, 28, 28)
 *                   residual block w -> 2w, stride 2             (N, 2w, 14, 14)
 *                   residual block 2w -> 4w, stride 2            (N, 4w, 7, 7)
 *                   global average pool, flatten, linear 4w -> classes
 * </pre>
 * Global average pooling makes the head independent of the image size.
 */
public final class SmallResNet extends Module {
    private final Sequential layers;

    public SmallResNet(int inChannels, int width, int classes) {
        layers = registerModule("layers", new Sequential(
                new Conv2d(inChannels, width, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 1,
                        false, jgrad.Jgrad.generator()),
                new BatchNorm2d(width), new ReLU(),
                new ResidualBlock(width, width, 1),
                new ResidualBlock(width, 2 * width, 2),
                new ResidualBlock(2 * width, 4 * width, 2),
                new AdaptiveAvgPool2d(1, 1), new Flatten(), new Linear(4 * width, classes)));
    }

    @Override
    public Tensor forward(Tensor input) {
        return layers.forward(input);
    }
}
