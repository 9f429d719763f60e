package jgrad;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bad input gets a clear exception naming the op, the shapes or dtypes involved and what was
 * expected (DESIGN.md, Errors) — never an ArrayIndexOutOfBoundsException from inside a loop.
 */
class BadInputTest {

    private final Tensor m23 = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);

    @Test
    void creationsTooLargeForAJavaArrayOrTheHeapAreRejectedBeforeAllocating() {
        assertThatThrownBy(() -> Tensor.full(1, 1, Integer.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("full").hasMessageContaining("(1, 2147483647)").hasMessageContaining("the longest array");
        long bytes = 2L * 1_073_741_819 * Double.BYTES;
        if (Runtime.getRuntime().maxMemory() < bytes) {     // true unless the heap is over 16 GiB
            assertThatThrownBy(() -> Tensor.zeros(DType.FLOAT64, 2, 1_073_741_819))
                    .as("16 GiB, more than the JVM's heap")
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("zeros").hasMessageContaining("(2, 1073741819)").hasMessageContaining("-Xmx");
        }
        assertThatThrownBy(() -> Tensor.arange(3_000_000_000L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("arange(0, 3000000000, 1): 3000000000 values, more than the 2147483639 a tensor can hold");
        assertThatThrownBy(() -> Tensor.arange(0.0, 1e12, 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2000000000000 values");
        assertThatThrownBy(() -> Tensor.arange(0.0, Double.NaN, 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("start and end must be finite");
    }

    @Test
    void aZeroDimTensorHasNoSizeToAskOrChunk() {
        assertThatThrownBy(() -> Tensor.scalar(1).size(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size(0): a 0-dim tensor has no dims");
        assertThatThrownBy(() -> Tensor.scalar(1).chunk(2, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chunk: cannot chunk a 0-dim tensor");
    }

    @Test
    void addOfIncompatibleShapesNamesBothShapes() {
        assertThatThrownBy(() -> m23.add(Tensor.of(new double[] {1, 2, 3, 4})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("add").hasMessageContaining("(2, 3)").hasMessageContaining("(4,)");
    }

    @Test
    void matmulWithMismatchedInnerDimsNamesBothShapes() {
        assertThatThrownBy(() -> m23.matmul(Tensor.zeros(DType.FLOAT64, 4, 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("matmul").hasMessageContaining("(2, 3)").hasMessageContaining("(4, 5)");
        assertThatThrownBy(() -> Tensor.zeros(3).matmul(Tensor.zeros(4)))
                .as("dot product of unequal vectors")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("matmul").hasMessageContaining("3").hasMessageContaining("4");
        assertThatThrownBy(() -> Tensor.zeros(2, 2, 3).matmul(Tensor.zeros(3, 3, 4)))
                .as("batch dims 2 and 3 do not broadcast")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("matmul");
    }

    @Test
    void wrongDtypesAreRejectedNamingTheOpAndTheDtype() {
        assertThatThrownBy(() -> m23.gather(1, Tensor.zeros(DType.FLOAT32, 2, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gather").hasMessageContaining("int64").hasMessageContaining("float32");
        assertThatThrownBy(() -> Tensor.where(Tensor.zeros(DType.FLOAT64, 2, 3), m23, m23))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("where").hasMessageContaining("bool").hasMessageContaining("float64");
        assertThatThrownBy(() -> Tensor.of(new long[] {1}).requiresGrad(true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("requiresGrad").hasMessageContaining("int64");
        assertThatThrownBy(() -> m23.indexSelect(0, Tensor.of(new double[] {0})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("indexSelect").hasMessageContaining("float64");
    }

    @Test
    void backwardOnANonScalarWithoutAGradientNamesTheShape() {
        Tensor y = m23.detach().requiresGrad(true).mul(2.0);
        assertThatThrownBy(y::backward)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("backward").hasMessageContaining("(2, 3)");
        assertThatThrownBy(() -> y.backward(Tensor.zeros(DType.FLOAT64, 3, 2)))
                .as("a gradient of the wrong shape")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("backward").hasMessageContaining("(3, 2)").hasMessageContaining("(2, 3)");
    }

    @Test
    void anOutOfRangeDimNamesTheDimAndTheValidRange() {
        assertThatThrownBy(() -> m23.sum(5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sum").hasMessageContaining("dim 5").hasMessageContaining("[-2, 1]");
        assertThatThrownBy(() -> m23.softmax(-3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("softmax").hasMessageContaining("dim -3").hasMessageContaining("[-2, 1]");
        assertThatThrownBy(() -> m23.transpose(0, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("transpose").hasMessageContaining("dim 2");
        assertThatThrownBy(() -> m23.max(2, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max").hasMessageContaining("dim 2");
        assertThatThrownBy(() -> m23.sum(new int[] {1, -1}, false))
                .as("the same dim twice")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sum").hasMessageContaining("more than once");
    }

    @Test
    void outOfRangeIndicesNameTheOpTheIndexAndTheShape() {
        assertThatThrownBy(() -> m23.get(0, 5))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("get").hasMessageContaining("index 5").hasMessageContaining("(2, 3)");
        assertThatThrownBy(() -> m23.get(0))
                .as("too few indices")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("get").hasMessageContaining("(2, 3)");
        assertThatThrownBy(() -> m23.select(0, 2))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("select").hasMessageContaining("index 2").hasMessageContaining("(2, 3)");
        assertThatThrownBy(() -> m23.narrow(1, 2, 2))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("narrow").hasMessageContaining("(2, 3)");
        assertThatThrownBy(() -> m23.gather(1, Tensor.of(new long[] {0, 3}, 1, 2)))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("gather").hasMessageContaining("index 3").hasMessageContaining("(2, 3)");
        assertThatThrownBy(() -> m23.indexSelect(0, Tensor.of(new long[] {0, -1})))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("indexSelect").hasMessageContaining("index -1").hasMessageContaining("(2, 3)");
    }

    @Test
    void viewOfANonContiguousTensorIsRefusedWithAHint() {
        assertThatThrownBy(() -> m23.t().view(6))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("view").hasMessageContaining("(3, 2)").hasMessageContaining("contiguous");
    }

    @Test
    void reshapeToAnotherElementCountNamesReshapeAndBothShapes() {
        assertThatThrownBy(() -> m23.reshape(4, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("reshape").hasMessageContaining("(4, 2)").hasMessageContaining("(2, 3)");
        assertThatThrownBy(() -> m23.view(-1, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("view").hasMessageContaining("(-1, 4)").hasMessageContaining("(2, 3)");
    }

    @Test
    void shapeMismatchesInJoinsAndExpandNameTheShapes() {
        assertThatThrownBy(() -> Tensor.cat(List.of(m23, Tensor.zeros(DType.FLOAT64, 2, 4)), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cat").hasMessageContaining("(2, 4)").hasMessageContaining("(2, 3)");
        assertThatThrownBy(() -> Tensor.stack(List.of(m23, Tensor.zeros(DType.FLOAT64, 3, 2)), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stack").hasMessageContaining("(3, 2)").hasMessageContaining("(2, 3)");
        assertThatThrownBy(() -> m23.expand(4, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expand").hasMessageContaining("(2, 3)").hasMessageContaining("(4, 3)");
        assertThatThrownBy(() -> m23.permute(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("permute").hasMessageContaining("(2, 3)");
    }

    @Test
    void itemOfSeveralElementsNamesTheShape() {
        assertThatThrownBy(m23::item)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("item").hasMessageContaining("(2, 3)");
    }
}
