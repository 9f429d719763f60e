package exercises.unit05;

import static exercises.unit05.Check.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Random;
import jgrad.Tensor;
import jgrad.nn.functional.F;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Graded tests of task 4. The reference is {@code F.maxPool2d} on float64 tensors and its autograd gradient. */
class PoolingTest {

    @Test
    @Tag("task4")
    void maxPoolOfA4x4ImageWith2x2Windows() {
        double[][][][] x = {{{{1, 5, 2, 0}, {3, 4, 8, 1}, {0, 0, 1, 1}, {9, 2, 1, 7}}}};
        var result = Pooling.maxPool2d(x, 2, 2);
        assertNotNull(result, "maxPool2d returned null");
        assertClose("maxPool2d(kernel 2, stride 2) of [[1 5 2 0] [3 4 8 1] [0 0 1 1] [9 2 1 7]]",
                new double[][][][] {{{{5, 8}, {9, 7}}}}, result.output());
        assertNotNull(result.argmax(), "argmax is null");
        assertArrayEquals(new int[] {1, 6}, result.argmax()[0][0][0], "argmax row 0: 5 is at (0, 1) = 1, 8 at (1, 2) = 6");
        assertArrayEquals(new int[] {12, 15}, result.argmax()[0][0][1], "argmax row 1: 9 is at (3, 0) = 12, 7 at (3, 3) = 15");
    }

    @Test
    @Tag("task4")
    void maxPoolForwardAndBackwardMatchJgradWithOverlappingWindows() {
        var random = new Random(54);
        int[][] windows = {{2, 2}, {3, 1}, {3, 2}, {2, 1}};       // {kernel, stride}: all but the first overlap
        for (int trial = 0; trial < 16; trial++) {
            int kernel = windows[trial % windows.length][0], stride = windows[trial % windows.length][1];
            int batch = 1 + random.nextInt(2), channels = 1 + random.nextInt(3);
            int height = kernel + random.nextInt(5), width = kernel + random.nextInt(5);
            double[][][][] x = Check.random4d(random, batch, channels, height, width);
            Tensor xt = Check.tensor(x).requiresGrad(true);
            Tensor y = F.maxPool2d(xt, kernel, stride);
            double[][][][] gradOutput = Check.random4d(random, y.size(0), y.size(1), y.size(2), y.size(3));
            y.backward(Check.tensor(gradOutput));
            String setting = " (N=" + batch + ", C=" + channels + ", H=" + height + ", W=" + width + ", kernel=" + kernel
                    + ", stride=" + stride + ")";

            var result = Pooling.maxPool2d(x, kernel, stride);
            assertNotNull(result, "maxPool2d returned null");
            assertClose("maxPool2d y" + setting, Check.array4d(y), result.output());
            assertClose("maxPool2dBackward dx" + setting, Check.array4d(xt.grad()),
                    Pooling.maxPool2dBackward(gradOutput, result.argmax(), height, width));
        }
    }
}
