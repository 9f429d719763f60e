package exercises.unit06;

import static exercises.unit06.Check.assertClose;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.nn.GRUCell;
import jgrad.nn.HiddenState;
import jgrad.nn.LSTMCell;
import jgrad.nn.RNNCell;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Graded tests of tasks 1 to 3. The reference is jgrad's own cells ({@code RNNCell}, {@code LSTMCell},
 * {@code GRUCell}, converted to float64) with their PyTorch-initialised weights, on random inputs and
 * states of random batch, input and hidden sizes.
 */
class CellsTest {

    /** One random cell size and its inputs. */
    private record Case(double[][] x, double[][] h, double[][] c, String description) {
        static Case random(Random random, int batch, int inputSize, int hidden) {
            double[][] x = Check.matrix(random, batch, inputSize, 1), h = Check.matrix(random, batch, hidden, 0.5);
            double[][] c = Check.matrix(random, batch, hidden, 1);
            return new Case(x, h, c, " for x " + Check.show(x) + ", h " + Check.show(h));
        }
    }

    private static double[][] weight(Map<String, Tensor> parameters, String name) {
        return Check.matrix(parameters.get(name));
    }

    private static double[] bias(Map<String, Tensor> parameters, String name) {
        return parameters.get(name).toDoubleArray();
    }

    @Test
    @Tag("task1")
    void rnnCellMatchesJgradsRNNCell() {
        var random = new Random(61);
        for (int trial = 0; trial < 10; trial++) {
            int batch = 1 + random.nextInt(4), inputSize = 1 + random.nextInt(5), hidden = 1 + random.nextInt(6);
            var cell = new RNNCell(inputSize, hidden, true, "tanh", new SplittableRandom(trial));
            cell.to(DType.FLOAT64);
            var p = cell.namedParameters();
            var inputs = Case.random(random, batch, inputSize, hidden);
            Tensor expected = cell.forward(Tensor.of(inputs.x()), Tensor.of(inputs.h()));

            double[][] actual = Cells.rnnCell(inputs.x(), inputs.h(), weight(p, "weight_ih"), weight(p, "weight_hh"),
                    bias(p, "bias_ih"), bias(p, "bias_hh"));
            assertClose("h'" + inputs.description(), Check.matrix(expected), actual);
        }
    }

    @Test
    @Tag("task2")
    void lstmCellMatchesJgradsLSTMCellInTheGateOrderIFGO() {
        var random = new Random(62);
        for (int trial = 0; trial < 10; trial++) {
            int batch = 1 + random.nextInt(4), inputSize = 1 + random.nextInt(5), hidden = 1 + random.nextInt(6);
            var cell = new LSTMCell(inputSize, hidden, true, new SplittableRandom(trial));
            cell.to(DType.FLOAT64);
            var p = cell.namedParameters();
            var inputs = Case.random(random, batch, inputSize, hidden);
            HiddenState expected = cell.forward(Tensor.of(inputs.x()), new HiddenState(Tensor.of(inputs.h()), Tensor.of(inputs.c())));

            var actual = Cells.lstmCell(inputs.x(), inputs.h(), inputs.c(), weight(p, "weight_ih"), weight(p, "weight_hh"),
                    bias(p, "bias_ih"), bias(p, "bias_hh"));
            assertNotNull(actual, "lstmCell returned null");
            String input = inputs.description() + ", c " + Check.show(inputs.c());
            assertClose("c'" + input, Check.matrix(expected.c()), actual.c());
            assertClose("h'" + input, Check.matrix(expected.h()), actual.h());
        }
    }

    @Test
    @Tag("task3")
    void gruCellMatchesJgradsGRUCellInTheGateOrderRZN() {
        var random = new Random(63);
        for (int trial = 0; trial < 10; trial++) {
            int batch = 1 + random.nextInt(4), inputSize = 1 + random.nextInt(5), hidden = 1 + random.nextInt(6);
            var cell = new GRUCell(inputSize, hidden, true, new SplittableRandom(trial));
            cell.to(DType.FLOAT64);
            var p = cell.namedParameters();
            var inputs = Case.random(random, batch, inputSize, hidden);
            Tensor expected = cell.forward(Tensor.of(inputs.x()), Tensor.of(inputs.h()));

            double[][] actual = Cells.gruCell(inputs.x(), inputs.h(), weight(p, "weight_ih"), weight(p, "weight_hh"),
                    bias(p, "bias_ih"), bias(p, "bias_hh"));
            assertClose("h'" + inputs.description(), Check.matrix(expected), actual);
        }
    }
}
