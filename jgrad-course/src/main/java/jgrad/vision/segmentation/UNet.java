package jgrad.vision.segmentation;

import jgrad.Tensor;
import jgrad.nn.BatchNorm2d;
import jgrad.nn.Conv2d;
import jgrad.nn.ConvTranspose2d;
import jgrad.nn.MaxPool2d;
import jgrad.nn.Module;
import jgrad.nn.ReLU;
import jgrad.nn.Sequential;

import java.util.List;

/**
 * A small U-Net (Ronneberger et al. 2015): a down path that halves the resolution twice, an up path
 * that doubles it back with transposed convolutions, and skip connections that concatenate each
 * up-path feature map with the down-path map of the same size, so the per-pixel output sees both
 * context and fine detail.
 * <pre>
 *   (N, 1, H, W)  down1: [conv 3x3, BN, ReLU] x2  1 -> w          (N, w, H, W)        skip s1
 *                 maxpool 2, down2: x2  w -> 2w                   (N, 2w, H/2, W/2)   skip s2
 *                 maxpool 2, bottom: x2  2w -> 4w                 (N, 4w, H/4, W/4)
 *                 up2: convT 2x2 stride 2  4w -> 2w, cat s2, x2 4w -> 2w   (N, 2w, H/2, W/2)
 *                 up1: convT 2x2 stride 2  2w -> w, cat s1, x2 2w -> w    (N, w, H, W)
 *                 conv 1x1 w -> classes                           (N, classes, H, W) logits
 * </pre>
 * H and W must be multiples of 4.
 */
public final class UNet extends Module {
    private final Module down1, down2, bottom, up2, merge2, up1, merge1, head;
    private final MaxPool2d pool = new MaxPool2d(2);

    public UNet(int classes, int width) {
        down1 = registerModule("down1", block(1, width));
        down2 = registerModule("down2", block(width, 2 * width));
        bottom = registerModule("bottom", block(2 * width, 4 * width));
        up2 = registerModule("up2", new ConvTranspose2d(4 * width, 2 * width, 2, 2, 0));
        merge2 = registerModule("merge2", block(4 * width, 2 * width));
        up1 = registerModule("up1", new ConvTranspose2d(2 * width, width, 2, 2, 0));
        merge1 = registerModule("merge1", block(2 * width, width));
        head = registerModule("head", new Conv2d(width, classes, 1));
    }

    private static Sequential block(int in, int out) {
        return new Sequential(new Conv2d(in, out, 3, 1, 1), new BatchNorm2d(out), new ReLU(),
                new Conv2d(out, out, 3, 1, 1), new BatchNorm2d(out), new ReLU());
    }

    @Override
    public Tensor forward(Tensor input) {
        if (input.dim() != 4 || input.size(2) % 4 != 0 || input.size(3) % 4 != 0) {
            throw new IllegalArgumentException("UNet: expected (N, 1, H, W) with H and W multiples of 4, got "
                    + jgrad.Shape.format(input.shape()));
        }
        Tensor s1 = down1.forward(input);
        Tensor s2 = down2.forward(pool.forward(s1));
        Tensor x = bottom.forward(pool.forward(s2));
        x = merge2.forward(Tensor.cat(List.of(up2.forward(x), s2), 1));
        x = merge1.forward(Tensor.cat(List.of(up1.forward(x), s1), 1));
        return head.forward(x);
    }
}
