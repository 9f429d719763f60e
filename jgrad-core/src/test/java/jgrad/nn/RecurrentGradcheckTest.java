package jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.testing.ModuleGradchecks;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Gradient checks (float64, tiny sizes) of every recurrent cell and layer, with respect to the
 * input, the initial states and every parameter. Tolerances: {@link jgrad.Gradcheck}'s (relative
 * 1e-5 or absolute 1e-7).
 */
class RecurrentGradcheckTest {

    enum Kind { RNN_TANH, RNN_RELU, LSTM, GRU }

    private static Tensor leaf(SplittableRandom random, int... shape) {
        return Tensor.randn(random, DType.FLOAT64, shape).mul(0.8).requiresGrad(true);
    }

    @Property(tries = 12)
    void cellGradientsMatch(@ForAll Kind kindChoice,
                            @ForAll @IntRange(min = 1, max = 3) int batch,
                            @ForAll boolean bias, @ForAll boolean unbatched, @ForAll long seed) {
        String kind = kindChoice.name().toLowerCase();
        var random = new SplittableRandom(seed);
        int in = 3, hidden = 2;
        RNNCellBase cell = switch (kind) {
            case "rnn_tanh" -> new RNNCell(in, hidden, bias, "tanh", random);
            case "rnn_relu" -> new RNNCell(in, hidden, bias, "relu", random);
            case "lstm" -> new LSTMCell(in, hidden, bias, random);
            default -> new GRUCell(in, hidden, bias, random);
        };
        cell.to(DType.FLOAT64);
        Tensor x = unbatched ? leaf(random, in) : leaf(random, batch, in);
        Tensor h = unbatched ? leaf(random, hidden) : leaf(random, batch, hidden);
        Tensor c = unbatched ? leaf(random, hidden) : leaf(random, batch, hidden);
        ModuleGradchecks.assertGradientsMatch("nn." + kind + "Cell", seed, cell, () -> {
            HiddenState next = cell.step(x, new HiddenState(h, kind.equals("lstm") ? c : null));
            return next.c() == null ? next.h() : Tensor.cat(java.util.List.of(next.h(), next.c()), -1);
        }, kind.equals("lstm") ? new Tensor[] {x, h, c} : new Tensor[] {x, h});
    }

    @Property(tries = 15)
    void sequenceLayerGradientsMatch(@ForAll Kind kindChoice,
                                     @ForAll @IntRange(min = 1, max = 2) int layers,
                                     @ForAll boolean bidirectional, @ForAll boolean batchFirst,
                                     @ForAll @IntRange(min = 1, max = 3) int length, @ForAll long seed) {
        String kind = kindChoice.name().toLowerCase();
        var random = new SplittableRandom(seed);
        int in = 2, hidden = 2, batch = 2;
        RNNBase layer = switch (kind) {
            case "rnn_tanh", "rnn_relu" -> new RNN(in, hidden, layers, kind.substring(4), true, batchFirst, 0.0, bidirectional, random);
            case "lstm" -> new LSTM(in, hidden, layers, true, batchFirst, 0.0, bidirectional, random);
            default -> new GRU(in, hidden, layers, true, batchFirst, 0.0, bidirectional, random);
        };
        layer.to(DType.FLOAT64);
        int directions = bidirectional ? 2 : 1;
        Tensor x = batchFirst ? leaf(random, batch, length, in) : leaf(random, length, batch, in);
        Tensor h0 = leaf(random, layers * directions, batch, hidden);
        Tensor c0 = leaf(random, layers * directions, batch, hidden);
        boolean lstm = kind.equals("lstm");
        ModuleGradchecks.assertGradientsMatch("nn." + kind.toUpperCase() + " layer", seed, layer, () -> {
            RNNBase.Output out = layer.run(x, new HiddenState(h0, lstm ? c0 : null));
            Tensor flat = Tensor.cat(java.util.List.of(out.output().reshape(-1), out.state().h().reshape(-1)), 0);
            return lstm ? Tensor.cat(java.util.List.of(flat, out.state().c().reshape(-1)), 0) : flat;
        }, lstm ? new Tensor[] {x, h0, c0} : new Tensor[] {x, h0});
    }

