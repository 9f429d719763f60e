package exercises.unit05;

import static exercises.unit05.Check.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.nn.functional.F;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Graded tests of tasks 1, 2, 3 and 5. The reference is {@code F.conv2d} on float64 tensors: its
 * output shape, its output, and its autograd gradients.
 */
class ConvolutionTest {

    // ---- task 1: output size --------------------------------------------------------------------

    @Test
    @Tag("task1")
    void outputSizesOfCommonLayers() {
        assertEquals(28, Convolution.outputSize(28, 3, 1, 1, 1), "outputSize(in=28, kernel=3, stride=1, padding=1, dilation=1): 'same' padding");
        assertEquals(24, Convolution.outputSize(28, 5, 1, 0, 1), "outputSize(in=28, kernel=5, stride=1, padding=0, dilation=1)");
        assertEquals(14, Convolution.outputSize(28, 2, 2, 0, 1), "outputSize(in=28, kernel=2, stride=2, padding=0, dilation=1)");
        assertEquals(3, Convolution.outputSize(7, 3, 2, 1, 2), "outputSize(in=7, kernel=3, stride=2, padding=1, dilation=2)");
    }

    @Test
    @Tag("task1")
    void outputSizeMatchesJgradAndRejectsKernelsThatDoNotFit() {
        var random = new Random(51);
        for (int trial = 0; trial < 60; trial++) {
            int in = 1 + random.nextInt(12), kernel = 1 + random.nextInt(5), stride = 1 + random.nextInt(3);
            int padding = random.nextInt(3), dilation = 1 + random.nextInt(3);
            String call = "outputSize(in=" + in + ", kernel=" + kernel + ", stride=" + stride + ", padding=" + padding
                    + ", dilation=" + dilation + ")";
            Integer expected = jgradOutputSize(in, kernel, stride, padding, dilation);
            if (expected == null) {
                assertThrows(IllegalArgumentException.class, () -> Convolution.outputSize(in, kernel, stride, padding, dilation),
                        call + ": the dilated kernel " + (dilation * (kernel - 1) + 1) + " does not fit the padded input "
                                + (in + 2 * padding));
            } else {
                assertEquals(expected, Convolution.outputSize(in, kernel, stride, padding, dilation), call);
            }
        }
    }

    /** The width of F.conv2d's output on a (1, 1, 1, in) input, or null when F.conv2d rejects the setting. */
    private static Integer jgradOutputSize(int in, int kernel, int stride, int padding, int dilation) {
        try {
            Tensor y = F.conv2d(Tensor.zeros(1, 1, 1, in), Tensor.zeros(1, 1, 1, kernel), null, new int[] {1, stride},
                    new int[] {0, padding}, new int[] {1, dilation}, 1);
            return y.size(3);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // ---- task 2: im2col -------------------------------------------------------------------------

    @Test
    @Tag("task2")
    void im2colOfA3x3ImageWithA2x2Kernel() {
        double[][][] image = {{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}};
        double[][] expected = {{1, 2, 4, 5}, {2, 3, 5, 6}, {4, 5, 7, 8}, {5, 6, 8, 9}};   // row = tap (i, j), column = output pixel
        assertClose("im2col([[1 2 3], [4 5 6], [7 8 9]], kernel 2x2, stride 1, padding 0)", expected,
                Convolution.im2col(image, 2, 2, 1, 0, 1));
    }

    @Test
    @Tag("task2")
    void im2colRowsAreConvolutionsWithOneHotFilters() {
        // Row r of im2col is what a convolution outputs with a filter that is 1 at tap r and 0 elsewhere.
        var random = new Random(52);
        for (int trial = 0; trial < 20; trial++) {
            var s = Check.Setting.random(random);
            int kernelW = 1 + random.nextInt(3);
            if (s.width() + 2 * s.padding() < s.dilation() * (kernelW - 1) + 1) continue;
            double[][][] image = Check.random4d(random, 1, s.channels(), s.height(), s.width())[0];
            int rows = s.channels() * s.kernel() * kernelW;
            Tensor oneHot = Tensor.zeros(DType.FLOAT64, rows, s.channels(), s.kernel(), kernelW);
            for (int r = 0; r < rows; r++) {
                oneHot.set(1, r, r / (s.kernel() * kernelW), r / kernelW % s.kernel(), r % kernelW);
            }
            Tensor y = F.conv2d(Check.tensor(new double[][][][] {image}), oneHot, null, new int[] {s.stride()},
                    new int[] {s.padding()}, new int[] {s.dilation()}, 1);
            double[][] expected = Check.matrix(y.reshape(rows, -1));
            assertClose("im2col of a (" + s.channels() + ", " + s.height() + ", " + s.width() + ") image, kernel "
                    + s.kernel() + "x" + kernelW + ", stride " + s.stride() + ", padding " + s.padding() + ", dilation "
                    + s.dilation() + "; image " + Arrays.deepToString(image) + "; cols", expected,
                    Convolution.im2col(image, s.kernel(), kernelW, s.stride(), s.padding(), s.dilation()));
        }
    }

    // ---- task 3: conv2d forward -----------------------------------------------------------------

    @Test
    @Tag("task3")
    void conv2dMatchesJgrad() {
        var random = new Random(53);
        for (int trial = 0; trial < 20; trial++) {
            var s = Check.Setting.random(random);
            double[][][][] x = Check.random4d(random, s.batch(), s.channels(), s.height(), s.width());
            double[][][][] w = Check.random4d(random, s.outChannels(), s.channels(), s.kernel(), s.kernel());
            double[] b = trial % 2 == 0 ? null : Check.random4d(random, 1, 1, 1, s.outChannels())[0][0][0];
            Tensor y = F.conv2d(Check.tensor(x), Check.tensor(w), b == null ? null : Tensor.of(b), new int[] {s.stride()},
                    new int[] {s.padding()}, new int[] {s.dilation()}, 1);
            assertClose("conv2d " + s + (b == null ? " without" : " with") + " bias, y", Check.array4d(y),
                    Convolution.conv2d(x, w, b, s.stride(), s.padding(), s.dilation()));
        }
    }

    // ---- task 5: conv2d backward ----------------------------------------------------------------

    @Test
    @Tag("task5")
    void conv2dBackwardMatchesAutograd() {
        var random = new Random(55);
        for (int trial = 0; trial < 20; trial++) {
            var s = Check.Setting.random(random);
            double[][][][] x = Check.random4d(random, s.batch(), s.channels(), s.height(), s.width());
            double[][][][] w = Check.random4d(random, s.outChannels(), s.channels(), s.kernel(), s.kernel());
            Tensor xt = Check.tensor(x).requiresGrad(true), wt = Check.tensor(w).requiresGrad(true);
            Tensor bt = Tensor.zeros(DType.FLOAT64, s.outChannels()).requiresGrad(true);
            Tensor y = F.conv2d(xt, wt, bt, new int[] {s.stride()}, new int[] {s.padding()}, new int[] {s.dilation()}, 1);
            double[][][][] gradOutput = Check.random4d(random, y.size(0), y.size(1), y.size(2), y.size(3));
            y.backward(Check.tensor(gradOutput));

            var grads = Convolution.conv2dBackward(x, w, gradOutput, s.stride(), s.padding(), s.dilation());
            assertNotNull(grads, "conv2dBackward returned null");
            assertClose("dx of conv2d " + s, Check.array4d(xt.grad()), grads.inputGrad());
            assertClose("dW of conv2d " + s, Check.array4d(wt.grad()), grads.weightGrad());
            assertClose("db of conv2d " + s, bt.grad().toDoubleArray(), grads.biasGrad());
        }
    }
}
