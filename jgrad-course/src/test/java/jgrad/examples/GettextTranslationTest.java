package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import jgrad.DType;
import jgrad.nn.functional.F;
import org.junit.jupiter.api.Test;

class GettextTranslationTest {

    private static final List<GettextTranslation.Pair> PAIRS = List.of(new GettextTranslation.Pair("Save", "Enregistrer"),
            new GettextTranslation.Pair("Open file", "Ouvrir le fichier"), new GettextTranslation.Pair("Quit", "Quitter"));

    /** Decoder inputs are START then the target; labels are the target then END, and -100 on the padding after it. */
    @Test
    void batchesShiftTheTargetAndIgnoreItsPadding() {
        var data = GettextTranslation.split(PAIRS, 1_000_000, 0);
        var batch = GettextTranslation.batch(PAIRS, data);
        int start = data.start(), end = data.end();
        assertThat(batch.targetInput().shape()).containsExactly(3, "Ouvrir le fichier".length() + 1);
        long[] input = batch.targetInput().toLongArray(), labels = batch.labels().toLongArray();
        int width = batch.targetInput().size(1);
        int[] save = data.target().encode("Enregistrer");
        assertThat(input[0]).isEqualTo(start);
        for (int j = 0; j < save.length; j++) {
            assertThat(labels[j]).as("label %d", j).isEqualTo(save[j]);
            assertThat(input[j + 1]).as("input %d", j + 1).isEqualTo(save[j]);
        }
        assertThat(labels[save.length]).as("END after the message").isEqualTo(end);
        for (int j = save.length + 1; j < width; j++) assertThat(labels[j]).as("padding label %d", j).isEqualTo(F.DEFAULT_IGNORE_INDEX);
        assertThat(data.source().decode(java.util.Arrays.stream(batch.source().toLongArray()).limit(4).mapToInt(x -> (int) x).toArray()))
                .isEqualTo("Save");
    }

    private static final Path CATALOGUES = Path.of("/usr/share/locale/fr/LC_MESSAGES");

    private static void assumeFrenchCatalogues() throws IOException {
        assumeTrue(Files.isDirectory(CATALOGUES), "no French gettext catalogues in " + CATALOGUES);
        try (Stream<Path> files = Files.list(CATALOGUES)) {
            assumeTrue(files.anyMatch(p -> p.toString().endsWith(".mo")), "no .mo files in " + CATALOGUES);
        }
    }

    /** On the French catalogues Debian installs: held-out English messages never occur in training. */
    @Test
    void heldOutMessagesNeverOccurInTraining() throws IOException {
        assumeFrenchCatalogues();
        var data = GettextTranslation.split(GettextTranslation.pairs(CATALOGUES), 20, 200);
        assertThat(data.test()).isNotEmpty();
        var training = new HashSet<String>();
        data.train().forEach(p -> training.add(p.english()));
        assertThat(data.test()).noneMatch(p -> training.contains(p.english()));
        assertThat(data.train()).allMatch(p -> p.english().length() <= GettextTranslation.MAX_SOURCE);
    }

    /**
     * The fast version of the demo, on short messages (English up to 12 characters, French up to 18, so a
     * step is cheap): the GRU with attention, {@value #STEPS} steps of 32, must predict the French of
     * held-out messages better than the French character frequencies do (a model that ignores the English
     * and the characters before), by a nat per character. Measured (13,130 training pairs, 200 held out):
     * 2.11 nats per character against 3.59 for the frequencies, 19 s on the loaded shared 2-core machine.
     */
    @Test
    void aShortRunPredictsHeldOutFrenchBetterThanCharacterFrequencies() throws IOException {
        assumeFrenchCatalogues();
        var shortPairs = GettextTranslation.pairs(CATALOGUES).stream()
                .filter(p -> p.english().length() <= 12 && p.translation().length() <= 18).toList();
        var data = GettextTranslation.split(shortPairs, 20, 200);
        var model = GettextTranslation.gru(data, 1);
        model.to(DType.FLOAT32);
        GettextTranslation.train(model, data, STEPS, 32, 3e-3, 7, "gru+attention", false);
        double loss = GettextTranslation.heldOutLoss(model, data, data.test()), unigram = GettextTranslation.unigramLoss(data, data.test());
        assertThat(loss).as("held-out loss after %d steps, nats per character (character frequencies: %.3f)", STEPS, unigram)
                .isLessThan(unigram - MARGIN);
    }

    /**
     * The same fast setting for the demo's Transformer ({@link GettextTranslation#TRANSFORMER}: pre-norm, no
     * dropout, width 128, 3e-3 with a cosine decay) on BPE units learnt on the training messages:
     * {@value #STEPS} steps of 32 must bring its held-out loss, in nats per French character, at least
     * {@value #TRANSFORMER_MARGIN} below the character frequencies. Measured (13,130 training pairs, 200 held
     * out): 2.593 against 3.585, 19 s on the loaded shared 2-core machine.
     */
    @Test
    void aShortTransformerRunOnBpeUnitsPredictsHeldOutFrenchBetterThanCharacterFrequencies() throws IOException {
        assumeFrenchCatalogues();
        var shortPairs = GettextTranslation.pairs(CATALOGUES).stream()
                .filter(p -> p.english().length() <= 12 && p.translation().length() <= 18).toList();
        var data = GettextTranslation.split(shortPairs, 20, 200, new GettextTranslation.Units(GettextTranslation.BPE_VOCAB));
        var model = GettextTranslation.transformer(data, GettextTranslation.TRANSFORMER, 1);
        model.to(DType.FLOAT32);
        GettextTranslation.train(model, data, STEPS, 32, GettextTranslation.TRANSFORMER_SCHEDULE,
                GettextTranslation.TRANSFORMER.labelSmoothing(), 7, "transformer", false);
        double loss = GettextTranslation.heldOutLoss(model, data, data.test()), unigram = GettextTranslation.unigramLoss(data, data.test());
        assertThat(loss).as("held-out loss after %d steps, nats per character (character frequencies: %.3f)", STEPS, unigram)
                .isLessThan(unigram - TRANSFORMER_MARGIN);
    }

    private static final int STEPS = 150;
    private static final double TRANSFORMER_MARGIN = 0.8;
    private static final double MARGIN = 1.0;
}
