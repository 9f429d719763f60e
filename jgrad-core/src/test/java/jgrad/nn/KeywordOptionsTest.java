package jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jgrad.DType;
import jgrad.Tensor;
import jgrad.nn.functional.F;
import jgrad.nn.functional.Reduction;
import jgrad.optim.Adam;
import jgrad.optim.AdamW;
import jgrad.optim.Optimizer;
import jgrad.optim.RMSprop;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The keyword-options forms (records with one fluent setter per PyTorch keyword) build exactly what the
 * long positional constructors build: the same parameters from the same seed, the same outputs, the same
 * optimizer steps.
 */
class KeywordOptionsTest {

    private static void assertSameParameters(Module viaOptions, Module viaConstructor) {
        Map<String, Tensor> expected = viaConstructor.stateDict();
        Map<String, Tensor> actual = viaOptions.stateDict();
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((name, tensor) -> assertThat(actual.get(name).toDoubleArray()).as(name)
                .containsExactly(tensor.toDoubleArray()));
    }

    @Test
    void recurrentOptionsBuildTheSameLayersAsTheLongConstructors() {
        var options = LSTM.options().numLayers(2).bias(false).batchFirst(true).dropout(0.25).bidirectional(true);
        var lstm = new LSTM(5, 7, options, new SplittableRandom(1));
        var lstmLong = new LSTM(5, 7, 2, false, true, 0.25, true, new SplittableRandom(1));
        assertSameParameters(lstm, lstmLong);
        assertThat(lstm.batchFirst()).isTrue();
        assertThat(lstm.bidirectional()).isTrue();
        Tensor x = Tensor.randn(new Random(2), DType.FLOAT64, 3, 4, 5);   // (B, L, in): batch first
        lstm.eval();
        lstmLong.eval();
        assertThat(lstm.forward(x).toDoubleArray()).containsExactly(lstmLong.forward(x).toDoubleArray());

        assertSameParameters(new GRU(4, 6, GRU.options().numLayers(3).bias(true), new SplittableRandom(3)),
                new GRU(4, 6, 3, true, false, 0.0, false, new SplittableRandom(3)));
        assertSameParameters(new RNN(4, 6, RNN.options().nonlinearity("relu").bidirectional(true), new SplittableRandom(4)),
                new RNN(4, 6, 1, "relu", true, false, 0.0, true, new SplittableRandom(4)));
        assertThat(LSTM.options()).as("the defaults are PyTorch's").isEqualTo(new RNNBase.Options(1, "tanh", true, false, 0.0, false));
    }