    @Test
    void parameterNamesAndShapesFollowPyTorch() {
        var lstm = new LSTM(3, 5, 2, false, false, 0.0, true, new SplittableRandom(1));
        assertThat(lstm.namedParameters().keySet()).containsExactly(
                "weight_ih_l0", "weight_hh_l0", "weight_ih_l0_reverse", "weight_hh_l0_reverse",
                "weight_ih_l1", "weight_hh_l1", "weight_ih_l1_reverse", "weight_hh_l1_reverse");
        assertThat(lstm.namedParameters().get("weight_ih_l1").shape()).containsExactly(20, 10);
        var gru = new GRU(3, 4);
        assertThat(gru.namedParameters().keySet()).containsExactly("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0");
        assertThat(gru.namedParameters().get("bias_hh_l0").shape()).containsExactly(12);
        var cell = new LSTMCell(3, 4);
        assertThat(cell.namedParameters().keySet()).containsExactly("weight_ih", "weight_hh", "bias_ih", "bias_hh");
    }

    @Test
    void initialisationIsUniformWithinOneOverSqrtHidden() {
        var rnn = new RNN(7, 16);
        for (Tensor p : rnn.parameters()) {
            assertThat(p.abs().max().item()).as("every value within 1/sqrt(16)").isLessThanOrEqualTo(0.25);
        }
        assertThat(rnn.parameters().get(0).abs().max().item()).as("the bound is used, not a narrower one").isGreaterThan(0.2);
    }

    @Test
    void outputShapesForBatchFirstBidirectionalAndUnbatched() {
        var lstm = new LSTM(3, 4, 2, true, true, 0.0, true, new SplittableRandom(2));
        var out = lstm.forward(Tensor.randn(5, 6, 3), null);
        assertThat(out.output().shape()).containsExactly(5, 6, 8);
        assertThat(out.state().h().shape()).containsExactly(4, 5, 4);
        assertThat(out.state().c().shape()).containsExactly(4, 5, 4);
        var gru = new GRU(3, 4);
        var single = gru.forward(Tensor.randn(6, 3), null);
        assertThat(single.output().shape()).containsExactly(6, 4);
        assertThat(single.state().h().shape()).containsExactly(1, 4);
    }

    @Test
    void lastOutputStepEqualsFinalHiddenStateOfTheTopLayer() {
        var gru = new GRU(3, 4, 2);
        var out = gru.forward(Tensor.randn(5, 2, 3), null);
        assertThat(out.output().select(0, 4).toFloatArray()).containsExactly(out.state().h().select(0, 1).toFloatArray());
    }

    @Test
    void dropoutBetweenLayersActsOnlyInTraining() {
        var lstm = new LSTM(3, 4, 2, true, false, 0.5, false, new SplittableRandom(3));
        Tensor x = Tensor.randn(4, 2, 3);
        float[] evalA = ((RNNBase) lstm.eval()).forward(x).toFloatArray();
        float[] evalB = lstm.forward(x).toFloatArray();
        assertThat(evalA).containsExactly(evalB);
        lstm.train();
        assertThat(lstm.forward(x).toFloatArray()).isNotEqualTo(evalA);
    }

    @Test
    void badShapesAreReportedWithTheExpectedShape() {
        var lstm = new LSTM(3, 4);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> lstm.forward(Tensor.randn(5, 2, 7)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LSTM").hasMessageContaining("(5, 2, 7)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> lstm.forward(Tensor.randn(5, 2, 3),
                        new HiddenState(Tensor.zeros(2, 2, 4), Tensor.zeros(1, 2, 4))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initial h");
    }
}
