package jgrad;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** matmul follows PyTorch's rules: 1-D operands gain a dim and lose it again, batch dims broadcast. */
class MatMulForwardTest {

    private final Tensor a = Tensor.of(new double[][] {{1, 2}, {3, 4}});
    private final Tensor b = Tensor.of(new double[][] {{5, 6}, {7, 8}});
    private final Tensor wide = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});

    @Test
    void matrixTimesMatrix() {
        assertThat(a.matmul(b).shape()).isEqualTo(new int[] {2, 2});
        assertThat(a.matmul(b).toDoubleArray()).containsExactly(19, 22, 43, 50);
    }

    @Test
    void vectorDotVectorIsAZeroDimScalar() {
        Tensor dot = Tensor.of(new double[] {1, 2, 3}).matmul(Tensor.of(new double[] {4, 5, 6}));
        assertThat(dot.shape()).isEmpty();
        assertThat(dot.item()).isEqualTo(32);
    }

    @Test
    void vectorTimesMatrixDropsTheAddedRowDim() {
        Tensor row = Tensor.of(new double[] {1, 2}).matmul(wide);
        assertThat(row.shape()).isEqualTo(new int[] {3});
        assertThat(row.toDoubleArray()).containsExactly(9, 12, 15);
    }

    @Test
    void matrixTimesVectorDropsTheAddedColumnDim() {
        Tensor column = wide.matmul(Tensor.of(new double[] {1, 0, -1}));
        assertThat(column.shape()).isEqualTo(new int[] {2});
        assertThat(column.toDoubleArray()).containsExactly(-2, -2);
    }

    @Test
    void batchDimsBroadcast() {
        // (2, 1, 2, 2) @ (3, 2, 2) -> (2, 3, 2, 2); batch [i][j] is left[i] @ right[j]
        Tensor left = Tensor.stack(java.util.List.of(a, a.mul(2.0)), 0).unsqueeze(1);
        Tensor right = Tensor.stack(java.util.List.of(b, b.neg(), Tensor.of(new double[][] {{1, 0}, {0, 1}})), 0);
        Tensor product = left.matmul(right);
        assertThat(product.shape()).isEqualTo(new int[] {2, 3, 2, 2});
        assertThat(product.select(0, 1).select(0, 1).toDoubleArray()).as("(2a) @ (-b)").containsExactly(-38, -44, -86, -100);
        assertThat(product.select(0, 0).select(0, 2).toDoubleArray()).as("a @ I").containsExactly(1, 2, 3, 4);
    }

    @Test
    void sequenceTimesWeightAppliesTheWeightToEveryPosition() {
        Tensor x = Tensor.stack(java.util.List.of(a, b, a.add(b)), 0);   // (B=3, T=2, C=2)
        Tensor w = wide;                                                  // (C=2, D=3)
        Tensor y = x.matmul(w);
        assertThat(y.shape()).isEqualTo(new int[] {3, 2, 3});
        assertThat(y.select(0, 1).toDoubleArray()).as("b @ w").containsExactly(29, 40, 51, 39, 54, 69);
    }
}
