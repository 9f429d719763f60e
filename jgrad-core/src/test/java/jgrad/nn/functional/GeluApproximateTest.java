package jgrad.nn.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import jgrad.DType;
import jgrad.Tensor;
import jgrad.nn.GELU;
import org.junit.jupiter.api.Test;

import java.util.Random;

/**
 * {@code F.gelu(x, approximate)}: one op behind the three doors (Tensor, F, nn.GELU), with PyTorch's values
 * for both {@code approximate="none"} and {@code "tanh"}.
 */
class GeluApproximateTest {

    private static final double[] X = {-3.5, -1.0, -0.25, 0.0, 0.5, 1.7, 4.0};

    /*
     * PyTorch 1.13, float64, printed exactly as hex:
     *   x = torch.tensor([-3.5, -1.0, -0.25, 0.0, 0.5, 1.7, 4.0], dtype=torch.float64, requires_grad=True)
     *   y = torch.nn.functional.gelu(x, approximate=a); y.sum().backward(); [float(v).hex() for v in y], x.grad
     */
    private static final double[] NONE_VALUES = {-0x1.aae0500609000p-11, -0x1.44ed0bb7cb20ap-3, -0x1.9aecba9d22528p-4, 0.0,
            0x1.62075e232ac77p-2, 0x1.9fce1bba90cc5p+0, 0x1.fffbd94a1aad4p+1};
    private static final double[] NONE_GRADIENTS = {-0x1.71da90df3715cp-9, -0x1.55429a56cca5cp-4, 0x1.37f00c190f575p-2, 0.5,
            0x1.bc28522bace22p-1, 0x1.1d857a788f800p+0, 0x1.002101d6d2d81p+0};
    private static final double[] TANH_VALUES = {-0x1.4310a638bbe00p-11, -0x1.453d223571478p-3, -0x1.9aee04fb80bf2p-4, 0.0,
            0x1.6202da77df3f9p-2, 0x1.9fc5676aa20ccp+0, 0x1.fffdb2bbf9944p+1};
    private static final double[] TANH_GRADIENTS = {-0x1.3d8a6f706a25bp-9, -0x1.53d225adc388cp-4, 0x1.37f51898befffp-2, 0.5,
            0x1.bc17e8726e92dp-1, 0x1.1dac94cf37824p+0, 0x1.0015f66f2bf92p+0};

    /**
     * Within 1e-15 absolute (|values| ≤ 4): our erf and PyTorch's are different float64 approximations,
     * each within a few ulps of the true value; the formulas themselves are the same.
     */
    private static void assertMatchesPyTorch(String approximate, double[] values, double[] gradients) {
        Tensor x = Tensor.of(X).requiresGrad(true);
        Tensor y = F.gelu(x, approximate);
        y.sum().backward();
        assertThat(y.toDoubleArray()).as("gelu(approximate=%s)", approximate).containsExactly(values, within(1e-15));
        assertThat(x.grad().toDoubleArray()).as("d gelu(approximate=%s)", approximate).containsExactly(gradients, within(1e-15));
    }

    @Test
    void exactGeluMatchesPyTorch() {
        assertMatchesPyTorch("none", NONE_VALUES, NONE_GRADIENTS);
    }

    @Test
    void tanhGeluMatchesPyTorch() {
        assertMatchesPyTorch("tanh", TANH_VALUES, TANH_GRADIENTS);
    }

    @Test
    void tensorFAndModuleGiveTheSameBitsForBothApproximationsAndDtypes() {
        for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            Tensor x = Tensor.randn(new Random(11), dtype, 5, 33);
            for (String approximate : new String[] {"none", "tanh"}) {
                double[] viaF = F.gelu(x, approximate).toDoubleArray();
                assertThat(x.gelu(approximate).toDoubleArray()).as("Tensor.gelu %s %s", approximate, dtype).containsExactly(viaF);
                assertThat(new GELU(approximate).forward(x).toDoubleArray()).as("nn.GELU %s %s", approximate, dtype)
                        .containsExactly(viaF);
            }
            assertThat(F.gelu(x).toDoubleArray()).as("the default is exact").containsExactly(F.gelu(x, "none").toDoubleArray());
        }
    }

    @Test
    void anUnknownApproximationIsRefused() {
        assertThatThrownBy(() -> F.gelu(Tensor.of(new double[] {1}), "erf"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"none\" or \"tanh\"");
    }
}
