package jgrad;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Forward values of gather, indexSelect, cat, stack, split, chunk and the slicing views. */
class IndexingForwardTest {

    private final Tensor x = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});

    @Test
    void gatherPicksAlongTheDim() {
        Tensor index = Tensor.of(new long[] {0, 0, 2, 1}, 2, 2);
        // dim 1: out[i][j] = x[i][index[i][j]]
        assertThat(x.gather(1, index).toDoubleArray()).containsExactly(1, 1, 6, 5);
        // dim 0: out[i][j] = x[index[i][j]][j]
        assertThat(x.gather(0, Tensor.of(new long[] {1, 0}, 1, 2)).toDoubleArray()).containsExactly(4, 2);
    }

    @Test
    void indexSelectRepeatsSlices() {
        Tensor picked = x.indexSelect(1, Tensor.of(new long[] {2, 0, 2}));
        assertThat(picked.shape()).isEqualTo(new int[] {2, 3});
        assertThat(picked.toDoubleArray()).containsExactly(3, 1, 3, 6, 4, 6);
    }

    @Test
    void catJoinsAndStackAddsADim() {
        Tensor row = Tensor.of(new double[][] {{7, 8, 9}});
        assertThat(Tensor.cat(List.of(x, row), 0).toDoubleArray()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(Tensor.cat(List.of(x, x), -1).shape()).isEqualTo(new int[] {2, 6});
        Tensor stacked = Tensor.stack(List.of(x, x.neg()), 2);
        assertThat(stacked.shape()).isEqualTo(new int[] {2, 3, 2});
        assertThat(stacked.select(2, 1).toDoubleArray()).containsExactly(-1, -2, -3, -4, -5, -6);
    }

    @Test
    void splitAndChunkSizesFollowPyTorch() {
        Tensor five = Tensor.of(new double[] {0, 1, 2, 3, 4});
        assertThat(five.split(2, 0).stream().map(Tensor::numel).toList()).containsExactly(2, 2, 1);
        assertThat(five.chunk(3, 0).stream().map(Tensor::numel).toList()).containsExactly(2, 2, 1);
        assertThat(Tensor.of(new double[6]).chunk(4, 0).stream().map(Tensor::numel).toList())
                .as("6 into 4 chunks gives 3 chunks of 2, as torch.chunk").containsExactly(2, 2, 2);
        assertThat(five.split(2, 0).get(2).toDoubleArray()).containsExactly(4);
    }

    @Test
    void narrowSliceSelectAndExpandPickTheRightElements() {
        assertThat(x.narrow(1, 1, 2).toDoubleArray()).containsExactly(2, 3, 5, 6);
        assertThat(x.slice(1, -2, 3).toDoubleArray()).containsExactly(2, 3, 5, 6);
        assertThat(x.slice(1, 0, -1).toDoubleArray()).containsExactly(1, 2, 4, 5);
        assertThat(x.select(0, -1).toDoubleArray()).containsExactly(4, 5, 6);
        assertThat(x.select(1, 0).toDoubleArray()).containsExactly(1, 4);
        Tensor column = Tensor.of(new double[] {1, 2}, 2, 1);
        assertThat(column.expand(2, 3).toDoubleArray()).containsExactly(1, 1, 1, 2, 2, 2);
        assertThat(x.t().toDoubleArray()).containsExactly(1, 4, 2, 5, 3, 6);
        assertThat(x.permute(1, 0).shape()).isEqualTo(new int[] {3, 2});
        assertThat(x.unsqueeze(1).shape()).isEqualTo(new int[] {2, 1, 3});
        assertThat(x.unsqueeze(1).squeeze().shape()).isEqualTo(new int[] {2, 3});
        assertThat(x.view(3, -1).shape()).isEqualTo(new int[] {3, 2});
    }
}
