package jgrad.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import jgrad.DType;
import jgrad.Grad;
import jgrad.Tensor;
import jgrad.nn.Peft;
import jgrad.testing.ModuleGradchecks;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Float64 gradient checks of a tiny BERT classifier through every parameter, with padding, token
 * types, and the parameter-efficient additions: prefix keys/values in every layer and bottleneck
 * adapters after the attention and feed-forward sublayers. Tolerances: {@link jgrad.Gradcheck}'s.
 */
class BertGradcheckTest {
    private static final BertConfig TINY = new BertConfig(7, 4, 1, 2, 6, 0.0, 0.0, 5, 2, 1e-12, 0, 0.02);

    private static BertForSequenceClassification tiny(SplittableRandom random, int prefix, boolean adapters) {
        var model = new BertForSequenceClassification(TINY, 3, random);
        model.to(DType.FLOAT64);
        if (prefix > 0) {
            model.bert().addPrefixes(prefix, random);
        }
        if (adapters) {
            Peft.addAdapters(model, ".*(attention\\.output|\\d+\\.output)\\.dense", 2, random);
        }
        try (var ignored = Grad.noGrad()) {      // away from the 0.02-scale init (and the adapters' zero start)
            model.parameters().forEach(p -> p.add_(Tensor.randn(random, DType.FLOAT64, p.shape()), 0.5));
        }
        return model;
    }

    @Property(tries = 6)
    void classifierGradientsMatchWithPrefixesAndAdapters(@ForAll @IntRange(min = 0, max = 2) int prefix,
                                                         @ForAll boolean adapters, @ForAll long seed) {
        var random = new SplittableRandom(seed);
        var model = tiny(random, prefix, adapters);
        Tensor ids = Tensor.of(new long[] {2, 4, 5, 3, 2, 6, 3, 0}, 2, 4);
        Tensor types = Tensor.of(new long[] {0, 0, 1, 1, 0, 0, 0, 0}, 2, 4);
        Tensor mask = Tensor.of(new long[] {1, 1, 1, 1, 1, 1, 1, 0}, 2, 4);
        ModuleGradchecks.assertGradientsMatch("models.BertForSequenceClassification", seed, model,
                () -> model.forward(ids, types, mask));
    }

    @Test
    void paddingDoesNotChangeTheOtherPositionsAndPrefixesAndAdaptersAreNamedWhereTheyAttach() {
        var model = tiny(new SplittableRandom(3), 2, true);
        Tensor short1 = Tensor.of(new long[] {2, 4, 3}, 1, 3);
        Tensor padded = Tensor.of(new long[] {2, 4, 3, 0, 0}, 1, 5);
        Tensor mask = Tensor.of(new long[] {1, 1, 1, 0, 0}, 1, 5);
        double[] alone = model.forward(short1, null, null).toDoubleArray();
        double[] withPadding = model.forward(padded, null, mask).toDoubleArray();
        for (int i = 0; i < alone.length; i++) {
            assertThat(withPadding[i]).as("logit %d", i).isCloseTo(alone[i], org.assertj.core.api.Assertions.within(1e-12));
        }
        assertThat(model.stateDict().keySet()).contains("bert.encoder.layer.0.attention.self.prefix_key",
                "bert.encoder.layer.0.attention.self.prefix_value",
                "bert.encoder.layer.0.attention.output.dense.adapter_down.weight",
                "bert.encoder.layer.0.output.dense.adapter_up.bias",
                "bert.encoder.layer.0.attention.output.dense.weight");
    }
}
