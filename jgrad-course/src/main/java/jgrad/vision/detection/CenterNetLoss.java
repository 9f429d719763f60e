package jgrad.vision.detection;

import jgrad.Tensor;
import jgrad.nn.functional.F;

import java.util.List;

/**
 * CenterNet's training targets and loss for maps {@code (N, C + 4, h, w)} of cells {@code stride}
 * pixels wide.
 *
 * <p>Targets: for an object of class {@code c} with centre {@code (cx, cy)} in cell
 * {@code (i, j) = floor(centre / stride)}, the heatmap {@code Y[c]} is 1 at {@code (i, j)} and falls
 * off as a Gaussian {@code exp(-d^2 / (2 sigma^2))} around it, {@code sigma} a third of the box's
 * smaller side in cells (at least 0.6); overlapping objects take the maximum. The centre cell also
 * holds the offset {@code centre / stride - (i, j)} and the size {@code (w, h) / stride}.
 *
 * <p>Loss, with {@code p = sigmoid(logit)} and {@code P} the number of objects:
 * <pre>
 *   focal  = -1/P sum [ (1 - p)^2 log p                       where Y = 1
 *                     + (1 - Y)^4 p^2 log(1 - p)              elsewhere ]
 *   L      = focal + 1/P sum_centres |offset - offset*| + 0.1/P sum_centres |size - size*|
 * </pre>
 * {@code log p = -softplus(-logit)} and {@code log(1 - p) = -softplus(logit)}, so no log of a
 * rounded probability is taken.
 */
public record CenterNetLoss(int classes, int stride) {

    /** Targets for a batch: heatmap {@code (N, C, h, w)}, offset and size {@code (N, 2, h, w)}, centre mask {@code (N, 1, h, w)}. */
    public record Targets(Tensor heatmap, Tensor offset, Tensor size, Tensor mask) {
    }

    public Targets encode(List<List<GroundTruth>> objects, int imageH, int imageW) {
        int batch = objects.size(), gridH = imageH / stride, gridW = imageW / stride, plane = gridH * gridW;
        float[] heat = new float[batch * classes * plane];
        float[] offset = new float[batch * 2 * plane];
        float[] size = new float[batch * 2 * plane];
        float[] mask = new float[batch * plane];
        for (int n = 0; n < batch; n++) {
            for (GroundTruth object : objects.get(n)) {
                Box b = object.box();
                double cx = b.centerX() / stride, cy = b.centerY() / stride;
                int i = Math.clamp((int) Math.floor(cy), 0, gridH - 1), j = Math.clamp((int) Math.floor(cx), 0, gridW - 1);
                double sigma = Math.max(0.6, Math.min(b.width(), b.height()) / stride / 3);
                int base = (n * classes + object.label()) * plane;
                for (int y = 0; y < gridH; y++) {
                    for (int x = 0; x < gridW; x++) {
                        double g = Math.exp(-((y - i) * (y - i) + (x - j) * (x - j)) / (2 * sigma * sigma));
                        heat[base + y * gridW + x] = (float) Math.max(heat[base + y * gridW + x], g);
                    }
                }
                int at = i * gridW + j;
                heat[base + at] = 1;
                offset[n * 2 * plane + at] = (float) (cx - j);
                offset[n * 2 * plane + plane + at] = (float) (cy - i);
                size[n * 2 * plane + at] = (float) (b.width() / stride);
                size[n * 2 * plane + plane + at] = (float) (b.height() / stride);
                mask[n * plane + at] = 1;
            }
        }
        return new Targets(Tensor.of(heat, batch, classes, gridH, gridW), Tensor.of(offset, batch, 2, gridH, gridW),
                Tensor.of(size, batch, 2, gridH, gridW), Tensor.of(mask, batch, 1, gridH, gridW));
    }

    /** The scalar loss of raw maps {@code (N, C + 4, h, w)} against the targets. */
    public Tensor loss(Tensor maps, Targets targets) {
        if (maps.size(1) != classes + 4) {
            throw new IllegalArgumentException("CenterNetLoss: expected maps with " + (classes + 4) + " channels, got " + maps.size(1));
        }
        Tensor logits = maps.narrow(1, 0, classes);
        Tensor y = targets.heatmap().to(maps.dtype());
        Tensor positive = y.eq(1.0).to(maps.dtype());
        Tensor p = logits.sigmoid();
        Tensor logP = F.softplus(logits.neg()).neg();
        Tensor log1mP = F.softplus(logits).neg();
        Tensor positiveTerm = logP.mul(p.neg().add(1).square()).mul(positive);
        Tensor negativeTerm = log1mP.mul(p.square()).mul(y.neg().add(1).pow(4)).mul(positive.neg().add(1));
        double count = Math.max(1, positive.sum().item());
        Tensor focal = positiveTerm.sum().add(negativeTerm.sum()).neg().div(count);
        Tensor mask = targets.mask().to(maps.dtype());
        Tensor offsetL1 = maps.narrow(1, classes, 2).sub(targets.offset().to(maps.dtype())).abs().mul(mask).sum().div(count);
        Tensor sizeL1 = maps.narrow(1, classes + 2, 2).sub(targets.size().to(maps.dtype())).abs().mul(mask).sum().div(count);
        return focal.add(offsetL1).add(sizeL1.mul(0.1));
    }
}
