package jgrad.nn.functional;

import jgrad.DType;
import jgrad.Jgrad;
import jgrad.KernelChoice;
import jgrad.Shape;
import jgrad.Tensor;

import java.util.random.RandomGenerator;

/**
 * Layers and losses as plain functions, PyTorch's {@code torch.nn.functional}. The modules in
 * {@code jgrad.nn} hold parameters and call these.
 *
 * <pre>{@code
 * import jgrad.nn.functional.F;
 * Tensor h = F.relu(F.conv2d(images, weight, bias, 1, 1));          // (N, O, H, W)
 * Tensor loss = F.crossEntropy(logits, labels);                        // mean over the batch
 * }</pre>
 *
 * <p>Convolution and pooling have hand-written backward passes ({@link Convolution}, {@link Pooling});
 * everything else is composed from differentiable tensor ops.
 *
 * <p>Where a layer also has a fused float32 op (linear, layer norm, attention, cross-entropy,
 * convolution), its function here is the one door to both: {@link KernelChoice#fastFloat32} picks
 * the fused op under the fast kernels, the composed definition otherwise (and for other dtypes),
 * so a module, this function and the tensor method it composes run the same code.
 */
public final class F {
    private F() {
    }

    /** PyTorch's default {@code ignore_index} for class targets. */
    public static final long DEFAULT_IGNORE_INDEX = -100;

    // ---------------------------------------------------------------------------------------------
    // Linear and convolution
    // ---------------------------------------------------------------------------------------------

    /** {@code y = x W^T + b}: x {@code (*, in)}, weight {@code (out, in)}, bias {@code (out)} or null, y {@code (*, out)}. */
    public static Tensor linear(Tensor input, Tensor weight, Tensor bias) {
        if (weight.dim() != 2 || input.dim() == 0 || input.size(-1) != weight.size(1)) {
            throw new IllegalArgumentException("linear: input " + Shape.format(input.shape()) + " and weight "
                    + Shape.format(weight.shape()) + " do not fit (expected input (*, in) and weight (out, in))");
        }
        boolean biasIsARow = bias == null || (bias.dim() == 1 && bias.size(0) == weight.size(0));
        if (KernelChoice.fastFloat32(input, weight, bias) && biasIsARow) {
            return FusedLinear.linear(input, weight, bias);      // bias inside the GEMM, backward by hand
        }
        Tensor y = input.matmul(weight.t());
        return bias == null ? y : y.add(bias);
    }

