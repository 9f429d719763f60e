package jgrad.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import jgrad.Tensor;
import jgrad.examples.BertFineTune;
import org.junit.jupiter.api.Test;

/** BERT's schedule (warm-up, then linear decay) and its AdamW parameter groups. */
class WarmupLinearLRTest {
    @Test
    void riseLinearlyThenFallToZero() {
        var optimizer = new SGD(List.of(Tensor.zeros(2).requiresGrad(true)), 0.1);
        var schedule = new WarmupLinearLR(optimizer, 4, 12);
        List<Double> lrs = new ArrayList<>();
        for (int step = 0; step <= 13; step++) {
            lrs.add(schedule.lastLr().get(0));
            schedule.step();
        }
        // steps 0..4: 0.1 * s/4; steps 4..12: 0.1 * (12 - s)/8; after 12: 0
        double[] expected = {0, 0.025, 0.05, 0.075, 0.1, 0.0875, 0.075, 0.0625, 0.05, 0.0375, 0.025, 0.0125, 0, 0};
        for (int s = 0; s < expected.length; s++) {
            assertThat(lrs.get(s)).as("lr at step %d", s).isCloseTo(expected[s], within(1e-12));
        }
    }

    @Test
    void biasesAndLayerNormGetNoWeightDecay() {
        Tensor weight = Tensor.zeros(2, 2).requiresGrad(true), bias = Tensor.zeros(2).requiresGrad(true);
        Tensor gain = Tensor.ones(2).requiresGrad(true);
        var named = new java.util.LinkedHashMap<String, Tensor>();
        named.put("encoder.layer.0.output.dense.weight", weight);
        named.put("encoder.layer.0.output.dense.bias", bias);
        named.put("encoder.layer.0.output.LayerNorm.weight", gain);
        var optimizer = BertFineTune.adamW(named, 1e-4, 0.01);
        assertThat(optimizer.paramGroups()).hasSize(2);
        assertThat(optimizer.paramGroups().get(0).params()).containsExactly(weight);
        assertThat(optimizer.paramGroups().get(0).options()).containsEntry("weight_decay", 0.01).containsEntry("eps", 1e-8);
        assertThat(optimizer.paramGroups().get(1).params()).containsExactly(bias, gain);
        assertThat(optimizer.paramGroups().get(1).options()).containsEntry("weight_decay", 0.0);
    }
}
