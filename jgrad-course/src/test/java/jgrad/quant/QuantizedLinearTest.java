package jgrad.quant;

import jgrad.Grad;
import jgrad.Tensor;
import jgrad.data.DataLoader;
import jgrad.data.RenderedDigits;
import jgrad.models.MLP;
import jgrad.nn.Linear;
import jgrad.nn.Sequential;
import jgrad.optim.AdamW;
import jgrad.train.Trainer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuantizedLinearTest {

    /** Every output stays within the rounding bound of the class Javadoc of the float layer's output. */
    @Property(tries = 40)
    void eachOutputIsWithinTheRoundingBoundOfTheFloatLayer(@ForAll @IntRange(min = 1, max = 6) int rows,
                                                          @ForAll @IntRange(min = 1, max = 50) int in,
                                                          @ForAll @IntRange(min = 1, max = 9) int out, @ForAll long seed) {
        var random = new SplittableRandom(seed);
        var linear = new Linear(in, out, true, random);
        Tensor x = Tensor.randn(random, jgrad.DType.FLOAT32, rows, in).mul(random.nextDouble(0.1, 10));
        Tensor expected, actual;
        try (var ignored = Grad.noGrad()) {
            expected = linear.forward(x);
            actual = QuantizedLinear.from(linear).forward(x);
        }
        float[] w = linear.weight().toFloatArray(), xs = x.toFloatArray(), e = expected.toFloatArray(), a = actual.toFloatArray();
        for (int m = 0; m < rows; m++) {
            double sumX = 0, maxX = 0;
            for (int k = 0; k < in; k++) {
                sumX += Math.abs(xs[m * in + k]);
                maxX = Math.max(maxX, Math.abs(xs[m * in + k]));
            }
            for (int n = 0; n < out; n++) {
                double sumW = 0, maxW = 0;
                for (int k = 0; k < in; k++) {
                    sumW += Math.abs(w[n * in + k]);
                    maxW = Math.max(maxW, Math.abs(w[n * in + k]));
                }
                double sx = maxX / 127, sw = maxW / 127;
                double bound = 0.5 * sx * sumW + 0.5 * sw * sumX + 0.25 * in * sx * sw;
                double floatSlack = 1e-5 * (sumX * maxW + 1);     // float32 rounding of the two sums
                assertThat((double) a[m * out + n]).as("row %d output %d (bound %.3g)", m, n, bound)
                        .isCloseTo(e[m * out + n], org.assertj.core.api.Assertions.within(bound + floatSlack));
            }
        }
    }

    @Test
    void aTrainedMlpKeepsItsHeldOutAccuracyWithinOnePointAndShrinksAboutFourfold() {
        jgrad.Jgrad.manualSeed(3);
        var mlp = new MLP(784, 10, 64);
        var trainer = new Trainer(mlp, new AdamW(mlp.parameters(), 3e-3)).withOutput(null, false);
        trainer.fit(new DataLoader(RenderedDigits.generate(1_500, 11), 64, true, 0), null, 2);
        var test = RenderedDigits.generate(300, 12);
        var layers = (Sequential) mlp.namedChildren().get("layers");
        Sequential int8 = Quantize.linearLayers(layers);
        double floatAccuracy, int8Accuracy;
        try (var ignored = Grad.noGrad()) {
            mlp.eval();
            floatAccuracy = accuracy(layers.forward(test.inputs()), test.targets());
            int8Accuracy = accuracy(int8.forward(test.inputs()), test.targets());
        }
        assertThat(floatAccuracy).as("the float model learned something").isGreaterThan(0.7);
        assertThat(int8Accuracy).as("int8 %.3f vs float %.3f", int8Accuracy, floatAccuracy).isCloseTo(floatAccuracy,
                org.assertj.core.api.Assertions.within(0.01));
        long floatBytes = Quantize.sizeBytes(layers), int8Bytes = Quantize.sizeBytes(int8);
        assertThat(floatBytes).isEqualTo(4L * (784 * 64 + 64 + 64 * 10 + 10));
        assertThat(int8Bytes).isEqualTo((784 * 64 + 64 * 10) + 4L * 2 * (64 + 10));
    }

    private static double accuracy(Tensor logits, Tensor targets) {
        return logits.argmax(-1, false).eq(targets).float32().mean().item();
    }

    @Test
    void inputOfTheWrongWidthOrWithGradIsRefused() {
        var q = QuantizedLinear.from(new Linear(4, 2));
        assertThatThrownBy(() -> q.forward(Tensor.zeros(3, 5))).hasMessageContaining("QuantizedLinear: expected input (*, 4), got (3, 5)");
        assertThatThrownBy(() -> q.forward(Tensor.zeros(3, 4).requiresGrad(true))).hasMessageContaining("inference only");
    }

    @Test
    void dequantizedWeightsAreWithinHalfAStepOfTheOriginals() {
        var linear = new Linear(30, 5);
        float[] w = linear.weight().toFloatArray();
        float[] d = QuantizedLinear.from(linear).dequantizedWeight().toFloatArray();
        for (int n = 0; n < 5; n++) {
            float max = 0;
            for (int k = 0; k < 30; k++) max = Math.max(max, Math.abs(w[n * 30 + k]));
            for (int k = 0; k < 30; k++) {
                assertThat(d[n * 30 + k]).isCloseTo(w[n * 30 + k], org.assertj.core.api.Assertions.within(max / 127 / 2 * 1.0001f));
            }
        }
    }
}