    /**
     * 2-D cross-correlation (what deep learning calls convolution):
     * {@code y[n, o, h, w] = b[o] + sum_{c in group(o), i, j} W[o, c, i, j] x[n, c, h s0 - p0 + i d0, w s1 - p1 + j d1]}.
     * Shapes: input {@code (N, C, H, W)} or {@code (C, H, W)}, weight {@code (O, C/groups, kH, kW)},
     * bias {@code (O)} or null; output size {@code floor((H + 2 p - d (k - 1) - 1) / s) + 1} per dim.
     * Stride, padding and dilation are {@code {height, width}} pairs.
     */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups) {
        return Convolution.conv2d(input, weight, bias, pair("conv2d stride", stride), pair("conv2d padding", padding),
                pair("conv2d dilation", dilation), groups);
    }

    /** {@link #conv2d} with the same stride and padding for both dims, no dilation, one group. */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int stride, int padding) {
        return conv2d(input, weight, bias, new int[] {stride, stride}, new int[] {padding, padding}, new int[] {1, 1}, 1);
    }

    /** {@link #conv2d} with stride 1 and no padding. */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias) {
        return conv2d(input, weight, bias, 1, 0);
    }

    /**
     * 2-D transposed convolution, the adjoint of {@link #conv2d} (see {@link TransposedConvolution}):
     * {@code y[n, o, h s - p + i d, w s - p + j d] += x[n, c, h, w] W[c, o, i, j]} summed over the
     * channels {@code c} of {@code o}'s group, plus {@code b[o]}. Shapes: input {@code (N, C, H, W)}
     * or {@code (C, H, W)}, weight {@code (C, O/groups, kH, kW)}, bias {@code (O)} or null; output size
     * {@code (H - 1) s - 2 p + d (k - 1) + outputPadding + 1} per dim. Every option is a
     * {@code {height, width}} pair (or one value for both).
     */
    public static Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding,
                                         int[] outputPadding, int groups, int[] dilation) {
        return TransposedConvolution.convTranspose2d(input, weight, bias, pair("convTranspose2d stride", stride),
                pair("convTranspose2d padding", padding), pair("convTranspose2d outputPadding", outputPadding),
                pair("convTranspose2d dilation", dilation), groups);
    }

    /** {@link #convTranspose2d} with the same stride and padding for both dims, no output padding or dilation, one group. */
    public static Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias, int stride, int padding) {
        return convTranspose2d(input, weight, bias, new int[] {stride}, new int[] {padding}, new int[] {0}, 1, new int[] {1});
    }

    // ---------------------------------------------------------------------------------------------
    // Resizing
    // ---------------------------------------------------------------------------------------------

    /**
     * Resizes {@code (N, C, H, W)} images to {@code (N, C, outH, outW)} with {@code mode} "nearest" or
     * "bilinear" (PyTorch's {@code F.interpolate(x, size=(outH, outW), mode, align_corners)}; the
     * source coordinates are in {@link Interpolation}). {@code alignCorners} must be false for nearest.
     */
    public static Tensor interpolate(Tensor input, int outH, int outW, String mode, boolean alignCorners) {
        return Interpolation.interpolate(input, outH, outW, Double.NaN, Double.NaN, mode, alignCorners);
    }

    /**
     * Resizes by a scale factor: output size {@code floor(in * scaleFactor)} per dim, and the source
     * coordinates use {@code 1 / scaleFactor} (PyTorch's {@code scale_factor} with
     * {@code recompute_scale_factor} unset).
     */
    public static Tensor interpolate(Tensor input, double scaleFactor, String mode, boolean alignCorners) {
        if (input.dim() != 4) {
            throw new IllegalArgumentException("interpolate: expected an (N, C, H, W) input, got " + Shape.format(input.shape()));
        }
        return Interpolation.interpolate(input, Interpolation.scaledSize(input.size(2), scaleFactor),
                Interpolation.scaledSize(input.size(3), scaleFactor), scaleFactor, scaleFactor, mode, alignCorners);
    }

    /**
     * 1-D cross-correlation over a sequence, PyTorch's {@code conv1d}:
     * {@code y[n, o, t] = b[o] + sum_{c in group(o), k} W[o, c, k] x[n, c, t s - p + k d]}.
     * Shapes: input {@code (N, C, L)} or {@code (C, L)}, weight {@code (O, C/groups, K)}, bias {@code (O)}
     * or null; output {@code (N, O, Lo)} with {@code Lo = floor((L + 2 p - d (K - 1) - 1) / s) + 1}.
     *
     * <p>Computed as {@link #conv2d} on a height-1 image {@code (N, C, 1, L)} with a {@code (1, K)}
     * kernel, so it shares conv2d's kernels and backward.
     */
    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias, int stride, int padding, int dilation, int groups) {
        Tensor batched = sequenceBatch("conv1d", input);
        ConvolutionChecks.checkConvolution("conv1d", 1, batched, weight, bias, groups);   // in 1-D words, before conv2d's
        Tensor y = conv2d(batched.unsqueeze(2), weight.unsqueeze(2), bias, new int[] {1, stride}, new int[] {0, padding},
                new int[] {1, dilation}, groups).squeeze(2);
        return input.dim() == 2 ? y.squeeze(0) : y;
    }

    /** {@link #conv1d} with stride 1, no padding, no dilation, one group. */
    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias) {
        return conv1d(input, weight, bias, 1, 0, 1, 1);
    }

    /** {@code (N, C, L)} as is, {@code (C, L)} as a batch of one; anything else is an error naming {@code op}. */
    private static Tensor sequenceBatch(String op, Tensor input) {
        if (input.dim() == 3) return input;
        if (input.dim() == 2) return input.unsqueeze(0);
        throw new IllegalArgumentException(op + ": input must be (N, C, L) or (C, L), got " + Shape.format(input.shape()));
    }

    // ---------------------------------------------------------------------------------------------
    // Pooling
    // ---------------------------------------------------------------------------------------------

    /**
     * Max over each window: {@code y[n, c, h, w] = max_{i, j} x[n, c, h s0 - p0 + i d0, w s1 - p1 + j d1]},
     * padding never chosen. The gradient goes to the first maximum of each window; with overlapping
     * windows an input collects the gradient of every window it wins.
     */
    public static Tensor maxPool2d(Tensor input, int[] kernelSize, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
        return Pooling.maxPool2d(input, pair("maxPool2d kernelSize", kernelSize), pair("maxPool2d stride", stride),
                pair("maxPool2d padding", padding), pair("maxPool2d dilation", dilation), ceilMode);
    }

    /** Square windows of {@code kernelSize}, stride {@code stride}, no padding. */
    public static Tensor maxPool2d(Tensor input, int kernelSize, int stride) {
        return maxPool2d(input, new int[] {kernelSize, kernelSize}, new int[] {stride, stride}, new int[] {0, 0},
                new int[] {1, 1}, false);
    }

    /** Non-overlapping square windows (stride = kernel size, PyTorch's default). */
    public static Tensor maxPool2d(Tensor input, int kernelSize) {
        return maxPool2d(input, kernelSize, kernelSize);
    }

    /**
     * PyTorch's keyword form, {@code F.max_pool2d(input, kernel_size, **options)}:
     * {@code F.maxPool2d(x, 3, F.poolOptions().stride(2).padding(1))} (see {@link PoolOptions}).
     */
    public static Tensor maxPool2d(Tensor input, int kernelSize, PoolOptions options) {
        int[] kernel = {kernelSize, kernelSize};
        options.forMax("maxPool2d");
        return maxPool2d(input, kernel, options.strideOr(kernel), options.padding(), options.dilation(), options.ceilMode());
    }

    /** PyTorch's pooling defaults: stride = kernel size, no padding, dilation 1, floor, count padding. */
    public static PoolOptions poolOptions() {
        return new PoolOptions(0, 0, 0, 0, 1, 1, false, true, 0);
    }

    /**
     * Mean over each window. The divisor is the window's area clipped to the padded input when
     * {@code countIncludePad} (PyTorch's default), else the number of real pixels;
     * {@code divisorOverride > 0} replaces it.
     */
    public static Tensor avgPool2d(Tensor input, int[] kernelSize, int[] stride, int[] padding, boolean ceilMode,
                                   boolean countIncludePad, int divisorOverride) {
        return Pooling.avgPool2d(input, pair("avgPool2d kernelSize", kernelSize), pair("avgPool2d stride", stride),
                pair("avgPool2d padding", padding), ceilMode, countIncludePad, divisorOverride);
    }

    public static Tensor avgPool2d(Tensor input, int kernelSize, int stride) {
        return avgPool2d(input, new int[] {kernelSize, kernelSize}, new int[] {stride, stride}, new int[] {0, 0},
                false, true, 0);
    }

    public static Tensor avgPool2d(Tensor input, int kernelSize) {
        return avgPool2d(input, kernelSize, kernelSize);
    }

    /** PyTorch's keyword form, {@code F.avg_pool2d(input, kernel_size, **options)} (see {@link PoolOptions}). */
    public static Tensor avgPool2d(Tensor input, int kernelSize, PoolOptions options) {
        int[] kernel = {kernelSize, kernelSize};
        options.forAvg("avgPool2d");
        return avgPool2d(input, kernel, options.strideOr(kernel), options.padding(), options.ceilMode(),
                options.countIncludePad(), options.divisorOverride());
    }

    /**
     * Mean over adaptive windows that tile the input into {@code (outH, outW)} cells: cell {@code o}
     * of a dim covers {@code [floor(o in / out), ceil((o + 1) in / out))}.
     */
    public static Tensor adaptiveAvgPool2d(Tensor input, int outH, int outW) {
        return Pooling.adaptiveAvgPool2d(input, outH, outW);
    }

    /**
     * Max over windows along the last dim of {@code (N, C, L)} or {@code (C, L)}:
     * {@code y[n, c, t] = max_k x[n, c, t s - p + k d]}, as {@link #maxPool2d} with {@code (1, K)} windows.
     * For max-over-time pooling of a whole sequence use {@code x.max(-1, false).values()}.
     */
    public static Tensor maxPool1d(Tensor input, int kernelSize, int stride, int padding, int dilation, boolean ceilMode) {
        Tensor batched = sequenceBatch("maxPool1d", input);
        Tensor y = maxPool2d(batched.unsqueeze(2), new int[] {1, kernelSize}, new int[] {1, stride}, new int[] {0, padding},
                new int[] {1, dilation}, ceilMode).squeeze(2);
        return input.dim() == 2 ? y.squeeze(0) : y;
    }

    /** Non-overlapping windows (stride = kernel size, PyTorch's default), no padding. */
    public static Tensor maxPool1d(Tensor input, int kernelSize) {
        return maxPool1d(input, kernelSize, kernelSize, 0, 1, false);
    }

    /** PyTorch's keyword form, {@code F.max_pool1d(input, kernel_size, **options)} (see {@link PoolOptions}). */
    public static Tensor maxPool1d(Tensor input, int kernelSize, PoolOptions options) {
        options.forMax("maxPool1d").for1d("maxPool1d");
        int stride = options.strideOr(new int[] {kernelSize, kernelSize})[1];
        return maxPool1d(input, kernelSize, stride, options.paddingW(), options.dilationW(), options.ceilMode());
    }

    /**
     * Mean over windows along the last dim of {@code (N, C, L)} or {@code (C, L)}, as {@link #avgPool2d}
     * with {@code (1, K)} windows; {@code countIncludePad} counts padded zeros in the divisor (PyTorch's default).
     */
    public static Tensor avgPool1d(Tensor input, int kernelSize, int stride, int padding, boolean ceilMode,
                                   boolean countIncludePad) {
        Tensor batched = sequenceBatch("avgPool1d", input);
        Tensor y = avgPool2d(batched.unsqueeze(2), new int[] {1, kernelSize}, new int[] {1, stride}, new int[] {0, padding},
                ceilMode, countIncludePad, 0).squeeze(2);
        return input.dim() == 2 ? y.squeeze(0) : y;
    }

    /** Non-overlapping windows (stride = kernel size), no padding. */
    public static Tensor avgPool1d(Tensor input, int kernelSize) {
        return avgPool1d(input, kernelSize, kernelSize, 0, false, true);
    }

    /**
     * PyTorch's keyword form, {@code F.avg_pool1d(input, kernel_size, **options)} (see {@link PoolOptions});
     * {@code divisorOverride} is a 2d-only keyword in PyTorch and is refused here.
     */
    public static Tensor avgPool1d(Tensor input, int kernelSize, PoolOptions options) {
        options.forAvg("avgPool1d").for1d("avgPool1d");
        int stride = options.strideOr(new int[] {kernelSize, kernelSize})[1];
        return avgPool1d(input, kernelSize, stride, options.paddingW(), options.ceilMode(), options.countIncludePad());
    }

    // ---------------------------------------------------------------------------------------------
    // Normalisation, dropout, embedding
    // ---------------------------------------------------------------------------------------------

    /**
     * {@code y = (x - E[x]) / sqrt(Var[x] + eps) * weight + bias} per channel of {@code x (N, C, *)}.
     * In training the batch statistics are used (biased variance) and {@code runningMean}/{@code runningVar}
     * (shape {@code (C)}, may be null) are updated in place by
     * {@code running = (1 - momentum) running + momentum * batch}, with the unbiased variance.
     * In evaluation the running statistics are used. weight and bias may be null.
     */
    public static Tensor batchNorm(Tensor input, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                   boolean training, double momentum, double eps) {
        if (KernelChoice.fastFloat32(input, runningMean, runningVar, weight, bias)
                && FusedBatchNorm.covers(input, runningMean, runningVar, weight, bias)) {
            return FusedBatchNorm.batchNorm(input, runningMean, runningVar, weight, bias, training, momentum, eps);   // hand-written backward
        }
        return Normalization.batchNorm(input, runningMean, runningVar, weight, bias, training, momentum, eps);
    }

    /** {@code y = (x - E[x]) / sqrt(Var[x] + eps) * weight + bias} over the last dims, which must equal {@code normalizedShape}. */
    public static Tensor layerNorm(Tensor input, int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        if (KernelChoice.fastFloat32(input, weight, bias) && FusedLayerNorm.covers(input, normalizedShape, weight, bias)) {
            return FusedLayerNorm.layerNorm(input, weight, bias, eps);   // hand-written backward, same math
        }
        return Normalization.layerNorm(input, normalizedShape, weight, bias, eps);
    }

    /** Normalises each of {@code numGroups} channel groups of each sample of {@code x (N, C, *)}, then a per-channel affine. */
    public static Tensor groupNorm(Tensor input, int numGroups, Tensor weight, Tensor bias, double eps) {
        return Normalization.groupNorm(input, numGroups, weight, bias, eps);
    }

    /**
     * Inverted dropout: in training each element is zeroed with probability {@code p} and the rest
     * are scaled by {@code 1 / (1 - p)}, so the expected value is unchanged and evaluation needs no
     * rescaling. Not training: the input itself.
     */
    public static Tensor dropout(Tensor input, double p, boolean training, RandomGenerator generator) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("dropout: probability must be in [0, 1], got " + p);
        }
        if (!training || p == 0) {
            return input;
        }
        if (p == 1) {
            return input.mul(0.0);
        }
        Tensor keep = Tensor.rand(generator, input.dtype(), input.shape()).ge(p);   // kept with probability 1 - p
        return input.mul(keep.to(input.dtype()).mul(1.0 / (1 - p)));
    }

    /** {@link #dropout(Tensor, double, boolean, RandomGenerator)} with the global generator. */
    public static Tensor dropout(Tensor input, double p, boolean training) {
        return dropout(input, p, training, Jgrad.generator());
    }

    /**
     * Rows of {@code weight (num, dim)} picked by the int64 {@code input} of any shape: output
     * {@code input.shape + (dim)}. The row {@code paddingIdx} (if >= 0) gets no gradient.
     */
    public static Tensor embedding(Tensor input, Tensor weight, int paddingIdx) {
        if (input.dtype() != DType.INT64 || weight.dim() != 2) {
            throw new IllegalArgumentException("embedding: expected int64 indices and a (num, dim) weight, got "
                    + input.dtype() + " indices and weight " + Shape.format(weight.shape()));
        }
        int num = weight.size(0);
        long[] indices = input.toLongArray();
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= num) {
                throw new IndexOutOfBoundsException("embedding: index " + indices[i] + " at flat position " + i
                        + " is out of range for " + num + " embeddings");
            }
        }
        int[] shape = java.util.Arrays.copyOf(input.shape(), input.dim() + 1);
        shape[input.dim()] = weight.size(1);
        Tensor rows = weight.indexSelect(0, Tensor.of(indices));                                      // (N, dim)
        if (paddingIdx >= 0) {
            // Only the looked-up rows are masked, O(N dim) rather than the whole (num, dim) table: rows of
            // the padding index keep their values but pass no gradient back, as PyTorch's padding_idx.
            boolean[] isPadding = new boolean[indices.length];
            for (int i = 0; i < indices.length; i++) isPadding[i] = indices[i] == paddingIdx;
            rows = Tensor.where(Tensor.of(isPadding, indices.length, 1), rows.detach(), rows);
        }
        return rows.reshape(shape);
    }

    public static Tensor embedding(Tensor input, Tensor weight) {
        return embedding(input, weight, -1);
    }

    // ---------------------------------------------------------------------------------------------
    // Activations
    // ---------------------------------------------------------------------------------------------

    public static Tensor relu(Tensor input) { return input.relu(); }
    /** Exact (erf) GELU, {@link Tensor#gelu()}. */
    public static Tensor gelu(Tensor input) { return input.gelu(); }

    /**
     * PyTorch's {@code F.gelu(input, approximate=...)}: {@code "none"} is {@code x Phi(x)}, {@code "tanh"} is
     * {@code x/2 (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}; the same op as {@link Tensor#gelu(String)} and
     * {@link jgrad.nn.GELU}.
     */
    public static Tensor gelu(Tensor input, String approximate) { return input.gelu(approximate); }
    /**
     * {@code y = x} where {@code x > 0}, else {@code negativeSlope x}; the gradient is 1 or
     * {@code negativeSlope} by the same test (PyTorch's: the slope at {@code x = 0}).
     */
    public static Tensor leakyRelu(Tensor input, double negativeSlope) {
        return Tensor.where(input.gt(0.0), input, input.mul(negativeSlope));
    }

    /** {@link #leakyRelu(Tensor, double)} with PyTorch's default slope 0.01. */
    public static Tensor leakyRelu(Tensor input) {
        return leakyRelu(input, 0.01);
    }
    public static Tensor tanh(Tensor input) { return input.tanh(); }
    public static Tensor sigmoid(Tensor input) { return input.sigmoid(); }
    public static Tensor softmax(Tensor input, int dim) { return input.softmax(dim); }
    public static Tensor logSoftmax(Tensor input, int dim) { return input.logSoftmax(dim); }

    /** {@code log(1 + exp(beta x)) / beta}, linear where {@code beta x > threshold} (PyTorch: beta 1, threshold 20). */
    public static Tensor softplus(Tensor input, double beta, double threshold) {
        return Activations.softplus(input, beta, threshold);
    }

    public static Tensor softplus(Tensor input) {
        return softplus(input, 1.0, 20.0);
    }

    // ---------------------------------------------------------------------------------------------
    // Attention
    // ---------------------------------------------------------------------------------------------

    /**
     * Attention with a bool mask where {@code true} means the query <em>may attend</em> to that key
     * (PyTorch's {@code scaled_dot_product_attention} convention, the opposite of
     * {@link jgrad.nn.MultiheadAttention}'s, where {@code true} is blocked; {@link AttentionMask} converts).
     * Computes {@code softmax(Q K^T / sqrt(E) + M) V}: q {@code (*, L, E)}, k {@code (*, S, E)},
     * v {@code (*, S, Ev)}, output {@code (*, L, Ev)}. {@code mayAttendMask} (broadcastable to
     * {@code (*, L, S)}, or null) is bool, {@code true} where the pair takes part, or float, added to the
     * scores. {@code isCausal} forbids attending to later positions. Dropout with {@code dropoutP} acts on
     * the attention weights. See {@link Attention} for the equations.
     *
     * <pre>{@code
     * Tensor y = F.scaledDotProductAttention(q, k, v, null, 0.0, true, generator);   // causal self-attention
     * }</pre>
     *
     * @param mayAttendMask PyTorch's {@code attn_mask}: bool true = may attend, or float added; may be null
     */
    public static Tensor scaledDotProductAttention(Tensor q, Tensor k, Tensor v, Tensor mayAttendMask, double dropoutP,
                                                   boolean isCausal, RandomGenerator generator) {
        if (isCausal && mayAttendMask != null) {
            throw new IllegalArgumentException("scaledDotProductAttention: give either attnMask or isCausal, not both (as PyTorch)");
        }
        Tensor additive = Attention.additive(mayAttendMask, "scaledDotProductAttention: attnMask", false, q.dtype());
        if (additive != null) {
            requireMaskFitsScores(mayAttendMask, q, k);
        }
        if (KernelChoice.fastFloat32(q, k, v) && dropoutP == 0 && FusedAttention.covers(q, k, v)
                && FusedAttention.coversMask(additive, q, k)) {
            return FusedAttention.attention(q, k, v, additive, isCausal);
        }
        return Attention.scaledDotProduct(q, k, v, additive, dropoutP, isCausal, Double.NaN, generator).output();
    }

    /** {@link #scaledDotProductAttention} with the global generator. */
    public static Tensor scaledDotProductAttention(Tensor q, Tensor k, Tensor v, Tensor mayAttendMask, double dropoutP,
                                                   boolean isCausal) {
        return scaledDotProductAttention(q, k, v, mayAttendMask, dropoutP, isCausal, Jgrad.generator());
    }

    /**
     * {@link #scaledDotProductAttention} with a mask that carries its convention: built by
     * {@link AttentionMask#mayAttend} or {@link AttentionMask#blocked}, it cannot be read the wrong way round.
     */
    public static Tensor scaledDotProductAttention(Tensor q, Tensor k, Tensor v, AttentionMask mask, double dropoutP,
                                                   RandomGenerator generator) {
        return scaledDotProductAttention(q, k, v, mask.mayAttendMask(), dropoutP, false, generator);
    }

    /** The mask must broadcast to the scores {@code (*, L, S)}; say so with the convention, before any product. */
    private static void requireMaskFitsScores(Tensor mask, Tensor q, Tensor k) {
        int[] scores = new int[Math.max(q.dim(), k.dim())];
        for (int d = 0; d < scores.length; d++) {
            scores[d] = d == scores.length - 1 ? k.size(-2) : d == scores.length - 2 ? q.size(-2)
                    : Math.max(sizeFromEnd(q, scores.length - d), sizeFromEnd(k, scores.length - d));
        }
        boolean fits = mask.dim() <= scores.length;
        for (int d = 1; fits && d <= mask.dim(); d++) {
            int size = mask.size(-d);
            fits = size == 1 || size == scores[scores.length - d];
        }
        if (!fits) {
            throw new IllegalArgumentException("scaledDotProductAttention: attnMask (" + Attention.MAY_ATTEND + ") has shape "
                    + Shape.format(mask.shape()) + ", which does not broadcast to the scores (*, L, S) = " + Shape.format(scores));
        }
    }

    private static int sizeFromEnd(Tensor t, int fromEnd) {
        return fromEnd <= t.dim() ? t.size(-fromEnd) : 1;
    }

    // ---------------------------------------------------------------------------------------------
    // Losses
    // ---------------------------------------------------------------------------------------------

    /**
     * Cross-entropy of raw scores {@code input (N, C)}, {@code (C)} or {@code (N, C, d1, ...)}.
     * <ul>
     *   <li>int64 {@code target} of class indices {@code (N)} / {@code ()} / {@code (N, d1, ...)}:
     *       {@code l_n = -w_{y_n} log softmax(x_n)_{y_n}}; targets equal to {@code ignoreIndex} count
     *       for nothing, and MEAN divides by {@code sum_n w_{y_n}} over the others.</li>
     *   <li>floating {@code target} of probabilities with the input's shape:
     *       {@code l_n = -sum_c w_c y_{n,c} log softmax(x_n)_c}; MEAN divides by the number of rows.</li>
     * </ul>
     * Label smoothing {@code s} mixes the target with the uniform distribution: {@code (1 - s) y + s / C}.
     *
     * @param weight per-class weights {@code (C)}, or null
     */
    public static Tensor crossEntropy(Tensor input, Tensor target, Tensor weight, long ignoreIndex,
                                      Reduction reduction, double labelSmoothing) {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException("crossEntropy: labelSmoothing must be in [0, 1], got " + labelSmoothing);
        }
        boolean plain = weight == null && labelSmoothing == 0 && (reduction == Reduction.MEAN || reduction == Reduction.SUM);
        if (KernelChoice.fastFloat32(input) && plain && FusedCrossEntropy.covers(input, target)) {
            return FusedCrossEntropy.crossEntropy(input, target, ignoreIndex, reduction);   // fused softmax + loss
        }
        if (target.dtype().isFloatingPoint()) {
            return Losses.crossEntropyProbabilities(input, target, weight, reduction, labelSmoothing);
        }
        return Losses.crossEntropyIndices(input, target, weight, ignoreIndex, reduction, labelSmoothing);
    }

    public static Tensor crossEntropy(Tensor input, Tensor target, Reduction reduction) {
        return crossEntropy(input, target, null, DEFAULT_IGNORE_INDEX, reduction, 0.0);
    }

    /**
     * PyTorch's keyword form, {@code F.cross_entropy(input, target, **options)}:
     * {@code F.crossEntropy(logits, target, F.crossEntropyOptions().labelSmoothing(0.1))}
     * (see {@link CrossEntropyOptions}).
     */
    public static Tensor crossEntropy(Tensor input, Tensor target, CrossEntropyOptions options) {
        return crossEntropy(input, target, options.weight(), options.ignoreIndex(), options.reduction(), options.labelSmoothing());
    }

    /** PyTorch's defaults: no class weights, ignore index -100, mean, no label smoothing. */
    public static CrossEntropyOptions crossEntropyOptions() {
        return new CrossEntropyOptions(null, DEFAULT_IGNORE_INDEX, Reduction.MEAN, 0.0);
    }

    /** Mean cross-entropy of scores against class indices (or probabilities). */
    public static Tensor crossEntropy(Tensor input, Tensor target) {
        return crossEntropy(input, target, Reduction.MEAN);
    }

    /**
     * Negative log-likelihood of log-probabilities {@code input} at class-index targets:
     * {@code l_n = -w_{y_n} input[n, y_n]}; same shapes, ignoreIndex and MEAN rule as crossEntropy.
     */
    public static Tensor nllLoss(Tensor input, Tensor target, Tensor weight, long ignoreIndex, Reduction reduction) {
        return Losses.nllLoss(input, target, weight, ignoreIndex, reduction);
    }

    public static Tensor nllLoss(Tensor input, Tensor target) {
        return nllLoss(input, target, null, DEFAULT_IGNORE_INDEX, Reduction.MEAN);
    }

    /** {@code l = (x - y)^2} elementwise, then reduced (input and target of equal shape). */
    public static Tensor mseLoss(Tensor input, Tensor target, Reduction reduction) {
        return Losses.mseLoss(input, target, reduction);
    }

    public static Tensor mseLoss(Tensor input, Tensor target) {
        return mseLoss(input, target, Reduction.MEAN);
    }

    /** {@code l = |x - y|} elementwise, then reduced. */
    public static Tensor l1Loss(Tensor input, Tensor target, Reduction reduction) {
        return Losses.l1Loss(input, target, reduction);
    }

    public static Tensor l1Loss(Tensor input, Tensor target) {
        return l1Loss(input, target, Reduction.MEAN);
    }

    /** Huber loss (PyTorch's {@code huber_loss}): quadratic for {@code |x - y| < delta}, linear beyond; then reduced. */
    public static Tensor huberLoss(Tensor input, Tensor target, Reduction reduction, double delta) {
        return Losses.huberLoss(input, target, reduction, delta);
    }

    /** Huber loss with {@code delta = 1}, averaged: the DQN loss. */
    public static Tensor huberLoss(Tensor input, Tensor target) {
        return huberLoss(input, target, Reduction.MEAN, 1.0);
    }

    /** {@code l = -w (y log x + (1 - y) log(1 - x))} for probabilities x in [0, 1]; logs clamped at -100. */
    public static Tensor binaryCrossEntropy(Tensor input, Tensor target, Tensor weight, Reduction reduction) {
        return Losses.binaryCrossEntropy(input, target, weight, reduction);
    }

    public static Tensor binaryCrossEntropy(Tensor input, Tensor target) {
        return binaryCrossEntropy(input, target, null, Reduction.MEAN);
    }

    /**
     * {@code l = -w (p y log sigmoid(x) + (1 - y) log(1 - sigmoid(x)))} for logits x, computed stably;
     * {@code posWeight} p (broadcast over the last dim, or null) weighs the positive class.
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target, Tensor weight, Tensor posWeight,
                                                      Reduction reduction) {
        return Losses.binaryCrossEntropyWithLogits(input, target, weight, posWeight, reduction);
    }

    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target) {
        return binaryCrossEntropyWithLogits(input, target, null, null, Reduction.MEAN);
    }

    /**
     * KL divergence {@code l = p (log p - input)} with {@code input} = log q and {@code target} = p
     * (or log p when {@code logTarget}); 0 where p = 0. Use {@link Reduction#BATCHMEAN} for the true
     * KL per sample; MEAN (PyTorch's default) averages over every element.
     */
    public static Tensor klDiv(Tensor input, Tensor target, Reduction reduction, boolean logTarget) {
        return Losses.klDiv(input, target, reduction, logTarget);
    }

    public static Tensor klDiv(Tensor input, Tensor target) {
        return klDiv(input, target, Reduction.MEAN, false);
    }

    // ---------------------------------------------------------------------------------------------

    private static int[] pair(String what, int[] values) {
        if (values.length == 1) {
            return new int[] {values[0], values[0]};
        }
        if (values.length != 2) {
            throw new IllegalArgumentException(what + ": expected 1 or 2 values, got " + values.length);
        }
        return values.clone();
    }
}
