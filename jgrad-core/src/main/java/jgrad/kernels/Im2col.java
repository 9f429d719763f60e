package jgrad.kernels;

/**
 * im2col / col2im for 2-D convolution of one image in CHW layout, so that a convolution is one
 * GEMM: {@code out(OC, OH·OW) = weight(OC, C·KH·KW) · cols(C·KH·KW, OH·OW)}.
 *
 * <pre>
 *   OH = (H + 2·padH − KH) / strideH + 1,   OW likewise
 *   cols[(c·KH + kh)·KW + kw][oh·OW + ow] = x[c][oh·strideH − padH + kh][ow·strideW − padW + kw]
 *                                          (0 where that falls in the padding)
 * </pre>
 *
 * {@link #col2im} is the adjoint (the transpose of this linear map): it adds each column entry
 * back onto the pixel it came from, which is the input gradient of the convolution.
 *
 * <p>{@link #im2colReference} and {@link #col2imReference} are the definitions, a bounds test per
 * element. The fast versions work a row segment at a time: for kernel column {@code kw} the output
 * columns whose pixel lies inside the image form one range {@code [owStart, owEnd)} (see
 * {@link #firstInside}), so a row is zeros, one copy (System.arraycopy at stride 1) or one add
 * loop, and zeros again. Same elements in the same order, so the results are bitwise equal to the
 * reference (tested), which the tests also check against a direct convolution and the adjoint
 * identity ⟨im2col(x), y⟩ = ⟨x, col2im(y)⟩.
 */
public final class Im2col {

    private Im2col() {
    }

    /** Output height or width: {@code (size + 2·pad − kernel) / stride + 1}. */
    public static int outputSize(int size, int kernel, int stride, int pad) {
        if (kernel < 1 || stride < 1 || pad < 0 || size + 2 * pad < kernel) {
            throw new IllegalArgumentException("Im2col: kernel " + kernel + ", stride " + stride + ", pad " + pad
                    + " do not fit an input of size " + size);
        }
        return (size + 2 * pad - kernel) / stride + 1;
    }

    /** Fills {@code cols (C·KH·KW, OH·OW)} from {@code x (C, H, W)}; rows of cols are split over threads. */
    public static void im2col(float[] x, int xOffset, int channels, int height, int width,
                              int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
                              float[] cols, int colsOffset) {
        int outH = outputSize(height, kernelH, strideH, padH);
        int outW = outputSize(width, kernelW, strideW, padW);
        int patch = kernelH * kernelW;
        Parallel.forRange(0, channels * patch, Math.max(1, 4096 / Math.max(1, outH * outW)), (from, to) -> {
            for (int row = from; row < to; row++) {
                int c = row / patch;
                int kh = row % patch / kernelW;
                int kw = row % kernelW;
                int owStart = firstInside(kw, strideW, padW, outW);
                int owEnd = Math.max(owStart, endInside(kw, strideW, padW, width, outW));
                int at = colsOffset + row * outH * outW;
                for (int oh = 0; oh < outH; oh++, at += outW) {
                    int h = oh * strideH - padH + kh;
                    if (h < 0 || h >= height) {
                        java.util.Arrays.fill(cols, at, at + outW, 0f);
                        continue;
                    }
                    int source = xOffset + (c * height + h) * width - padW + kw;   // + ow·strideW
                    java.util.Arrays.fill(cols, at, at + owStart, 0f);
                    if (strideW == 1) {
                        System.arraycopy(x, source + owStart, cols, at + owStart, owEnd - owStart);
                    } else {
                        for (int ow = owStart; ow < owEnd; ow++) {
                            cols[at + ow] = x[source + ow * strideW];
                        }
                    }
                    java.util.Arrays.fill(cols, at + owEnd, at + outW, 0f);
                }
            }
        });
    }

