package exercises.unit07;

import static exercises.unit07.Check.assertClose;

import java.util.Random;
import jgrad.Tensor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Graded tests of task 3: the reference is jgrad's {@code reshape} and {@code transpose} on random shapes. */
class HeadsTest {

    @Test
    @Tag("task3")
    void splitMatchesReshapeThenTranspose() {
        var random = new Random(74);
        for (int trial = 0; trial < 20; trial++) {
            int batch = 1 + random.nextInt(3), length = 1 + random.nextInt(5), heads = 1 + random.nextInt(4), headDim = 1 + random.nextInt(4);
            double[] x = Check.vector(random, batch * length * heads * headDim, 1);
            double[] expected = Tensor.of(x, batch, length, heads * headDim).reshape(batch, length, heads, headDim)
                    .transpose(1, 2).contiguous().toDoubleArray();
            assertClose("split(x, B=" + batch + ", T=" + length + ", H=" + heads + ", D=" + headDim + ") for x " + Check.show(x),
                    expected, Heads.split(x, batch, length, heads, headDim));
        }
    }

    @Test
    @Tag("task3")
    void mergeMatchesTransposeThenReshape() {
        var random = new Random(75);
        for (int trial = 0; trial < 20; trial++) {
            int batch = 1 + random.nextInt(3), length = 1 + random.nextInt(5), heads = 1 + random.nextInt(4), headDim = 1 + random.nextInt(4);
            double[] x = Check.vector(random, batch * heads * length * headDim, 1);
            double[] expected = Tensor.of(x, batch, heads, length, headDim).transpose(1, 2).reshape(batch, length, heads * headDim)
                    .contiguous().toDoubleArray();
            assertClose("merge(x, B=" + batch + ", H=" + heads + ", T=" + length + ", D=" + headDim + ") for x " + Check.show(x),
                    expected, Heads.merge(x, batch, heads, length, headDim));
        }
    }
}