    @Test
    void lstmAndGruRefuseANonlinearityInsteadOfIgnoringIt() {
        assertThatThrownBy(() -> new LSTM(2, 3, LSTM.options().nonlinearity("relu")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LSTM").hasMessageContaining("nonlinearity");
        assertThatThrownBy(() -> new GRU(2, 3, GRU.options().nonlinearity("relu")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GRU");
    }

    /** Two steps on a quadratic with each optimizer; the parameters must agree bit for bit. */
    private static double[] twoSteps(Function<List<Tensor>, Optimizer> make) {
        Tensor p = Tensor.of(new double[] {1.5, -2.0, 0.25}).requiresGrad(true);
        Optimizer optimizer = make.apply(List.of(p));
        for (int step = 0; step < 2; step++) {
            optimizer.zeroGrad();
            p.mul(p).mul(Tensor.of(new double[] {1, 3, -2})).sum().backward();
            optimizer.step();
        }
        return p.toDoubleArray();
    }

    @Test
    void optimizerOptionsStepLikeTheLongConstructors() {
        assertThat(twoSteps(ps -> new Adam(ps, Adam.options().lr(0.05).betas(0.8, 0.95).eps(1e-6).weightDecay(0.1).amsgrad(true))))
                .containsExactly(twoSteps(ps -> new Adam(ps, 0.05, 0.8, 0.95, 1e-6, 0.1, true)));
        assertThat(twoSteps(ps -> new AdamW(ps, AdamW.options().lr(0.05))))
                .containsExactly(twoSteps(ps -> new AdamW(ps, 0.05)));
        assertThat(twoSteps(ps -> new RMSprop(ps, RMSprop.options().lr(0.02).alpha(0.9).eps(1e-5).weightDecay(0.01)
                .momentum(0.5).centered(true))))
                .containsExactly(twoSteps(ps -> new RMSprop(ps, 0.02, 0.9, 1e-5, 0.01, 0.5, true)));
        assertThat(new Adam(List.of(Tensor.zeros(1).requiresGrad(true)), Adam.options()).paramGroups().getFirst().options())
                .as("Adam.options() holds PyTorch's defaults")
                .containsEntry("lr", 1e-3).containsEntry("beta1", 0.9).containsEntry("beta2", 0.999)
                .containsEntry("eps", 1e-8).containsEntry("weight_decay", 0.0);
        assertThat(AdamW.options().weightDecay()).as("AdamW's default weight decay").isEqualTo(0.01);
        assertThat(RMSprop.options().lr()).isEqualTo(0.01);
    }

    @Test
    void crossEntropyOptionsGiveTheSameLossAsTheLongForm() {
        Tensor logits = Tensor.randn(new Random(5), DType.FLOAT64, 6, 4);
        Tensor target = Tensor.of(new int[] {0, 3, 1, 1, 2, 3}).to(DType.INT64);
        Tensor weight = Tensor.of(new double[] {1, 2, 0.5, 1.5});
        Tensor viaOptions = F.crossEntropy(logits, target, F.crossEntropyOptions()
                .weight(weight).ignoreIndex(1).reduction(Reduction.SUM).labelSmoothing(0.2));
        Tensor longForm = F.crossEntropy(logits, target, weight, 1, Reduction.SUM, 0.2);
        assertThat(viaOptions.item()).isEqualTo(longForm.item());
        assertThat(F.crossEntropy(logits, target, F.crossEntropyOptions()).item())
                .as("defaults").isEqualTo(F.crossEntropy(logits, target).item());
    }

    @Test
    void poolOptionsGiveTheSameOutputsAsTheLongForms() {
        Tensor image = Tensor.randn(new Random(6), DType.FLOAT64, 2, 3, 9, 8);
        var options = F.poolOptions().stride(2, 3).padding(1).ceilMode(true);
        assertThat(new MaxPool2d(3, options.dilation(1, 2)).forward(image).toDoubleArray())
                .containsExactly(new MaxPool2d(new int[] {3, 3}, new int[] {2, 3}, new int[] {1, 1}, new int[] {1, 2}, true)
                        .forward(image).toDoubleArray());
        assertThat(F.maxPool2d(image, 3, options).toDoubleArray())
                .containsExactly(F.maxPool2d(image, new int[] {3, 3}, new int[] {2, 3}, new int[] {1, 1}, new int[] {1, 1}, true)
                        .toDoubleArray());
        var averaging = options.countIncludePad(false).divisorOverride(5);
        assertThat(new AvgPool2d(3, averaging).forward(image).toDoubleArray())
                .containsExactly(new AvgPool2d(new int[] {3, 3}, new int[] {2, 3}, new int[] {1, 1}, true, false, 5)
                        .forward(image).toDoubleArray());
        assertThat(F.maxPool2d(image, 2, F.poolOptions()).toDoubleArray()).as("stride defaults to the kernel size")
                .containsExactly(F.maxPool2d(image, 2).toDoubleArray());

        Tensor sequence = Tensor.randn(new Random(7), DType.FLOAT64, 2, 3, 11);
        var oneD = F.poolOptions().stride(2).padding(1).dilation(2);
        assertThat(new MaxPool1d(3, oneD).forward(sequence).toDoubleArray())
                .containsExactly(new MaxPool1d(3, 2, 1, 2, false).forward(sequence).toDoubleArray());
        assertThat(new AvgPool1d(4, F.poolOptions().padding(2).countIncludePad(false)).forward(sequence).toDoubleArray())
                .containsExactly(F.avgPool1d(sequence, 4, 4, 2, false, false).toDoubleArray());
    }

    @Test
    void poolOptionsThatDoNotApplyAreRefusedByName() {
        assertThatThrownBy(() -> new AvgPool2d(2, F.poolOptions().dilation(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AvgPool2d").hasMessageContaining("dilation");
        assertThatThrownBy(() -> new MaxPool2d(2, F.poolOptions().divisorOverride(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MaxPool2d").hasMessageContaining("divisorOverride");
        assertThatThrownBy(() -> new MaxPool1d(2, F.poolOptions().stride(1, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MaxPool1d").hasMessageContaining("stride (1, 2)");
        assertThatThrownBy(() -> new AvgPool1d(2, F.poolOptions().divisorOverride(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AvgPool1d");
    }
}
