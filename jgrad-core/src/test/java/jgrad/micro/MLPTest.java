package jgrad.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Shapes, initialisation and parameter bookkeeping of {@link Neuron}, {@link Layer} and {@link MLP}. */
class MLPTest {

    @Test
    void neuronComputesWeightedSumPlusBiasThroughRelu() {
        var neuron = new Neuron(2, true, new Random(0));
        List<Value> parameters = neuron.parameters();
        parameters.get(0).setData(0.5);   // w1
        parameters.get(1).setData(-1.0);  // w2
        parameters.get(2).setData(0.25);  // b

        Value out = neuron.forward(List.of(new Value(4.0), new Value(1.0)));
        assertThat(out.data()).as("relu(0.5·4 - 1·1 + 0.25)").isEqualTo(1.25);
        assertThat(neuron.forward(List.of(new Value(-4.0), new Value(1.0))).data())
                .as("relu(-2 - 1 + 0.25) = relu(-2.75)").isEqualTo(0.0);

        out.backward();
        assertThat(parameters.get(0).grad()).as("d out/d w1 = x1").isEqualTo(4.0);
        assertThat(parameters.get(2).grad()).as("d out/d b = 1").isEqualTo(1.0);
    }

    @Test
    void neuronWeightsStartUniformInMinusOneToOneAndBiasAtZero() {
        var neuron = new Neuron(1000, false, new Random(3));
        List<Value> parameters = neuron.parameters();
        List<Value> weights = parameters.subList(0, 1000);
        assertThat(weights).allSatisfy(w -> assertThat(w.data()).isBetween(-1.0, 1.0));
        double mean = weights.stream().mapToDouble(Value::data).average().orElseThrow();
        assertThat(mean).as("mean of 1000 uniform(-1,1) draws, std error ≈ 0.018").isBetween(-0.1, 0.1);
        assertThat(parameters.getLast().data()).as("bias").isEqualTo(0.0);
    }

    @Test
    void mlpHasOneWeightPerConnectionAndOneBiasPerNeuron() {
        var model = new MLP(2, List.of(16, 16, 1), new Random(1));
        // (2·16 + 16) + (16·16 + 16) + (16·1 + 1)
        assertThat(model.parameters()).hasSize(337);
        assertThat(model.forward(0.3, -0.7)).hasSize(1);
        assertThat(new MLP(3, List.of(4, 5), new Random(1)).forward(1, 2, 3)).hasSize(5);
    }

    @Test
    void hiddenLayersUseReluAndTheLastLayerIsLinear() {
        var model = new MLP(2, List.of(8, 8, 3), new Random(1));
        List<Layer> layers = model.layers();
        assertThat(layers.get(0).neurons()).allMatch(Neuron::nonlinear);
        assertThat(layers.get(1).neurons()).allMatch(Neuron::nonlinear);
        assertThat(layers.get(2).neurons()).noneMatch(Neuron::nonlinear);
        assertThat(model.toString())
                .startsWith("MLP[Layer[ReLUNeuron(2), ")
                .endsWith("Layer[LinearNeuron(8), LinearNeuron(8), LinearNeuron(8)]]");
    }

    @Test
    void theSameSeedGivesTheSameModel() {
        double[] first = new MLP(2, List.of(4, 1), new Random(42)).parameters().stream().mapToDouble(Value::data).toArray();
        double[] again = new MLP(2, List.of(4, 1), new Random(42)).parameters().stream().mapToDouble(Value::data).toArray();
        double[] other = new MLP(2, List.of(4, 1), new Random(43)).parameters().stream().mapToDouble(Value::data).toArray();
        assertThat(again).containsExactly(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void zeroGradClearsEveryParameter() {
        var model = new MLP(2, List.of(4, 1), new Random(5));
        model.forward(1.0, 2.0).getFirst().mul(3.0).backward();
        assertThat(model.parameters()).anyMatch(p -> p.grad() != 0.0);
        model.zeroGrad();
        assertThat(model.parameters()).allMatch(p -> p.grad() == 0.0);
    }

    @Test
    void wrongInputSizeIsReportedWithBothSizes() {
        var model = new MLP(2, List.of(4, 1), new Random(5));
        assertThatThrownBy(() -> model.forward(1.0, 2.0, 3.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 2 inputs, got 3");
        assertThatThrownBy(() -> new MLP(2, List.of(), new Random(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one layer");
    }
}
