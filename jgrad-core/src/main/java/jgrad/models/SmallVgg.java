package jgrad.models;

import jgrad.Jgrad;
import jgrad.Tensor;
import jgrad.nn.BatchNorm2d;
import jgrad.nn.Conv2d;
import jgrad.nn.Dropout;
import jgrad.nn.Flatten;
import jgrad.nn.Linear;
import jgrad.nn.MaxPool2d;
import jgrad.nn.Module;
import jgrad.nn.ReLU;
import jgrad.nn.Sequential;

/**
 * A VGG-style network for 1x28x28 images (Simonyan and Zisserman 2015, "Very Deep Convolutional
 * Networks", at the size of a laptop CPU): two stages of two 3x3 convolutions, each followed by batch
 * norm and ReLU, closed by 2x2 max pooling; then dropout and a small fully connected head.
 * <pre>
 *   (N, 1, 28, 28)  conv 1->w 3x3 pad 1, BN, ReLU, conv w->w, BN, ReLU, maxpool 2      (N, w, 14, 14)
 *                   conv w->2w, BN, ReLU, conv 2w->2w, BN, ReLU, maxpool 2             (N, 2w, 7, 7)
 *                   dropout p, flatten 49*2w -> linear hidden, ReLU, dropout p, linear 10
 * </pre>
 * Two stacked 3x3 convolutions see a 5x5 window with fewer weights and one more non-linearity than
 * a single 5x5 one, which is VGG's point. The convolutions have no bias: batch norm's shift replaces it.
 * At w = 32 the extra convolution per stage costs 4.4 times the multiply-adds of the W3 CNN
 * ({@link SmallCnn}): 18.7 million instead of 4.2 million per image; at w = 16 it is 4.7 million.
 * Batch norm lets it train at a high learning rate, and dropout keeps the head from memorising.
 *
 * <pre>{@code
 * var net = new SmallVgg(32, 128, 0.25);
 * Tensor logits = net.forward(images);          // (N, 1, 28, 28) -> (N, 10)
 * }</pre>
 */
public final class SmallVgg extends Module {
    private final Sequential layers;

    /**
     * @param width   channels of the first stage (the second has twice as many)
     * @param hidden  units of the fully connected hidden layer
     * @param dropout probability of dropping an input of each linear layer
     */
    public SmallVgg(int width, int hidden, double dropout) {
        layers = registerModule("layers", new Sequential(
                convBnRelu(1, width), convBnRelu(width, width), new MaxPool2d(2),
                convBnRelu(width, 2 * width), convBnRelu(2 * width, 2 * width), new MaxPool2d(2),
                new Dropout(dropout), new Flatten(), new Linear(2 * width * 7 * 7, hidden), new ReLU(),
                new Dropout(dropout), new Linear(hidden, 10)));
    }

    /** conv 3x3 pad 1 without bias, batch norm, ReLU: {@code (N, in, H, W) -> (N, out, H, W)}. */
    private static Sequential convBnRelu(int in, int out) {
        return new Sequential(new Conv2d(in, out, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 1,
                false, Jgrad.generator()), new BatchNorm2d(out), new ReLU());
    }

    @Override
    public Tensor forward(Tensor input) {
        return layers.forward(input);
    }
}
