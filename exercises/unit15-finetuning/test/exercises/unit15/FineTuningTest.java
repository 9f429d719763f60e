package exercises.unit15;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import jgrad.DType;
import jgrad.Grad;
import jgrad.Tensor;
import jgrad.data.MaskedLanguageModeling;
import jgrad.nn.Linear;
import jgrad.nn.LoraLinear;
import jgrad.optim.SGD;
import jgrad.optim.WarmupLinearLR;
import jgrad.text.WordPiece;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Graded tests of the unit 15 exercise. The references are jgrad's own classes: {@link WordPiece}
 * (task 1), {@link MaskedLanguageModeling} with the same seed (task 2), {@link WarmupLinearLR}
 * (task 3), {@link LoraLinear}'s forward and its autograd gradients (tasks 4 and 5).
 */
class FineTuningTest {
    private static final Set<String> VOCAB = Set.of("[UNK]", "un", "##aff", "##able", "##a", "a", "##b", "want",
            "##want", "##ed", "runn", "##ing", "lowest", "low", "##est", "é", "##é");

    // ---- task 1: WordPiece ----------------------------------------------------------------------

    @Test
    @Tag("task1")
    void unaffableSplitsIntoThreePieces() {
        assertEquals(List.of("un", "##aff", "##able"), WordPieceByHand.split("unaffable", VOCAB), "split(\"unaffable\")");
    }

    @Test
    @Tag("task1")
    void splitsMatchJgradsWordPieceOnManyWords() {
        Map<String, Integer> ids = new HashMap<>();
        VOCAB.forEach(t -> ids.put(t, ids.size()));
        var reference = new WordPiece(ids, "[UNK]", 100);
        for (String word : List.of("unwanted", "running", "lowest", "lowestest", "unwantedx", "aaab", "éé", "x", "a", "unaffablea")) {
            assertEquals(reference.split(word), WordPieceByHand.split(word, VOCAB), "split(\"" + word + "\")");
        }
    }

    // ---- task 2: masking ------------------------------------------------------------------------

    @Test
    @Tag("task2")
    void maskingMatchesJgradWithTheSameSeed() {
        Set<Integer> specials = Set.of(0, 1, 2, 3, 4);
        var random = new SplittableRandom(5);
        long[] ids = new long[300];
        for (int i = 0; i < ids.length; i++) ids[i] = i % 37 == 0 ? 2 : 5 + random.nextInt(25);
        for (long seed : new long[] {1, 2, 3}) {
            long[][] yours = Masking.mask(ids, specials, 4, 30, 0.15, new SplittableRandom(seed));
            var expected = MaskedLanguageModeling.mask(Tensor.of(ids, 1, ids.length), null, specials, 4, 30, 0.15,
                    new SplittableRandom(seed));
            assertArrayEquals(expected.inputIds().toLongArray(), yours[0], "inputs, seed " + seed);
            assertArrayEquals(expected.labels().toLongArray(), yours[1], "labels, seed " + seed);
        }
    }

    @Test
    @Tag("task2")
    void specialTokensAreNeverChosen() {
        long[][] out = Masking.mask(new long[] {2, 9, 3}, Set.of(2, 3), 4, 10, 1.0, new SplittableRandom(0));
        assertEquals(-100, out[1][0], "label of [CLS]");
        assertEquals(9, out[1][1], "label of the chosen token");
        assertEquals(-100, out[1][2], "label of [SEP]");
    }

    // ---- task 3: schedule -----------------------------------------------------------------------

    @Test
    @Tag("task3")
    void scheduleMatchesWarmupLinearLR() {
        var optimizer = new SGD(List.of(Tensor.zeros(1).requiresGrad(true)), 2e-5);
        var schedule = new WarmupLinearLR(optimizer, 10, 100);
        for (int step = 0; step <= 110; step++) {
            assertEquals(schedule.lastLr().get(0), Schedule.lr(step, 10, 100, 2e-5), 1e-15, "lr at step " + step);
            schedule.step();
        }
    }

    // ---- tasks 4 and 5: LoRA --------------------------------------------------------------------

    private static LoraLinear lora(SplittableRandom random) {
        var base = new Linear(5, 3, true, random);
        base.to(DType.FLOAT64);
        var lora = new LoraLinear(base, 2, 6.0, 0.0, random);
        try (var ignored = Grad.noGrad()) {       // B starts at zero; give it values so both paths count
            lora.namedParameters().get("lora_B").copy_(Tensor.randn(random, DType.FLOAT64, 3, 2));
        }
        return lora;
    }

    @Test
    @Tag("task4")
    void forwardMatchesLoraLinear() {
        var random = new SplittableRandom(11);
        var lora = lora(random);
        var p = lora.namedParameters();
        Tensor x = Tensor.randn(random, DType.FLOAT64, 4, 5);
        double[] expected = lora.forward(x).toDoubleArray();
        double[] yours = LoraByHand.forward(x, p.get("weight"), p.get("bias"), p.get("lora_A"), p.get("lora_B"), 6.0).toDoubleArray();
        assertArrayEquals(expected, yours, 1e-12, "y = x W^T + b + (alpha/r) x A^T B^T");
    }

    @Test
    @Tag("task5")
    void handGradientsMatchAutograd() {
        var random = new SplittableRandom(12);
        var lora = lora(random);
        var p = lora.namedParameters();
        Tensor x = Tensor.randn(random, DType.FLOAT64, 4, 5);
        Tensor upstream = Tensor.randn(random, DType.FLOAT64, 4, 3);
        lora.forward(x).backward(upstream);
        Tensor[] yours = LoraByHand.gradients(x, p.get("lora_A").detach(), p.get("lora_B").detach(), 6.0, upstream);
        assertArrayEquals(new int[] {2, 5}, yours[0].shape(), "shape of dA");
        assertArrayEquals(new int[] {3, 2}, yours[1].shape(), "shape of dB");
        assertArrayEquals(p.get("lora_A").grad().toDoubleArray(), yours[0].toDoubleArray(), 1e-12, "dL/dA");
        assertArrayEquals(p.get("lora_B").grad().toDoubleArray(), yours[1].toDoubleArray(), 1e-12, "dL/dB");
    }
}
