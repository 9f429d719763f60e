package jgrad.nn.functional;

import jgrad.DType;
import jgrad.Gradcheck;
import jgrad.Tensor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ConvolutionTest {

    @Property(tries = 20)
    void conv2dGradientsMatchFiniteDifferences(@ForAll @IntRange(min = 1, max = 2) int batch,
                                               @ForAll @IntRange(min = 1, max = 2) int groups,
                                               @ForAll @IntRange(min = 1, max = 2) int channelsPerGroup,
                                               @ForAll @IntRange(min = 1, max = 2) int outPerGroup,
                                               @ForAll @IntRange(min = 1, max = 3) int kernel,
                                               @ForAll @IntRange(min = 1, max = 2) int stride,
                                               @ForAll @IntRange(min = 0, max = 2) int padding,
                                               @ForAll @IntRange(min = 1, max = 2) int dilation,
                                               @ForAll boolean withBias,
                                               @ForAll long seed) {
        var random = new SplittableRandom(seed);
        int size = dilation * (kernel - 1) + 1 + random.nextInt(3);     // at least one window fits
        Tensor x = Tensor.randn(random, DType.FLOAT64, batch, groups * channelsPerGroup, size, size + 1);
        Tensor w = Tensor.randn(random, DType.FLOAT64, groups * outPerGroup, channelsPerGroup, kernel, kernel);
        Tensor b = Tensor.randn(random, DType.FLOAT64, groups * outPerGroup);
        int[] s = {stride, stride}, p = {padding, padding}, d = {dilation, dilation};
        Gradcheck.Result result = withBias
                ? Gradcheck.check(in -> F.conv2d(in.get(0), in.get(1), in.get(2), s, p, d, groups), seed, x, w, b)
                : Gradcheck.check(in -> F.conv2d(in.get(0), in.get(1), null, s, p, d, groups), seed, x, w);
        assertThat(result.passed()).as(result.describe()).isTrue();
    }

    @Property(tries = 20)
    void conv2dForwardEqualsTheDefiningSum(@ForAll @IntRange(min = 1, max = 3) int groups,
                                           @ForAll @IntRange(min = 1, max = 3) int kernelH,
                                           @ForAll @IntRange(min = 1, max = 3) int kernelW,
                                           @ForAll @IntRange(min = 1, max = 3) int strideH,
                                           @ForAll @IntRange(min = 0, max = 1) int padW,
                                           @ForAll @IntRange(min = 1, max = 2) int dilationH,
                                           @ForAll long seed) {
        var random = new SplittableRandom(seed);
        int[] stride = {strideH, 1}, padding = {0, padW}, dilation = {dilationH, 1};
        Tensor x = Tensor.randn(random, DType.FLOAT64, 2, groups * 2, 7, 6);
        Tensor w = Tensor.randn(random, DType.FLOAT64, groups * 3, 2, kernelH, kernelW);
        Tensor b = Tensor.randn(random, DType.FLOAT64, groups * 3);
        Tensor y = F.conv2d(x, w, b, stride, padding, dilation, groups);
        double[] expected = directConvolution(x, w, b, stride, padding, dilation, groups, y.shape());
        double[] actual = y.toDoubleArray();
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("output element %d", i).isCloseTo(expected[i], within(1e-12));
        }
    }

    /** y[n][o][h][w] = b[o] + sum over the channels c of o's group and kernel (i, j) of W x, straight from the definition. */
    private static double[] directConvolution(Tensor x, Tensor w, Tensor b, int[] stride, int[] padding, int[] dilation,
                                              int groups, int[] outShape) {
        int batch = outShape[0], outChannels = outShape[1], outH = outShape[2], outW = outShape[3];
        int inPerGroup = w.size(1), outPerGroup = outChannels / groups;
        double[] out = new double[batch * outChannels * outH * outW];
        int at = 0;
        for (int n = 0; n < batch; n++)
            for (int o = 0; o < outChannels; o++)
                for (int h = 0; h < outH; h++)
                    for (int ww = 0; ww < outW; ww++) {
                        double total = b.get(o);
                        for (int c = 0; c < inPerGroup; c++)
                            for (int i = 0; i < w.size(2); i++)
                                for (int j = 0; j < w.size(3); j++) {
                                    int ih = h * stride[0] - padding[0] + i * dilation[0];
                                    int iw = ww * stride[1] - padding[1] + j * dilation[1];
                                    if (ih < 0 || iw < 0 || ih >= x.size(2) || iw >= x.size(3)) continue;
                                    total += w.get(o, c, i, j) * x.get(n, (o / outPerGroup) * inPerGroup + c, ih, iw);
                                }
                        out[at++] = total;
                    }
        return out;
    }

    /**
     * im2col as an op of its own, with a chosen backward: the real col2im, or a broken one that
     * stores instead of adding (the classic bug: a pixel seen by several windows keeps only the last
     * window's gradient). Gradcheck must tell them apart once windows overlap.
     */
    private static Tensor unfold(Tensor x, Windows windows, boolean broken) {
        Tensor cols = Convolution.im2col(x.detach(), windows);
        int[] shape = x.shape();
        return jgrad.Grad.record(cols, "UnfoldBackward", g -> new Tensor[] {
                broken ? storingCol2im(g, windows, shape) : Convolution.col2im(g, windows, shape)}, x);
    }

    private static Tensor storingCol2im(Tensor colsGrad, Windows windows, int[] shape) {
        Tensor cols = colsGrad.contiguous();
        Tensor x = Tensor.zeros(cols.dtype(), shape);
        int batch = shape[0], channels = shape[1], positions = windows.positions();
        for (int c = 0; c < channels; c++)
            for (int k = 0; k < windows.kernelArea(); k++)
                for (int n = 0; n < batch; n++)
                    for (int l = 0; l < positions; l++) {
                        int at = windows.offset(k, l);
                        if (at >= 0) {
                            int column = ((c * windows.kernelArea() + k) * batch + n) * positions + l;
                            x.storage().set((n * channels + c) * windows.planeSize() + at, cols.storage().get(cols.storageOffset() + column));
                        }
                    }
        return x;
    }

    @Test
    void gradcheckCatchesACol2imThatDoesNotAccumulate() {
        Tensor x = Tensor.randn(new SplittableRandom(4), DType.FLOAT64, 1, 2, 4, 4);
        int[] one = {1, 1};
        Windows overlapping = Windows.regular("test", 4, 4, new int[] {3, 3}, one, one, one, false);
        assertThat(Gradcheck.check(in -> unfold(in.get(0), overlapping, false), x).passed()).isTrue();
        Gradcheck.Result broken = Gradcheck.check(in -> unfold(in.get(0), overlapping, true), x);
        assertThat(broken.passed()).as(broken.describe()).isFalse();
        // with stride = kernel no pixel is read twice, so the bug is invisible: why the properties vary the stride
        Windows disjoint = Windows.regular("test", 4, 4, new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0}, one, false);
        assertThat(Gradcheck.check(in -> unfold(in.get(0), disjoint, true), x).passed()).isTrue();
    }

    @Test
    void conv2dOfASmallImageByHand() {
        // x = [[1 2 3], [4 5 6], [7 8 9]], kernel [[1 0], [0 -1]], bias 10:
        // y[0][0] = 1 - 5 + 10 = 6, y[0][1] = 2 - 6 + 10 = 6, y[1][0] = 4 - 8 + 10 = 6, y[1][1] = 5 - 9 + 10 = 6
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3);
        Tensor w = Tensor.of(new double[] {1, 0, 0, -1}, 1, 1, 2, 2);
        Tensor y = F.conv2d(x, w, Tensor.of(new double[] {10}));
        assertThat(y.shape()).containsExactly(1, 1, 2, 2);
        assertThat(y.toDoubleArray()).containsExactly(6, 6, 6, 6);
        // padding 1, stride 2 on the same image: windows at (-1,-1), (-1,1), (1,-1), (1,1)
        // y[0][0] = 0*1 - 1*1 = -1 (only x[0][0] under the -1), y[0][1] = -3, y[1][0] = -7, y[1][1] = 5 - 9 = -4
        Tensor padded = F.conv2d(x, w, null, 2, 1);
        assertThat(padded.toDoubleArray()).containsExactly(-1, -3, -7, -4);
    }

    @Test
    void unbatchedInputGivesUnbatchedOutput() {
        Tensor x = Tensor.randn(DType.FLOAT64, 2, 5, 5);
        Tensor w = Tensor.randn(DType.FLOAT64, 4, 2, 3, 3);
        assertThat(F.conv2d(x, w, null, 1, 1).shape()).containsExactly(4, 5, 5);
    }

    @Test
    void float32ConvolutionAgreesWithFloat64() {
        Tensor x = Tensor.randn(new SplittableRandom(1), DType.FLOAT64, 2, 3, 6, 6);
        Tensor w = Tensor.randn(new SplittableRandom(2), DType.FLOAT64, 4, 3, 3, 3);
        double[] wide = F.conv2d(x, w, null, 1, 1).toDoubleArray();
        double[] narrow = F.conv2d(x.float32(), w.float32(), null, 1, 1).toDoubleArray();
        for (int i = 0; i < wide.length; i++) {
            assertThat(narrow[i]).as("element %d", i).isCloseTo(wide[i], within(1e-4));   // float32 rounding of ~27-term sums
        }
    }

    @Test
    void mismatchedChannelsAreExplained() {
        Tensor x = Tensor.zeros(DType.FLOAT64, 1, 3, 5, 5);
        Tensor w = Tensor.zeros(DType.FLOAT64, 4, 2, 3, 3);
        assertThatThrownBy(() -> F.conv2d(x, w, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conv2d").hasMessageContaining("(1, 3, 5, 5)").hasMessageContaining("(4, 2, 3, 3)");
        Tensor tiny = Tensor.zeros(DType.FLOAT64, 1, 2, 2, 2);
        assertThatThrownBy(() -> F.conv2d(tiny, w, null))
                .hasMessageContaining("smaller than the dilated kernel size 3");
    }
}
