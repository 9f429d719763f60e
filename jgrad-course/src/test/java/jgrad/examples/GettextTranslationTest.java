package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
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
        int start = GettextTranslation.id(data, '\u0002'), end = GettextTranslation.id(data, '\u0003');
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

    /** On the French catalogues Debian installs: held-out English messages never occur in training. */
    @Test
    void heldOutMessagesNeverOccurInTraining() throws IOException {
        Path dir = Path.of("/usr/share/locale/fr/LC_MESSAGES");
        assumeTrue(Files.isDirectory(dir), "no French gettext catalogues in " + dir);
        try (Stream<Path> files = Files.list(dir)) {
            assumeTrue(files.anyMatch(p -> p.toString().endsWith(".mo")), "no .mo files in " + dir);
        }
        var data = GettextTranslation.split(GettextTranslation.pairs(dir), 20, 200);
        assertThat(data.test()).isNotEmpty();
        var training = new HashSet<String>();
        data.train().forEach(p -> training.add(p.english()));
        assertThat(data.test()).noneMatch(p -> training.contains(p.english()));
        assertThat(data.train()).allMatch(p -> p.english().length() <= GettextTranslation.MAX_SOURCE);
    }
}
