package jgrad.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.testing.ModuleGradchecks;
import jgrad.text.Sampler;
import org.junit.jupiter.api.Test;

class GPTTest {

    private static final GPT.Config TINY = new GPT.Config(4, 5, 2, 2, 4, 0.0, true);

    private static Tensor tokens(SplittableRandom random, int batch, int length, int vocab) {
        long[] ids = new long[batch * length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = random.nextInt(vocab);
        }
        return Tensor.of(ids, batch, length);
    }

    /**
     * Every parameter of a 2-layer GPT in float64 (the composed path); Gradcheck's tolerances. Both
     * bias settings, each from a fixed seed, so every run checks both (a random flag over a few tries
     * skips one of them a quarter of the time).
     */
    @Test
    void tinyGptGradientsMatchWithAndWithoutBias() {
        for (boolean bias : new boolean[] {true, false}) {
            long seed = bias ? 21 : 22;
            var random = new SplittableRandom(seed);
            var gpt = new GPT(new GPT.Config(4, 5, 2, 2, 4, 0.0, bias), random);
            gpt.to(DType.FLOAT64);
            try (var ignored = jgrad.Grad.noGrad()) {   // larger weights than GPT's 0.02 init, so every path carries signal
                gpt.parameters().forEach(p -> p.add_(Tensor.randn(random, DType.FLOAT64, p.shape()), 0.3));
            }
            assertThat(gpt.namedParameters().keySet().stream().anyMatch(name -> name.endsWith("c_attn.bias")))
                    .as("bias=" + bias + " gives the attention projection a bias").isEqualTo(bias);
            Tensor idx = tokens(random, 2, 3, 5);
            ModuleGradchecks.assertGradientsMatch("models.GPT bias=" + bias, seed, gpt, () -> gpt.forward(idx));
        }
    }

    @Test
    void namesFollowNanoGpt() {
        var gpt = new GPT(TINY, new SplittableRandom(1));
        assertThat(gpt.namedParameters().keySet()).startsWith("transformer.wte.weight", "transformer.wpe.weight",
                "transformer.h.0.ln_1.weight", "transformer.h.0.ln_1.bias", "transformer.h.0.attn.c_attn.weight",
                "transformer.h.0.attn.c_attn.bias", "transformer.h.0.attn.c_proj.weight");
        assertThat(gpt.namedParameters().keySet()).contains("transformer.h.1.mlp.c_fc.weight", "transformer.ln_f.bias");
        // 5*4 + 4*4 + 2 * (2*8 + 4*12+12 + 4*4+4 + 4*16+16 + 16*4+4) + 8
        assertThat(gpt.parameterCount()).isEqualTo(20 + 16 + 2 * (16 + 60 + 20 + 80 + 68) + 8);
    }

    @Test
    void float32ForwardMatchesFloat64() {
        var gpt = new GPT(TINY, new SplittableRandom(2));
        Tensor idx = tokens(new SplittableRandom(3), 2, 4, 5);
        float[] single = gpt.forward(idx).toFloatArray();
        gpt.to(DType.FLOAT64);
        double[] dbl = gpt.forward(idx).toDoubleArray();
        for (int i = 0; i < dbl.length; i++) {
            assertThat((double) single[i]).isCloseTo(dbl[i], org.assertj.core.api.Assertions.within(1e-5));
        }
    }

    @Test
    void generateAppendsTokensAndStreamsRowZero() {
        var gpt = new GPT(TINY, new SplittableRandom(4));
        var streamed = new java.util.ArrayList<Integer>();
        Tensor out = gpt.generate(tokens(new SplittableRandom(5), 2, 3, 5), 6, new Sampler().withTopK(3),
                new SplittableRandom(6), streamed::add);
        assertThat(out.shape()).containsExactly(2, 9);
        assertThat(streamed).hasSize(6);
        for (int i = 0; i < 6; i++) {
            assertThat((long) out.get(0, 3 + i)).isEqualTo(streamed.get(i).longValue());
        }
        assertThat(gpt.isTraining()).as("training mode restored").isTrue();
    }

    @Test
    void greedyGenerationIsDeterministic() {
        var gpt = new GPT(TINY, new SplittableRandom(7));
        Tensor idx = tokens(new SplittableRandom(8), 1, 2, 5);
        Tensor a = gpt.generate(idx, 5, Sampler.greedy(), new SplittableRandom(1));
        Tensor b = gpt.generate(idx, 5, Sampler.greedy(), new SplittableRandom(2));
        assertThat(a.toLongArray()).containsExactly(b.toLongArray());
    }
}
