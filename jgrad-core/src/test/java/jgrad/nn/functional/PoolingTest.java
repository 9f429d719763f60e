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
import static org.assertj.core.api.Assertions.within;

class PoolingTest {

    /**
     * Distinct values at least 0.1 apart in random order, so that no two pixels of a window are
     * within the finite-difference step of each other (a max must not switch during the check).
     */
    private static Tensor distinctValues(SplittableRandom random, int... shape) {
        int n = jgrad.Shape.numel(shape);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) values[i] = 0.1 * i - 0.05 * n;
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            double t = values[i]; values[i] = values[j]; values[j] = t;
        }
        return Tensor.of(values, shape);
    }

    @Property(tries = 20)
    void maxPoolGradientsMatchWithOverlappingWindows(@ForAll @IntRange(min = 2, max = 3) int kernel,
                                                     @ForAll @IntRange(min = 1, max = 2) int stride,
                                                     @ForAll @IntRange(min = 0, max = 1) int padding,
                                                     @ForAll @IntRange(min = 1, max = 2) int dilation,
                                                     @ForAll boolean ceilMode,
                                                     @ForAll long seed) {
        var random = new SplittableRandom(seed);
        int size = dilation * (kernel - 1) + 1 + random.nextInt(4);
        Tensor x = distinctValues(random, 2, 2, size, size + 1);
        int[] k = {kernel, kernel}, s = {stride, stride}, p = {padding, padding}, d = {dilation, dilation};
        Gradcheck.Result result = Gradcheck.check(in -> F.maxPool2d(in.get(0), k, s, p, d, ceilMode), seed, x);
        assertThat(result.passed()).as(result.describe()).isTrue();
    }

    /**
     * float32 takes the array loop, float64 the reference loop: the same winners, so exactly the same
     * outputs; gradients agree up to float32 rounding (overlapping windows add in float vs double).
     */
    @Property(tries = 30)
    void float32MaxPoolAgreesWithTheFloat64Reference(@ForAll @IntRange(min = 1, max = 3) int kernel,
                                                     @ForAll @IntRange(min = 1, max = 3) int stride,
                                                     @ForAll @IntRange(min = 0, max = 1) int padding,
                                                     @ForAll @IntRange(min = 1, max = 2) int dilation,
                                                     @ForAll boolean ceilMode,
                                                     @ForAll @IntRange(min = 0, max = 2) int special,
                                                     @ForAll long seed) {
        var random = new SplittableRandom(seed);
        int size = dilation * (kernel - 1) + 1 + random.nextInt(5);
        Tensor x64 = distinctValues(random, 3, 2, size, size + 2);
        if (special == 1) {   // a NaN wins its windows, the first NaN of a window when there are two
            x64.set(Double.NaN, 1, 0, 0, 1);
            x64.set(Double.NaN, 1, 0, 0, 2);
        } else if (special == 2) {   // ties of infinities: the first one wins
            x64.set(Double.POSITIVE_INFINITY, 1, 0, 0, 1);
            x64.set(Double.POSITIVE_INFINITY, 1, 0, 0, 2);
            x64.set(Double.NEGATIVE_INFINITY, 2, 1, 0, 0);
        }
        x64.requiresGrad(true);
        Tensor x32 = x64.detach().float32().requiresGrad(true);
        int[] k = {kernel, kernel}, s = {stride, stride}, p = {Math.min(padding, kernel / 2), Math.min(padding, kernel / 2)};
        int[] d = {dilation, dilation};
        Tensor y64 = F.maxPool2d(x64, k, s, p, d, ceilMode);
        Tensor y32 = F.maxPool2d(x32, k, s, p, d, ceilMode);
        Tensor upstream = Tensor.randn(random, DType.FLOAT64, y64.shape());
        y64.backward(upstream);
        y32.backward(upstream.float32());
        assertThat(y32.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(y32.toDoubleArray()).as("output").containsExactly(y64.float32().toDoubleArray());
        FastConvolutionTest.assertClose("input gradient", x32.grad(), x64.grad());
    }

    /**
     * The vectorised 2x2 / stride 2 path against the float64 reference loop, on planes big enough
     * for several whole vectors plus a tail, odd sizes included (the last row and column are
     * dropped). Values from {0, 1, 2} make most windows ties, which the first tap must win; a
     * NaN and infinities send their vectors to the exact loop. Windows do not overlap, so the
     * gradient is dy moved to each winner: equal in both dtypes when the winners are.
     */
    @Property(tries = 30)
    void maxPool2x2AgreesWithTheReferenceOnTiesAndSpecialValues(@ForAll @IntRange(min = 10, max = 31) int height,
                                                               @ForAll @IntRange(min = 10, max = 31) int width,
                                                               @ForAll @IntRange(min = 0, max = 2) int special,
                                                               @ForAll long seed) {
        var random = new SplittableRandom(seed);
        Tensor x64 = Tensor.zeros(DType.FLOAT64, 2, 3, height, width);
        for (int i = 0; i < x64.numel(); i++) {
            x64.set((double) random.nextInt(3), i / (3 * height * width), i / (height * width) % 3, i / width % height, i % width);
        }
        if (special == 1) {
            x64.set(Double.NaN, 1, 2, 3, 4);
        } else if (special == 2) {
            x64.set(Double.POSITIVE_INFINITY, 0, 1, 2, 2);
            x64.set(Double.NEGATIVE_INFINITY, 0, 1, 2, 3);
        }
        x64.requiresGrad(true);
        Tensor x32 = x64.detach().float32().requiresGrad(true);
        int[] two = {2, 2}, none = {0, 0}, one = {1, 1};
        Tensor y64 = F.maxPool2d(x64, two, two, none, one, false);
        Tensor y32 = F.maxPool2d(x32, two, two, none, one, false);
        Tensor upstream = Tensor.randn(random, DType.FLOAT64, y64.shape()).float32().float64();
        y64.backward(upstream);
        y32.backward(upstream.float32());
        assertThat(y32.toDoubleArray()).as("output").containsExactly(y64.float32().toDoubleArray());
        assertThat(x32.grad().toDoubleArray()).as("input gradient (the winners)").containsExactly(x64.grad().toDoubleArray());
    }

    @Property(tries = 20)
    void avgPoolGradientsMatch(@ForAll @IntRange(min = 1, max = 3) int kernel,
                               @ForAll @IntRange(min = 1, max = 3) int stride,
                               @ForAll @IntRange(min = 0, max = 1) int padding,
                               @ForAll boolean ceilMode,
                               @ForAll boolean countIncludePad,
                               @ForAll long seed) {
        var random = new SplittableRandom(seed);
        int pad = Math.min(padding, kernel / 2);
        Tensor x = Tensor.randn(random, DType.FLOAT64, 2, 3, kernel + random.nextInt(4), kernel + random.nextInt(4));
        int[] k = {kernel, kernel}, s = {stride, stride}, p = {pad, pad};
        Gradcheck.Result result = Gradcheck.check(in -> F.avgPool2d(in.get(0), k, s, p, ceilMode, countIncludePad, 0), seed, x);
        assertThat(result.passed()).as(result.describe()).isTrue();
    }

    @Property(tries = 15)
    void adaptiveAvgPoolGradientsMatch(@ForAll @IntRange(min = 1, max = 7) int height,
                                       @ForAll @IntRange(min = 1, max = 7) int width,
                                       @ForAll @IntRange(min = 1, max = 4) int outH,
                                       @ForAll @IntRange(min = 1, max = 4) int outW,
                                       @ForAll long seed) {
        Tensor x = Tensor.randn(new SplittableRandom(seed), DType.FLOAT64, 1, 2, height, width);
        Gradcheck.Result result = Gradcheck.check(in -> F.adaptiveAvgPool2d(in.get(0), outH, outW), seed, x);
        assertThat(result.passed()).as(result.describe()).isTrue();
    }

    @Test
    void maxPoolByHandWithOverlapAndTies() {
        // x = [[1 5 2], [4 3 6], [0 9 8]], kernel 2, stride 1 -> [[5 6], [9 9]]
        Tensor x = Tensor.of(new double[] {1, 5, 2, 4, 3, 6, 0, 9, 8}, 1, 1, 3, 3).requiresGrad(true);
        Tensor y = F.maxPool2d(x, 2, 1);
        assertThat(y.toDoubleArray()).containsExactly(5, 6, 9, 9);
        y.backward(Tensor.of(new double[] {1, 10, 100, 1000}, 1, 1, 2, 2));
        // 5 wins window (0,0); 6 wins (0,1); 9 wins both bottom windows, so it collects 100 + 1000
        assertThat(x.grad().toDoubleArray()).containsExactly(0, 1, 0, 0, 0, 10, 0, 1100, 0);
    }

    @Test
    void avgPoolDivisorsFollowPyTorch() {
        // 2x2 ones, kernel 2, stride 2, padding 1 -> four windows each covering one real pixel
        Tensor x = Tensor.ones(DType.FLOAT64, 1, 1, 2, 2);
        int[] k = {2, 2}, s = {2, 2}, p = {1, 1};
        assertThat(F.avgPool2d(x, k, s, p, false, true, 0).toDoubleArray()).containsExactly(0.25, 0.25, 0.25, 0.25);
        assertThat(F.avgPool2d(x, k, s, p, false, false, 0).toDoubleArray()).containsExactly(1, 1, 1, 1);
        assertThat(F.avgPool2d(x, k, s, p, false, true, 2).toDoubleArray()).containsExactly(0.5, 0.5, 0.5, 0.5);
        // ceil mode on 3x3, kernel 2, stride 2: the clipped last windows divide by what they cover
        Tensor y = F.avgPool2d(Tensor.ones(DType.FLOAT64, 1, 1, 3, 3), new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0}, true, true, 0);
        assertThat(y.shape()).containsExactly(1, 1, 2, 2);
        assertThat(y.toDoubleArray()).containsExactly(1, 1, 1, 1);
    }

    @Test
    void adaptiveAvgPoolWindowsByHand() {
        // width 5 into 3 cells: [0,2), [1,4), [3,5)
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5}, 1, 1, 1, 5);
        Tensor y = F.adaptiveAvgPool2d(x, 1, 3);
        assertThat(y.toDoubleArray()).usingComparatorWithPrecision(1e-12).containsExactly(1.5, 3.0, 4.5);
        assertThat(F.adaptiveAvgPool2d(x, 1, 1).item()).isCloseTo(3.0, within(1e-12));
    }

    @Test
    void outputSizesMatchPyTorchFormula() {
        // 28x28, kernel 2: 14x14; 5 with kernel 2, stride 2: 2 windows, 3 with ceil mode
        assertThat(F.maxPool2d(Tensor.zeros(1, 1, 28, 28), 2).shape()).containsExactly(1, 1, 14, 14);
        assertThat(Windows.outputSize("t", "h", 5, 2, 2, 0, 1, true)).isEqualTo(3);
        assertThat(Windows.outputSize("t", "h", 5, 2, 2, 0, 1, false)).isEqualTo(2);
        // 5 with padding 1: ceil((5 + 2 - 1 - 1) / 2) + 1 = 4, but window 3 starts at 3*2 - 1 = 5, in the padding: dropped
        assertThat(Windows.outputSize("t", "h", 5, 2, 2, 1, 1, true)).isEqualTo(3);
    }
}