    /** Reference for {@link #im2col}: the definition, one bounds test per element. */
    public static void im2colReference(float[] x, int xOffset, int channels, int height, int width,
                                       int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
                                       float[] cols, int colsOffset) {
        int outH = outputSize(height, kernelH, strideH, padH);
        int outW = outputSize(width, kernelW, strideW, padW);
        int patch = kernelH * kernelW;
        for (int row = 0; row < channels * patch; row++) {
            int c = row / patch;
            int kh = row % patch / kernelW;
            int kw = row % kernelW;
            int at = colsOffset + row * outH * outW;
            for (int oh = 0; oh < outH; oh++) {
                int h = oh * strideH - padH + kh;
                for (int ow = 0; ow < outW; ow++) {
                    int w = ow * strideW - padW + kw;
                    boolean inside = h >= 0 && h < height && w >= 0 && w < width;
                    cols[at++] = inside ? x[xOffset + (c * height + h) * width + w] : 0f;
                }
            }
        }
    }

    /**
     * Adds {@code cols (C·KH·KW, OH·OW)} back into {@code x (C, H, W)} (x is accumulated into, not
     * overwritten). Channels are split over threads: a channel's pixels receive only from its own
     * rows, in a fixed order, so the sums are the same for any thread count.
     */
    public static void col2im(float[] cols, int colsOffset, int channels, int height, int width,
                              int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
                              float[] x, int xOffset) {
        int outH = outputSize(height, kernelH, strideH, padH);
        int outW = outputSize(width, kernelW, strideW, padW);
        int patch = kernelH * kernelW;
        Parallel.forRange(0, channels, 1, (from, to) -> {
            for (int c = from; c < to; c++) {
                for (int k = 0; k < patch; k++) {
                    int kh = k / kernelW;
                    int kw = k % kernelW;
                    int owStart = firstInside(kw, strideW, padW, outW);
                    int owEnd = Math.max(owStart, endInside(kw, strideW, padW, width, outW));
                    int at = colsOffset + (c * patch + k) * outH * outW;
                    for (int oh = 0; oh < outH; oh++, at += outW) {
                        int h = oh * strideH - padH + kh;
                        if (h < 0 || h >= height) {
                            continue;
                        }
                        int target = xOffset + (c * height + h) * width - padW + kw;   // + ow·strideW
                        for (int ow = owStart; ow < owEnd; ow++) {
                            x[target + ow * strideW] += cols[at + ow];
                        }
                    }
                }
            }
        });
    }

    /** Reference for {@link #col2im}: the definition, one bounds test per element. */
    public static void col2imReference(float[] cols, int colsOffset, int channels, int height, int width,
                                       int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
                                       float[] x, int xOffset) {
        int outH = outputSize(height, kernelH, strideH, padH);
        int outW = outputSize(width, kernelW, strideW, padW);
        int patch = kernelH * kernelW;
        for (int c = 0; c < channels; c++) {
            for (int k = 0; k < patch; k++) {
                int kh = k / kernelW;
                int kw = k % kernelW;
                int at = colsOffset + (c * patch + k) * outH * outW;
                for (int oh = 0; oh < outH; oh++) {
                    int h = oh * strideH - padH + kh;
                    for (int ow = 0; ow < outW; ow++, at++) {
                        int w = ow * strideW - padW + kw;
                        if (h >= 0 && h < height && w >= 0 && w < width) {
                            x[xOffset + (c * height + h) * width + w] += cols[at];
                        }
                    }
                }
            }
        }
    }

    /** The first output column whose pixel {@code ow·stride − pad + kw} is {@code >= 0}. */
    static int firstInside(int kw, int stride, int pad, int outW) {
        return Math.min(outW, Math.max(0, Math.ceilDiv(pad - kw, stride)));
    }

    /** One past the last output column whose pixel {@code ow·stride − pad + kw} is {@code < width}. */
    static int endInside(int kw, int stride, int pad, int width, int outW) {
        return Math.max(0, Math.min(outW, Math.floorDiv(width - 1 + pad - kw, stride) + 1));
    }
}
