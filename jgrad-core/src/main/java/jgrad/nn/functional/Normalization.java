package jgrad.nn.functional;

import jgrad.Grad;
import jgrad.Shape;
import jgrad.Tensor;

import java.util.Arrays;

/**
 * Batch, layer and group normalisation, composed from tensor ops (mean, var, sub, div), so their
 * backward comes from autograd. Each normalises {@code x̂ = (x - mean) / sqrt(var + eps)} with the
 * biased variance over its own set of dims, then applies an optional per-channel affine
 * {@code y = x̂ * weight + bias}.
 */
final class Normalization {
    private Normalization() {
    }

    /**
     * Batch norm over every dim but the channel dim 1 of {@code x (N, C, *)}. In training the batch
     * statistics are used, and the running ones (when given) are updated in place:
     * {@code running = (1 - momentum) running + momentum * batch}, with the <em>unbiased</em> batch
     * variance as PyTorch does. In evaluation the running statistics are used.
     */
    static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                            boolean training, double momentum, double eps) {
        checkBatchNorm(x, runningMean, runningVar, training);
        int channels = x.size(1);
        int[] dims = new int[x.dim() - 1];
        dims[0] = 0;
        for (int d = 2; d < x.dim(); d++) {
            dims[d - 1] = d;
        }
        int[] channelShape = new int[x.dim()];
        Arrays.fill(channelShape, 1);
        channelShape[1] = channels;
        Tensor mean;
        Tensor var;
        if (training) {
            mean = x.mean(dims, true);
            var = x.var(dims, false, true);
            updateRunningStatistics(runningMean, runningVar, mean.reshape(channels), var.reshape(channels),
                    x.numel() / channels, momentum);
        } else {
            mean = runningMean.reshape(channelShape);
            var = runningVar.reshape(channelShape);
        }
        Tensor normalized = x.sub(mean).div(var.add(eps).sqrt());
        return affine(normalized, weight, bias, channelShape);
    }

    /** The checks every batch norm makes first, the fused one included. */
    static void checkBatchNorm(Tensor x, Tensor runningMean, Tensor runningVar, boolean training) {
        if (x.dim() < 2) {
            throw new IllegalArgumentException("batchNorm: expected input (N, C) or (N, C, *), got " + Shape.format(x.shape()));
        }
        if (training && x.numel() / Math.max(1, x.size(1)) <= 1) {
            throw new IllegalArgumentException("batchNorm: expected more than 1 value per channel when training, got input "
                    + Shape.format(x.shape()));
        }
        if (!training && (runningMean == null || runningVar == null)) {
            throw new IllegalArgumentException("batchNorm: evaluation mode needs running statistics");
        }
    }

    /**
     * {@code running = (1 - momentum) running + momentum * batch} for the mean and for the variance,
     * whose batch value is made unbiased ({@code · count / (count − 1)}) as PyTorch does. Either
     * running tensor may be null (then nothing is tracked).
     */
    static void updateRunningStatistics(Tensor runningMean, Tensor runningVar, Tensor batchMean, Tensor batchVar,
                                        int count, double momentum) {
        if (runningMean == null || runningVar == null) {
            return;
        }
        try (var ignored = Grad.noGrad()) {
            runningMean.mul_(1 - momentum).add_(batchMean.detach(), momentum);
            runningVar.mul_(1 - momentum).add_(batchVar.detach().mul((double) count / (count - 1)), momentum);
        }
    }

    /** Layer norm over the last {@code normalizedShape.length} dims, whose sizes must equal normalizedShape. */
    static Tensor layerNorm(Tensor x, int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        int k = normalizedShape.length;
        int[] tail = x.dim() >= k ? Arrays.copyOfRange(x.shape(), x.dim() - k, x.dim()) : null;
        if (k == 0 || !Arrays.equals(tail, normalizedShape)) {
            throw new IllegalArgumentException("layerNorm: input of shape " + Shape.format(x.shape())
                    + " must end with the normalized shape " + Shape.format(normalizedShape));
        }
        int[] dims = new int[k];
        for (int i = 0; i < k; i++) {
            dims[i] = x.dim() - k + i;
        }
        Tensor normalized = x.sub(x.mean(dims, true)).div(x.var(dims, false, true).add(eps).sqrt());
        return affine(normalized, weight, bias, normalizedShape);
    }

    /** Group norm: channels of {@code x (N, C, *)} split into {@code groups}; statistics per (sample, group). */
    static Tensor groupNorm(Tensor x, int groups, Tensor weight, Tensor bias, double eps) {
        if (x.dim() < 2 || groups <= 0 || x.size(1) % groups != 0) {
            throw new IllegalArgumentException("groupNorm: expected input (N, C, *) with C divisible by groups, got "
                    + Shape.format(x.shape()) + " and groups=" + groups);
        }
        Tensor grouped = x.reshape(x.size(0), groups, -1);                         // (N, G, C/G * spatial)
        Tensor normalized = grouped.sub(grouped.mean(2, true))
                .div(grouped.var(new int[] {2}, false, true).add(eps).sqrt())
                .reshape(x.shape());
        int[] channelShape = new int[x.dim()];
        Arrays.fill(channelShape, 1);
        channelShape[1] = x.size(1);
        return affine(normalized, weight, bias, channelShape);
    }

    private static Tensor affine(Tensor normalized, Tensor weight, Tensor bias, int[] shape) {
        Tensor y = weight == null ? normalized : normalized.mul(weight.reshape(shape));
        return bias == null ? y : y.add(bias.reshape(shape));
    }
}
