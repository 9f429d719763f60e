package jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import jgrad.DType;
import jgrad.Grad;
import jgrad.Tensor;
import jgrad.testing.ModuleGradchecks;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LoRA and bottleneck adapters: float64 gradient checks of the wrapped layers (with B and the
 * adapter's up-projection made non-zero, since at their initial zeros half the gradients vanish),
 * and the bookkeeping: identity at the start, merge/unmerge, freezing, saving only the LoRA tensors.
 */
class PeftTest {
    @TempDir
    Path directory;

    private static Linear linear(SplittableRandom random, int in, int out) {
        var linear = new Linear(in, out, true, random);
        linear.to(DType.FLOAT64);
        return linear;
    }

    private static void perturb(Module module, SplittableRandom random) {
        try (var ignored = Grad.noGrad()) {
            module.parameters().forEach(p -> p.add_(Tensor.randn(random, DType.FLOAT64, p.shape()), 0.5));
        }
    }

    @Property(tries = 15)
    void loraGradientsMatch(@ForAll @IntRange(min = 1, max = 3) int rank, @ForAll @IntRange(min = 1, max = 4) int in,
                            @ForAll @IntRange(min = 1, max = 4) int out, @ForAll @IntRange(min = 1, max = 3) int rows,
                            @ForAll long seed) {
        var random = new SplittableRandom(seed);
        var lora = new LoraLinear(linear(random, in, out), rank, 2.0 * rank + 1, 0.0, random);
        perturb(lora, random);
        Tensor x = Tensor.randn(random, DType.FLOAT64, 2, rows, in).requiresGrad(true);
        ModuleGradchecks.assertGradientsMatch("nn.LoraLinear", seed, lora, () -> lora.forward(x), x);
    }

    @Property(tries = 15)
    void adapterGradientsMatch(@ForAll @IntRange(min = 1, max = 3) int bottleneck, @ForAll @IntRange(min = 1, max = 4) int in,
                               @ForAll @IntRange(min = 1, max = 4) int out, @ForAll long seed) {
        var random = new SplittableRandom(seed);
        var adapted = new AdaptedLinear(linear(random, in, out), bottleneck, random);
        perturb(adapted, random);
        Tensor x = Tensor.randn(random, DType.FLOAT64, 3, in).requiresGrad(true);
        ModuleGradchecks.assertGradientsMatch("nn.AdaptedLinear", seed, adapted, () -> adapted.forward(x), x);
    }

    @Test
    void loraAndAdaptersStartAsTheWrappedLayerAndMergeAddsBA() {
        var random = new SplittableRandom(1);
        var base = linear(random, 5, 3);
        Tensor x = Tensor.randn(random, DType.FLOAT64, 4, 5);
        double[] expected = base.forward(x).toDoubleArray();
        var lora = new LoraLinear(base, 2, 4, 0.0, random);
        assertThat(lora.forward(x).toDoubleArray()).containsExactly(expected);
        assertThat(new AdaptedLinear(base, 2, random).forward(x).toDoubleArray()).containsExactly(expected);

        try (var ignored = Grad.noGrad()) {
            lora.namedParameters().get("lora_B").copy_(Tensor.randn(random, DType.FLOAT64, 3, 2));
        }
        double[] unmerged = lora.forward(x).toDoubleArray();
        double[] weight = base.weight().toDoubleArray();
        // W' = W + (alpha / r) B A, with alpha / r = 2
        Tensor ba = lora.namedParameters().get("lora_B").matmul(lora.namedParameters().get("lora_A")).mul(2.0);
        lora.merge();
        double[] merged = lora.forward(x).toDoubleArray();
        for (int i = 0; i < merged.length; i++) {
            assertThat(merged[i]).as("merged output %d", i).isCloseTo(unmerged[i], within(1e-12));
        }
        double[] mergedWeight = base.weight().toDoubleArray();
        double[] update = ba.toDoubleArray();
        for (int i = 0; i < weight.length; i++) {
            assertThat(mergedWeight[i]).as("merged weight %d", i).isCloseTo(weight[i] + update[i], within(1e-12));
        }
        assertThatThrownBy(lora::merge).hasMessageContaining("already merged");
        lora.unmerge();
        double[] restored = base.weight().toDoubleArray();
        for (int i = 0; i < weight.length; i++) {
            assertThat(restored[i]).as("unmerged weight %d", i).isCloseTo(weight[i], within(1e-12));
        }
    }

    /** Two blocks with linear layers reached by name, like BertModel's. */
    private static final class TwoBlocks extends Module {
        TwoBlocks(SplittableRandom random) {
            var list = new ModuleList();
            list.add(new Block(random));
            list.add(new Block(random));
            registerModule("blocks", list);
            registerModule("head", new Linear(4, 2, true, random));
        }

        @Override
        public Tensor forward(Tensor x) {
            for (Module block : (ModuleList) child("blocks")) {
                x = block.forward(x);
            }
            return child("head").forward(x);
        }
    }

    private static final class Block extends Module {
        Block(SplittableRandom random) {
            registerModule("query", new Linear(4, 4, true, random));
            registerModule("value", new Linear(4, 4, true, random));
        }

        @Override
        public Tensor forward(Tensor x) {
            return child("value").forward(child("query").forward(x).tanh());
        }
    }

    @Test
    void applyLoraByPatternFreezesTheRestAndSavesOnlyLoraTensors() throws IOException {
        var random = new SplittableRandom(2);
        var model = new TwoBlocks(random);
        model.to(DType.FLOAT64);
        long total = model.parameterCount();
        var wrapped = Peft.applyLora(model, "blocks\\.\\d+\\.query", 2, 4, 0.0, random);
        assertThat(wrapped).containsExactly("blocks.0.query", "blocks.1.query");
        assertThat(model.stateDict().keySet()).contains("blocks.0.query.weight", "blocks.0.query.lora_A",
                "blocks.0.query.lora_B", "blocks.1.value.weight");
        Peft.trainOnly(model, ".*lora_.*|head\\..*");
        // per block: A (2, 4) + B (4, 2) = 16; head 4*2+2 = 10
        assertThat(Peft.trainableCount(model)).isEqualTo(2 * 16 + 10);
        assertThat(model.parameterCount()).isEqualTo(total + 32);

        Tensor x = Tensor.randn(random, DType.FLOAT64, 3, 4);
        model.forward(x).square().sum().backward();
        assertThat(model.getSubmodule("blocks.0.query").namedParameters().get("weight").grad()).isNull();
        assertThat(model.getSubmodule("blocks.0.query").namedParameters().get("lora_B").grad()).isNotNull();

        try (var ignored = Grad.noGrad()) {
            Peft.loraStateDict(model).values().forEach(t -> t.copy_(Tensor.randn(random, DType.FLOAT64, t.shape())));
        }
        double[] trained = model.forward(x).toDoubleArray();
        Path file = directory.resolve("lora.safetensors");
        Peft.saveLora(model, file);
        assertThat(jgrad.io.Safetensors.load(file).keySet()).containsExactlyInAnyOrder(
                "blocks.0.query.lora_A", "blocks.0.query.lora_B", "blocks.1.query.lora_A", "blocks.1.query.lora_B");

        // a fresh copy of the same base model with LoRA applied the same way gets the trained output back
        var again = new TwoBlocks(new SplittableRandom(2));
        again.to(DType.FLOAT64);
        Peft.applyLora(again, "blocks\\.\\d+\\.query", 2, 4, 0.0, new SplittableRandom(99));
        Peft.loadLora(again, file);
        assertThat(again.forward(x).toDoubleArray()).containsExactly(trained);

        var other = new TwoBlocks(new SplittableRandom(2));
        Peft.applyLora(other, "blocks\\.0\\.value", 2, 4, 0.0, random);
        assertThatThrownBy(() -> Peft.loadLora(other, file)).hasMessageContaining("missing in file: blocks.0.value.lora_A")
                .hasMessageContaining("no LoRA layer for: blocks.1.query.lora_B");
        assertThatThrownBy(() -> Peft.applyLora(model, "nothing", 2, 4, 0.0, random))
                .hasMessageContaining("blocks.0.value");
    }

    @Test
    void loraOnGptLinearLayersLearnsASequenceAndMergesToTheSameLogits() {
        var random = new SplittableRandom(4);
        var gpt = new jgrad.models.GPT(new jgrad.models.GPT.Config(8, 11, 2, 2, 16, 0.0, true, "tanh"), random);
        gpt.to(DType.FLOAT64);
        try (var ignored = Grad.noGrad()) {   // N(0, 0.02) embeddings would cap the frozen tied head's logits near 0
            gpt.namedParameters().get("transformer.wte.weight").mul_(50);
        }
        Peft.applyLora(gpt, ".*\\.(c_attn|c_fc|c_proj)", 4, 8, 0.0, random);
        Peft.trainOnly(gpt, ".*lora_.*");
        Tensor idx = Tensor.of(new long[] {1, 2, 3, 4, 5, 6, 7}, 1, 7);
        Tensor targets = Tensor.of(new long[] {2, 3, 4, 5, 6, 7, 8}, 1, 7);
        var optimizer = new jgrad.optim.AdamW(Peft.trainableParameters(gpt), 3e-2);
        double first = 0, last = 0;
        for (int step = 0; step < 60; step++) {
            Tensor loss = gpt.loss(idx, targets);
            optimizer.zeroGrad();
            loss.backward();
            optimizer.step();
            if (step == 0) first = loss.item();
            last = loss.item();
        }
        // only the LoRA matrices of the 4 linear layers per block train; the frozen random GPT starts near ln 11 = 2.4
        assertThat(last).as("loss after 60 LoRA steps (first %.3f)", first).isLessThan(0.5 * first);
        double[] unmerged = gpt.forward(idx).toDoubleArray();
        Peft.mergeLora(gpt);
        double[] merged = gpt.forward(idx).toDoubleArray();
        for (int i = 0; i < merged.length; i++) {
            assertThat(merged[i]).as("merged logit %d", i).isCloseTo(unmerged[i], within(1e-10));
        }
    }
}
