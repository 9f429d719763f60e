package jgrad.models;

import jgrad.Jgrad;
import jgrad.Tensor;
import jgrad.nn.BatchNorm2d;
import jgrad.nn.Conv2d;
import jgrad.nn.Module;
import jgrad.nn.Sequential;

/**
 * ResNet's basic block (He et al. 2016, "Deep Residual Learning"): two 3x3 convolutions with batch
 * norm, added to a shortcut, then ReLU:
 * <pre>
 *   y = relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x))
 * </pre>
 * The shortcut is the identity when the shape stays, else a 1x1 convolution with the block's
 * stride and batch norm. Shapes: {@code (N, in, H, W) -> (N, out, ceil(H / stride), ceil(W / stride))}.
 * The convolutions have no bias (batch norm's shift replaces it).
 */
public final class ResidualBlock extends Module {
    private final Conv2d conv1;
    private final BatchNorm2d bn1;
    private final Conv2d conv2;
    private final BatchNorm2d bn2;
    private final Module shortcut;

    public ResidualBlock(int inChannels, int outChannels, int stride) {
        var generator = Jgrad.generator();
        conv1 = registerModule("conv1", new Conv2d(inChannels, outChannels, new int[] {3, 3}, new int[] {stride, stride},
                new int[] {1, 1}, new int[] {1, 1}, 1, false, generator));
        bn1 = registerModule("bn1", new BatchNorm2d(outChannels));
        conv2 = registerModule("conv2", new Conv2d(outChannels, outChannels, new int[] {3, 3}, new int[] {1, 1},
                new int[] {1, 1}, new int[] {1, 1}, 1, false, generator));
        bn2 = registerModule("bn2", new BatchNorm2d(outChannels));
        shortcut = stride == 1 && inChannels == outChannels ? null : registerModule("shortcut", new Sequential(
                new Conv2d(inChannels, outChannels, new int[] {1, 1}, new int[] {stride, stride}, new int[] {0, 0},
                        new int[] {1, 1}, 1, false, generator),
                new BatchNorm2d(outChannels)));
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor h = bn1.forward(conv1.forward(input)).relu();
        h = bn2.forward(conv2.forward(h));
        return h.add(shortcut == null ? input : shortcut.forward(input)).relu();
    }
}
