package jgrad.data;

import jgrad.DType;
import jgrad.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataLoaderTest {

    /** Example i has input (i, -i) and target i, so a batch tells which examples it holds. */
    private static TensorDataset numbered(int n) {
        double[] inputs = new double[2 * n];
        long[] targets = new long[n];
        for (int i = 0; i < n; i++) {
            inputs[2 * i] = i;
            inputs[2 * i + 1] = -i;
            targets[i] = i;
        }
        return new TensorDataset(Tensor.of(inputs, n, 2), Tensor.of(targets));
    }

    private static List<long[]> epoch(DataLoader loader) {
        List<long[]> out = new ArrayList<>();
        for (Example batch : loader) {
            long[] ids = batch.target().toLongArray();
            double[] inputs = batch.input().toDoubleArray();
            for (int i = 0; i < ids.length; i++) {
                assertThat(inputs[2 * i]).as("input row matches its target").isEqualTo((double) ids[i]);
            }
            out.add(ids);
        }
        return out;
    }

    private static long[] flat(List<long[]> batches) {
        return batches.stream().flatMapToLong(Arrays::stream).toArray();
    }

    @Test
    void inOrderBatchesKeepTheLastPartialBatch() {
        List<long[]> batches = epoch(new DataLoader(numbered(10), 4));
        assertThat(batches).hasSize(3);
        assertThat(batches.get(2)).containsExactly(8, 9);
        assertThat(new DataLoader(numbered(10), 4).size()).isEqualTo(3);
    }

    @Test
    void dropLastSkipsTheShortBatch() {
        var loader = new DataLoader(numbered(10), 4, false, true, 0, 0);
        assertThat(epoch(loader)).hasSize(2);
        assertThat(loader.size()).isEqualTo(2);
    }

    @Test
    void shuffleVisitsEveryExampleOncePerEpochInANewOrderFixedBySeed() {
        var loader = new DataLoader(numbered(50), 8, true, 7);
        long[] first = flat(epoch(loader));
        long[] second = flat(epoch(loader));
        assertThat(first).containsExactlyInAnyOrder(flat(epoch(new DataLoader(numbered(50), 8))));
        assertThat(second).containsExactlyInAnyOrder(first);
        assertThat(second).isNotEqualTo(first);
        var again = new DataLoader(numbered(50), 8, true, 7);
        assertThat(flat(epoch(again))).containsExactly(first);
        assertThat(flat(epoch(again))).containsExactly(second);
    }

    @Test
    void prefetchingGivesTheSameBatches() {
        var direct = new DataLoader(numbered(37), 5, true, false, 3, 0);
        var prefetched = new DataLoader(numbered(37), 5, true, false, 3, 2);
        for (int e = 0; e < 2; e++) {
            assertThat(flat(epoch(prefetched))).containsExactly(flat(epoch(direct)));
        }
    }

    @Test
    void prefetchingReportsAFailingDataset() {
        Dataset broken = new Dataset() {
            public int size() { return 4; }
            public Example get(int index) { throw new IllegalStateException("disk on fire"); }
        };
        var iterator = new DataLoader(broken, 2, false, false, 0, 1).iterator();
        assertThatThrownBy(iterator::next).hasMessageContaining("disk on fire");
    }

    @Test
    void genericDatasetsAreCollatedByStacking() {
        Dataset squares = new Dataset() {
            public int size() { return 3; }
            public Example get(int i) { return new Example(Tensor.full(i * i, DType.FLOAT64, 2), Tensor.scalar(i, DType.INT64)); }
        };
        Example batch = new DataLoader(squares, 3).iterator().next();
        assertThat(batch.input().shape()).containsExactly(3, 2);
        assertThat(batch.input().toDoubleArray()).containsExactly(0, 0, 1, 1, 4, 4);
        assertThat(batch.target().toLongArray()).containsExactly(0, 1, 2);
    }

    @Test
    void randomSplitPartitionsReproducibly() {
        var parts = Dataset.randomSplit(numbered(20), new int[] {15, 5}, 11);
        long[] a = flat(epoch(new DataLoader(parts.get(0), 100)));
        long[] b = flat(epoch(new DataLoader(parts.get(1), 100)));
        assertThat(a).hasSize(15);
        assertThat(b).hasSize(5);
        assertThat(Arrays.stream(b).boxed().toList()).doesNotContainAnyElementsOf(Arrays.stream(a).boxed().toList());
        var again = Dataset.randomSplit(numbered(20), new int[] {15, 5}, 11);
        assertThat(flat(epoch(new DataLoader(again.get(1), 100)))).containsExactly(b);
        assertThatThrownBy(() -> Dataset.randomSplit(numbered(20), new int[] {15, 6}, 1)).hasMessageContaining("add up to 21");
    }
}
