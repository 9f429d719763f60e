package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;


import jgrad.testing.Pictures;
import jgrad.micro.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MicrogradDemoTest {

    @Test
    void trainingReachesFullAccuracyOnTheMoons() {
        var history = new ArrayList<MicrogradDemo.Progress>();
        MicrogradDemo.Trained trained = MicrogradDemo.train(history::add);

        assertThat(trained.result().accuracy()).as("training accuracy after %d steps", MicrogradDemo.STEPS).isEqualTo(1.0);
        assertThat(trained.result().loss()).as("final loss").isLessThan(0.05);
        assertThat(history).hasSize(MicrogradDemo.STEPS);
        assertThat(history.getLast().loss()).as("loss fell from the first step").isLessThan(history.getFirst().loss());
    }

    @Test
    void mainWritesTheDecisionBoundaryPngAndTheNeuronGraph(@TempDir Path directory) throws IOException {
        Path png = directory.resolve("plots/moons.png");
        MicrogradDemo.main(new String[] {png.toString()});

        Pictures.assertDrawnPng(png, 640, 400);
        assertThat(png.resolveSibling("micrograd_neuron.dot")).content().startsWith("digraph").contains("tanh");
    }

    @Test
    void theExampleNeuronHasHandCheckableGradients() {
        Value o = MicrogradDemo.exampleNeuron();
        // n = 1.5·0.8 + (-0.5)·(-1.2) + 0.1 = 1.9,  o = tanh(1.9),  do/dn = 1 - o²
        double doDn = 1 - Math.tanh(1.9) * Math.tanh(1.9);
        assertThat(o.data()).isCloseTo(Math.tanh(1.9), within(1e-12));
        List<Value> leaves = leavesByLabel(o);
        assertThat(leaves).extracting(Value::label).containsExactlyInAnyOrder("x1", "w1", "x2", "w2", "b");
        for (Value leaf : leaves) {
            double expected = switch (leaf.label()) {
                case "x1" -> 0.8 * doDn;   // do/dx1 = w1 · do/dn
                case "w1" -> 1.5 * doDn;   // do/dw1 = x1 · do/dn
                case "x2" -> -1.2 * doDn;
                case "w2" -> -0.5 * doDn;
                default -> doDn;           // do/db = do/dn
            };
            assertThat(leaf.grad()).as("do/d%s", leaf.label()).isCloseTo(expected, within(1e-12));
        }
    }

    private static List<Value> leavesByLabel(Value root) {
        var leaves = new ArrayList<Value>();
        var stack = new ArrayList<>(List.of(root));
        while (!stack.isEmpty()) {
            Value node = stack.removeLast();
            if (node.children().isEmpty()) {
                leaves.add(node);
            }
            stack.addAll(node.children());
        }
        return leaves;
    }
}
