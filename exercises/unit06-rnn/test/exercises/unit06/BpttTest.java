package exercises.unit06;

import static exercises.unit06.Check.assertClose;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Random;
import java.util.SplittableRandom;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.nn.RNN;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Graded test of task 4. The reference is autograd through jgrad's {@code nn.RNN} (one tanh layer,
 * float64): the output sequence is back-propagated with random upstream gradients, and every
 * gradient autograd finds is compared with the hand-written BPTT.
 */
class BpttTest {

    @Test
    @Tag("task4")
    void backpropThroughTimeMatchesAutogradThroughRNN() {
        var random = new Random(64);
        for (int trial = 0; trial < 8; trial++) {
            int steps = 1 + random.nextInt(6), batch = 1 + random.nextInt(3);
            int inputSize = 1 + random.nextInt(4), hidden = 1 + random.nextInt(5);
            var rnn = new RNN(inputSize, hidden, 1, "tanh", true, false, 0.0, false, new SplittableRandom(trial));
            rnn.to(DType.FLOAT64);
            var p = rnn.namedParameters();
            double[][][] inputs = Check.cube(random, steps, batch, inputSize, 1);
            double[][][] h0 = Check.cube(random, 1, batch, hidden, 0.5);
            double[][][] gradOutputs = Check.cube(random, steps, batch, hidden, 1);

            Tensor x = Check.tensor(inputs).requiresGrad(true), initial = Check.tensor(h0).requiresGrad(true);
            Tensor output = rnn.forward(x, initial).output();                // (T, B, H): h_1 .. h_T
            output.backward(Check.tensor(gradOutputs));
            double[][][] states = new double[steps + 1][][];
            states[0] = h0[0];
            for (int t = 1; t <= steps; t++) {
                states[t] = Check.matrix(output.detach().select(0, t - 1));
            }

            var grads = Bptt.rnnBackward(inputs, states, Check.matrix(p.get("weight_ih_l0")), Check.matrix(p.get("weight_hh_l0")),
                    gradOutputs);
            assertNotNull(grads, "rnnBackward returned null");
            String input = " for T=" + steps + ", x " + Check.show(inputs) + ", h_0 " + Check.show(h0[0]) + ", dL/dh_t "
                    + Check.show(gradOutputs);
            assertClose("dL/dx_t" + input, Check.cube(x.grad()), grads.inputGrads());
            assertClose("dL/dh_0" + input, Check.matrix(initial.grad().select(0, 0)), grads.initialHiddenGrad());
            assertClose("dL/dW_ih" + input, Check.matrix(p.get("weight_ih_l0").grad()), grads.weightIhGrad());
            assertClose("dL/dW_hh" + input, Check.matrix(p.get("weight_hh_l0").grad()), grads.weightHhGrad());
            assertClose("dL/db_ih" + input, p.get("bias_ih_l0").grad().toDoubleArray(), grads.biasIhGrad());
            assertClose("dL/db_hh" + input, p.get("bias_hh_l0").grad().toDoubleArray(), grads.biasHhGrad());
        }
    }
}
