package jgrad.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;

import org.junit.jupiter.api.Test;

class Im2colTest {

    private final Random random = new Random(41);

    /** Shapes {C, H, W, KH, KW, strideH, strideW, padH, padW}. */
    private static final int[][] SHAPES = {
        {1, 5, 5, 3, 3, 1, 1, 1, 1}, {3, 7, 6, 3, 2, 2, 1, 0, 1}, {2, 4, 4, 1, 1, 1, 1, 0, 0}, {2, 5, 3, 5, 3, 2, 2, 2, 1}};

    @Test
    void im2colThenGemmEqualsDirectConvolution() {
        for (int[] s : SHAPES) {
            int c = s[0], h = s[1], w = s[2], kh = s[3], kw = s[4];
            int outH = Im2col.outputSize(h, kh, s[5], s[7]), outW = Im2col.outputSize(w, kw, s[6], s[8]);
            int outChannels = 4;
            float[] x = GemmProblem.randomArray(random, c * h * w);
            float[] weight = GemmProblem.randomArray(random, outChannels * c * kh * kw);
            float[] cols = new float[c * kh * kw * outH * outW];
            Im2col.im2col(x, 0, c, h, w, kh, kw, s[5], s[6], s[7], s[8], cols, 0);
            float[] viaGemm = new float[outChannels * outH * outW];
            ReferenceGemm.sgemm(false, false, outChannels, outH * outW, c * kh * kw, weight, 0, c * kh * kw,
                    cols, 0, outH * outW, 0f, viaGemm, 0, outH * outW);
            for (int oc = 0; oc < outChannels; oc++) {
                for (int oh = 0; oh < outH; oh++) {
                    for (int ow = 0; ow < outW; ow++) {
                        double direct = 0;
                        for (int ci = 0; ci < c; ci++) {
                            for (int i = 0; i < kh; i++) {
                                for (int j = 0; j < kw; j++) {
                                    int ih = oh * s[5] - s[7] + i, iw = ow * s[6] - s[8] + j;
                                    if (ih >= 0 && ih < h && iw >= 0 && iw < w) {
                                        direct += weight[((oc * c + ci) * kh + i) * kw + j] * x[(ci * h + ih) * w + iw];
                                    }
                                }
                            }
                        }
                        // a float dot product of C·KH·KW ≤ 45 terms of size ~1: 1e-5 absolute.
                        assertThat((double) viaGemm[(oc * outH + oh) * outW + ow]).as("shape %s", java.util.Arrays.toString(s))
                                .isCloseTo(direct, org.assertj.core.data.Offset.offset(1e-5));
                    }
                }
            }
        }
    }

    @Test
    void fastIm2colAndCol2imAreBitwiseEqualToTheReference() {
        // Random shapes, including kernels wider than the padded edge and strides past the last pixel.
        for (int trial = 0; trial < 300; trial++) {
            int c = 1 + random.nextInt(3), h = 1 + random.nextInt(7), w = 1 + random.nextInt(7);
            int kh = 1 + random.nextInt(4), kw = 1 + random.nextInt(4);
            int strideH = 1 + random.nextInt(3), strideW = 1 + random.nextInt(3);
            int padH = random.nextInt(3), padW = random.nextInt(3);
            if (h + 2 * padH < kh || w + 2 * padW < kw) {
                continue;
            }
            String shape = java.util.Arrays.toString(new int[] {c, h, w, kh, kw, strideH, strideW, padH, padW});
            int outH = Im2col.outputSize(h, kh, strideH, padH), outW = Im2col.outputSize(w, kw, strideW, padW);
            float[] x = GemmProblem.randomArray(random, c * h * w + 2);
            float[] fast = GemmProblem.randomArray(random, c * kh * kw * outH * outW + 3);   // stale values must be overwritten
            float[] reference = fast.clone();
            Im2col.im2col(x, 2, c, h, w, kh, kw, strideH, strideW, padH, padW, fast, 3);
            Im2col.im2colReference(x, 2, c, h, w, kh, kw, strideH, strideW, padH, padW, reference, 3);
            assertThat(fast).as("im2col %s", shape).isEqualTo(reference);

            float[] y = GemmProblem.randomArray(random, c * kh * kw * outH * outW + 1);
            float[] fastBack = GemmProblem.randomArray(random, c * h * w + 2);              // col2im accumulates
            float[] referenceBack = fastBack.clone();
            Im2col.col2im(y, 1, c, h, w, kh, kw, strideH, strideW, padH, padW, fastBack, 2);
            Im2col.col2imReference(y, 1, c, h, w, kh, kw, strideH, strideW, padH, padW, referenceBack, 2);
            assertThat(fastBack).as("col2im %s", shape).isEqualTo(referenceBack);
        }
    }

    @Test
    void col2imIsTheAdjointOfIm2col() {
        // <im2col(x), y> = <x, col2im(y)> for all x, y: col2im is exactly the transpose (the conv input gradient).
        for (int[] s : SHAPES) {
            int c = s[0], h = s[1], w = s[2], kh = s[3], kw = s[4];
            int outH = Im2col.outputSize(h, kh, s[5], s[7]), outW = Im2col.outputSize(w, kw, s[6], s[8]);
            float[] x = GemmProblem.randomArray(random, c * h * w);
            float[] y = GemmProblem.randomArray(random, c * kh * kw * outH * outW);
            float[] cols = new float[y.length];
            float[] back = new float[x.length];
            Im2col.im2col(x, 0, c, h, w, kh, kw, s[5], s[6], s[7], s[8], cols, 0);
            Im2col.col2im(y, 0, c, h, w, kh, kw, s[5], s[6], s[7], s[8], back, 0);
            double left = 0, right = 0;
            for (int i = 0; i < y.length; i++) {
                left += (double) cols[i] * y[i];
            }
            for (int i = 0; i < x.length; i++) {
                right += (double) x[i] * back[i];
            }
            // back sums up to KH·KW floats per pixel: relative 1e-5 of the dot product's size.
            assertThat(left).as("shape %s", java.util.Arrays.toString(s)).isCloseTo(right, org.assertj.core.data.Offset.offset(1e-5 * (1 + Math.abs(left))));
        }
    }

    @Test
    void kernelLargerThanPaddedInputIsRejected() {
        assertThatThrownBy(() -> Im2col.outputSize(2, 5, 1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kernel 5");
    }
}
