package jgrad;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** toString prints like PyTorch (float32 is the default dtype, so only float64 gets a dtype suffix). */
class TensorFormatTest {

    @Test
    void integralFloatMatrixPrintsWithTrailingDotsAndAlignedRows() {
        assertThat(Tensor.of(new float[][] {{1, 2}, {3, 4}}).toString()).isEqualTo("tensor([[1., 2.],\n        [3., 4.]])");
    }

    @Test
    void fractionalValuesPrintWithFourDecimalsPaddedToOneWidth() {
        assertThat(Tensor.of(new float[] {-1.5f, 2.25f}).toString()).isEqualTo("tensor([-1.5000,  2.2500])");
    }

    @Test
    void float64GetsADtypeSuffix() {
        assertThat(Tensor.of(new double[] {1, 2}).toString()).isEqualTo("tensor([1., 2.], dtype=float64)");
    }

    @Test
    void scalarsIntsAndBoolsPrintLikePyTorch() {
        assertThat(Tensor.scalar(3.5).toString()).isEqualTo("tensor(3.5000)");
        assertThat(Tensor.of(new long[] {1, 22, 3}).toString()).isEqualTo("tensor([ 1, 22,  3])");
        assertThat(Tensor.of(new boolean[] {true, false}).toString()).isEqualTo("tensor([ True, False])");
    }

    @Test
    void threeDimTensorsSeparateMatricesWithABlankLine() {
        Tensor t = Tensor.of(new float[] {1, 2, 3, 4}, 2, 1, 2);
        assertThat(t.toString()).isEqualTo("tensor([[[1., 2.]],\n\n        [[3., 4.]]])");
    }

    @Test
    void gradFnAndRequiresGradAreShown() {
        Tensor leaf = Tensor.of(new float[] {1, 2}).requiresGrad(true);
        assertThat(leaf.toString()).isEqualTo("tensor([1., 2.], requires_grad=True)");
        assertThat(leaf.mul(2.0).toString()).isEqualTo("tensor([2., 4.], grad_fn=<MulBackward>)");
    }

    @Test
    void moreThanAThousandElementsAreSummarisedWithAnEllipsis() {
        Tensor big = Tensor.arange(0.0, 2000.0, 1.0);
        String text = big.toString();
        assertThat(text).startsWith("tensor([   0.,    1.,    2.,").contains("...").endsWith("1997., 1998., 1999.], shape=(2000,))");
        assertThat(text.length()).as("length of the summary: %s", text).isLessThan(120);
        assertThat(Tensor.arange(0.0, 1000.0, 1.0).toString()).as("exactly 1000 elements are printed in full")
                .doesNotContain("...");
    }
}
