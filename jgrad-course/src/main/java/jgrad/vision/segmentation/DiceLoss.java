package jgrad.vision.segmentation;

import jgrad.Shape;
import jgrad.Tensor;

/**
 * The soft Dice loss for per-pixel classification (Milletari et al. 2016, V-Net), composed from
 * tensor ops so autograd derives its gradient. With {@code p = softmax(logits)} over the classes and
 * {@code y} the one-hot targets, per class {@code c} over all pixels of the batch:
 * <pre>
 *   dice_c = (2 sum p_c y_c + eps) / (sum p_c + sum y_c + eps)        loss = 1 - mean_c dice_c
 * </pre>
 * Unlike cross-entropy it weighs each class by its overlap, not by its pixel count, so small
 * objects count as much as the background. {@code eps = 1} keeps classes absent from both the
 * prediction and the target at dice 1.
 */
public final class DiceLoss {
    private DiceLoss() {
    }

    public static final double EPS = 1.0;

    /** logits {@code (N, C, H, W)}, target int64 {@code (N, H, W)} of class indices -> scalar loss. */
    public static Tensor dice(Tensor logits, Tensor target) {
        if (logits.dim() != 4 || target.dim() != 3 || logits.size(0) != target.size(0) || logits.size(2) != target.size(1)
                || logits.size(3) != target.size(2)) {
            throw new IllegalArgumentException("DiceLoss: expected logits (N, C, H, W) and target (N, H, W), got "
                    + Shape.format(logits.shape()) + " and " + Shape.format(target.shape()));
        }
        Tensor p = logits.softmax(1);
        Tensor y = oneHot(target, logits.size(1)).to(logits.dtype());
        int[] pixels = {0, 2, 3};
        Tensor intersection = p.mul(y).sum(pixels, false);                          // (C)
        Tensor total = p.sum(pixels, false).add(y.sum(pixels, false));               // (C)
        Tensor dicePerClass = intersection.mul(2).add(EPS).div(total.add(EPS));
        return dicePerClass.mean().neg().add(1);
    }

    /** int64 class indices {@code (N, H, W)} -> one-hot float32 {@code (N, C, H, W)}. */
    static Tensor oneHot(Tensor target, int classes) {
        long[] labels = target.contiguous().toLongArray();
        int batch = target.size(0), plane = target.size(1) * target.size(2);
        float[] out = new float[batch * classes * plane];
        for (int n = 0; n < batch; n++) {
            for (int i = 0; i < plane; i++) {
                long label = labels[n * plane + i];
                if (label < 0 || label >= classes) {
                    throw new IllegalArgumentException("DiceLoss: target label " + label + " outside 0.." + (classes - 1));
                }
                out[(n * classes + (int) label) * plane + i] = 1;
            }
        }
        return Tensor.of(out, batch, classes, target.size(1), target.size(2));
    }
}
