package jgrad.viz;

import static org.assertj.core.api.Assertions.assertThat;

import jgrad.DType;
import jgrad.Tensor;
import org.junit.jupiter.api.Test;

class TensorDotTest {

    @Test
    void tensorGraphShowsOpsShapesDataAndGradients() {
        var x = Tensor.of(new double[] {1.0, -2.0}).requiresGrad(true);
        var w = Tensor.of(new double[] {0.5, 0.25}).requiresGrad(true);
        Tensor loss = x.mul(w).relu().sum();
        loss.backward(true);   // retain the graph, so it can still be drawn

        String dot = Dot.toDot(loss);

        assertThat(dot).startsWith("digraph computation {");
        assertThat(dot).contains("n0 [shape=record, label=\"{ () float64 | data [0.5000] | grad - }\"];");
        assertThat(dot).contains("n0_op [label=\"SumBackward\"];")
                .contains("[label=\"ReluBackward\"];")
                .contains("[label=\"MulBackward\"];");
        // the leaves carry their accumulated gradients: d/dx = w * [x*w > 0], d/dw = x * [x*w > 0]
        assertThat(dot).contains("{ (2,) float64 | data [1.0000, -2.0000] | grad [0.5000, 0.0000] }")
                .contains("{ (2,) float64 | data [0.5000, 0.2500] | grad [1.0000, 0.0000] }");
        assertThat(dot.lines().filter(line -> line.contains("_op;")).count())
                .as("edges into op nodes: sum<-relu, relu<-mul, mul<-x, mul<-w")
                .isEqualTo(4);
    }

    @Test
    void bigTensorsAreSummarisedByTheirMean() {
        Tensor y = Tensor.ones(DType.FLOAT64, 3, 3).requiresGrad(true).mul(2.0);
        assertThat(Dot.toDot(y)).contains("{ (3, 3) float64 | data mean 2.0000 | grad - }");
    }
}
