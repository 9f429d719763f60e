package jgrad.nn.functional;

import jgrad.DType;
import jgrad.Jgrad;
import jgrad.Tensor;
import jgrad.nn.Conv1d;
import jgrad.nn.Conv2d;
import jgrad.nn.ConvTranspose2d;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every convolution reports a bad argument with its own name, the shapes it got and what it expected. */
class ConvolutionChecksTest {

    @Test
    void conv1dSpeaksOfItsOwnThreeDimensionalShapes() {
        Tensor x = Tensor.zeros(DType.FLOAT64, 2, 3, 7);
        Tensor w = Tensor.zeros(DType.FLOAT64, 4, 2, 3);
        assertThatThrownBy(() -> F.conv1d(x, w, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conv1d: expected the input to have weight.size(1) * groups = 2 channels")
                .hasMessageContaining("input (2, 3, 7), weight (4, 2, 3)");
        assertThatThrownBy(() -> F.conv1d(x, Tensor.zeros(DType.FLOAT64, 4, 3, 3, 1), null))
                .hasMessageContaining("conv1d: expected input (N, C, L) or (C, L) and weight (O, C/groups, K)");
    }

    @Test
    void biasAndDtypeMismatchesNameTheOp() {
        Tensor x = Tensor.zeros(DType.FLOAT64, 1, 4, 3, 3);
        assertThatThrownBy(() -> F.conv2d(x, Tensor.zeros(DType.FLOAT64, 5, 4, 3, 3), Tensor.zeros(DType.FLOAT64, 4)))
                .hasMessageContaining("conv2d: expected bias of shape (5,)").hasMessageContaining("bias (4,)");
        assertThatThrownBy(() -> F.convTranspose2d(x, Tensor.zeros(DType.FLOAT64, 4, 3, 3, 3), Tensor.zeros(DType.FLOAT64, 4), 1, 0))
                .hasMessageContaining("convTranspose2d: expected bias of shape (3,)");
        assertThatThrownBy(() -> F.conv2d(x, Tensor.zeros(DType.FLOAT32, 5, 4, 3, 3), null))
                .hasMessageContaining("conv2d: input, weight and bias must share one floating dtype, got float64, float32");
        assertThatThrownBy(() -> F.conv2d(x, Tensor.zeros(DType.FLOAT64, 6, 2, 3, 3), null, new int[] {1}, new int[] {0},
                new int[] {1}, 3)).hasMessageContaining("conv2d: groups must be positive and divide both");
    }

    @Test
    void layersRejectGroupsAndKernelSizesBeforeDrawingWeights() {
        var generator = Jgrad.generator();
        assertThatThrownBy(() -> new Conv1d(4, 6, 3, 1, 0, 1, 4, true, generator))
                .hasMessage("Conv1d: groups=4 must be positive and divide in_channels=4 and out_channels=6");
        assertThatThrownBy(() -> new Conv1d(4, 6, 0, 1, 0, 1, 1, true, generator))
                .hasMessage("Conv1d: kernel_size must be positive, got 0");
        assertThatThrownBy(() -> new Conv2d(4, 6, new int[] {3, 0}, new int[] {1, 1}, new int[] {0, 0},
                new int[] {1, 1}, 1, true, generator))
                .hasMessage("Conv2d: kernel_size must be positive, got [3, 0]");
        assertThatThrownBy(() -> new ConvTranspose2d(4, 6, new int[] {3, 3}, new int[] {1, 1}, new int[] {0, 0},
                new int[] {0, 0}, 0, true, new int[] {1, 1}, generator))
                .hasMessageContaining("ConvTranspose2d: groups=0 must be positive");
    }
}
